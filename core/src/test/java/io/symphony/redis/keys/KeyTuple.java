package io.symphony.redis.keys;

import java.util.List;
import java.util.Random;

/** The inputs of one key: its kind and its components in the order the factory method takes them. */
record KeyTuple(Kind kind, List<String> parts) {

    /** Every kind of key the factory builds, with its number of components. */
    enum Kind {
        USER(2), HANDLER(3), TABLE(3), TRIGGER(3), SHARED(3), BATCH(4), PENDING(1), GENERIC(2);

        final int arity;

        Kind(int arity) {
            this.arity = arity;
        }
    }

    static KeyTuple of(Kind kind, String... parts) {
        return new KeyTuple(kind, List.of(parts));
    }

    /** A tuple of a random kind whose tenant comes from {@code tenants} and other parts from {@code others}. */
    static KeyTuple random(Random random, List<String> tenants, List<String> others) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        String[] parts = new String[kind.arity];
        for (int i = 0; i < parts.length; i++) {
            boolean tenantSlot = i == 0 && kind != Kind.PENDING;
            parts[i] = KeyCorpus.small(random, tenantSlot ? tenants : others);
        }
        return new KeyTuple(kind, List.of(parts));
    }

    String part(int i) {
        return parts.get(i);
    }

    boolean is(Kind k, String tenant) {
        return kind == k && part(0).equals(tenant);
    }

    /** The last component: the user id of user, handler and shared-state keys. */
    String last() {
        return parts.get(parts.size() - 1);
    }

    String build(KeyFactory f) {
        switch (kind) {
            case USER:
                return f.userKey(part(0), part(1));
            case HANDLER:
                return f.handlerStateKey(part(0), part(1), part(2));
            case TABLE:
                return f.tableRowKey(part(0), part(1), part(2));
            case TRIGGER:
                return f.triggerKey(part(0), part(1), part(2));
            case SHARED:
                return f.sharedStateKey(part(0), part(1), part(2));
            case BATCH:
                return f.batchListKey(part(0), part(1), part(2), part(3));
            case PENDING:
                return f.pendingBatchesKey(part(0));
            default:
                return f.genericKey(part(0), part(1));
        }
    }
}
