package io.symphony.redis.codec;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Lets boolean properties also read the strings {@code "1"} and {@code "0"}, which is how the original writes the
 * booleans of a pydantic model; every other input goes to Jackson's own boolean deserializer unchanged, so
 * {@code true}/{@code false}, null handling and coercion rules stay Jackson's.
 */
final class DigitBooleanDeserializer extends DelegatingDeserializer {

    DigitBooleanDeserializer(ValueDeserializer<?> delegate) {
        super(delegate);
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
        return new DigitBooleanDeserializer(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            String text = parser.getString();
            if ("1".equals(text)) {
                return Boolean.TRUE;
            }
            if ("0".equals(text)) {
                return Boolean.FALSE;
            }
        }
        return super.deserialize(parser, context);
    }

    /** Wraps the deserializers of {@code Boolean} and {@code boolean}, leaving every other type alone. */
    static final class Modifier extends ValueDeserializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (type == Boolean.class || type == boolean.class) {
                return new DigitBooleanDeserializer(deserializer);
            }
            return deserializer;
        }
    }
}
