package io.symphony.redis.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * Sits between Jackson's serializers and a JSON generator and changes what Python prints differently: floats as
 * Python's repr ({@code NaN}/{@code Infinity} for the specials), in <em>model</em> mode every boolean as the string
 * {@code "1"}/{@code "0"}, and a scalar at the root captured as Python's {@code str()} of it (strings raw, booleans
 * {@code 1}/{@code 0}, floats as repr with {@code nan}/{@code inf}) instead of being written as JSON.
 */
final class PythonGenerator extends JsonGeneratorDelegate {

    private final boolean model;
    private final char[] number = new char[PythonFloatFormat.MAX_CHARS];
    private @Nullable String rootScalar;

    PythonGenerator(JsonGenerator json, boolean model) {
        super(json, false);
        this.model = model;
    }

    /** The root value's text if it was a scalar, else null (the generator's output holds the JSON). */
    @Nullable String rootScalar() {
        return rootScalar;
    }

    private boolean atRoot() {
        return delegate.streamWriteContext().inRoot();
    }

    private JsonGenerator root(String text) {
        rootScalar = text;
        return this;
    }

    @Override
    public JsonGenerator writeBoolean(boolean state) {
        if (atRoot()) {
            return root(state ? "1" : "0");
        }
        if (model) {
            delegate.writeString(state ? "1" : "0");
        } else {
            delegate.writeBoolean(state);
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(double v) {
        if (atRoot()) {
            return root(PythonFloatFormat.repr(v));
        }
        if (Double.isFinite(v)) {
            delegate.writeNumber(number, 0, PythonFloatFormat.finite(v, number));
        } else {
            delegate.writeNumber(PythonFloatFormat.json(v));
        }
        return this;
    }

    @Override
    public JsonGenerator writeNumber(float v) {
        return writeNumber(PythonJson.widen(v));
    }

    @Override
    public JsonGenerator writeNumber(short v) {
        return atRoot() ? root(Short.toString(v)) : super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(int v) {
        return atRoot() ? root(Integer.toString(v)) : super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(long v) {
        return atRoot() ? root(Long.toString(v)) : super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(BigInteger v) {
        return atRoot() ? root(v.toString()) : super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(BigDecimal v) {
        return atRoot() ? root(v.toString()) : super.writeNumber(v);
    }

    @Override
    public JsonGenerator writeNumber(String encodedValue) {
        return atRoot() ? root(encodedValue) : super.writeNumber(encodedValue);
    }

    @Override
    public JsonGenerator writeString(String text) {
        return atRoot() ? root(text) : super.writeString(text);
    }

    @Override
    public JsonGenerator writeString(char[] text, int offset, int len) {
        return atRoot() ? root(new String(text, offset, len)) : super.writeString(text, offset, len);
    }

    @Override
    public JsonGenerator writeString(SerializableString text) {
        return atRoot() ? root(text.getValue()) : super.writeString(text);
    }

    @Override
    public JsonGenerator writeNull() {
        return atRoot() ? root("null") : super.writeNull();
    }

    @Override
    public JsonGenerator writeBinary(Base64Variant b64variant, byte[] data, int offset, int len) {
        if (atRoot()) {
            return root(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(data, offset, offset + len)));
        }
        return super.writeBinary(b64variant, data, offset, len);
    }
}
