package io.symphony.redis.codec;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;

/** Python's {@code json.dumps} separators ({@code ", "} between entries, {@code ": "} after a name), no indent. */
final class PythonSeparators implements PrettyPrinter {

    static final PythonSeparators INSTANCE = new PythonSeparators();

    private PythonSeparators() {
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
        // One root value per output: nothing separates roots.
    }

    @Override
    public void writeStartObject(JsonGenerator g) {
        g.writeRaw('{');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) {
        g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) {
        g.writeRaw(", ");
    }

    @Override
    public void writeObjectNameValueSeparator(JsonGenerator g) {
        g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) {
        g.writeRaw('[');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) {
        g.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) {
        g.writeRaw(", ");
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {
        // No indentation.
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {
        // No indentation.
    }
}
