package io.symphony.redis.codec;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads {@code boolean[]} through the {@code Boolean} deserializer, so its elements accept {@code "1"}/{@code "0"}
 * like single boolean properties do (Jackson's own primitive-array reader bypasses element deserializers).
 */
final class DigitBooleanArrayDeserializer extends StdDeserializer<boolean[]> {

    DigitBooleanArrayDeserializer() {
        super(boolean[].class);
    }

    @Override
    public boolean[] deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        Boolean[] boxed = context.readValue(parser, Boolean[].class);
        boolean[] values = new boolean[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            if (boxed[i] == null) {
                return context.reportInputMismatch(this, "null element at index %d of a boolean[]", i);
            }
            values[i] = boxed[i];
        }
        return values;
    }
}
