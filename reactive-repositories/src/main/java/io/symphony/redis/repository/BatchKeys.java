package io.symphony.redis.repository;

import io.symphony.redis.keys.KeyFactory;
import java.util.List;

/**
 * The keys one batch list works with, and the derivation that keeps the processing keys in the list's Cluster slot.
 *
 * <ul>
 * <li>{@code list}: {@code {tenant}:batch:{service}:{entity}:{action}} (the original's key).</li>
 * <li>{@code inflight} and {@code claims}: the list key with a suffix, written so that they hash to the list's
 * slot: with {@link io.symphony.redis.keys.HashTagMode#TENANT} the list key already starts with the tenant's hash
 * tag, so the suffix is appended ({@code {acme}:batch:s:e:a:inflight}); otherwise the whole list key becomes the
 * hash tag ({@code {acme:batch:s:e:a}:inflight}), whose slot is the list key's own slot. Escaped components hold
 * no braces, so the tag is exactly the list key.</li>
 * <li>{@code lists}: {@code {tenant}:batch:{service}}, the set of the tenant's lists of the service that hold
 * work, members {@code {entity}:{action}} (escaped); in the tenant's slot with hash tags, otherwise in its own.</li>
 * <li>{@code pending}: {@code pending_batches:{service}}, global, members are raw tenants (the original's set).</li>
 * </ul>
 */
record BatchKeys(String list, String inflight, String claims, String lists, String pending, String member,
        String tenant) {

    static BatchKeys of(KeyFactory keys, String tenant, String service, String entity, String action) {
        String list = keys.batchListKey(tenant, service, entity, action);
        String tagged = list.startsWith("{") ? list : "{" + list + "}";
        int lastSeparator = list.lastIndexOf(KeyFactory.SEPARATOR);
        int entitySeparator = list.lastIndexOf(KeyFactory.SEPARATOR, lastSeparator - 1);
        return new BatchKeys(list, tagged + ":inflight", tagged + ":claims", list.substring(0, entitySeparator),
                keys.pendingBatchesKey(service), list.substring(entitySeparator + 1), tenant);
    }

    /** The keys of a script that touches the list's slot only. */
    List<String> slotKeys() {
        return List.of(list, inflight, claims);
    }

    /** The keys of a script that also maintains the active-lists and pending sets (single node only). */
    List<String> allKeys() {
        return List.of(list, inflight, claims, lists, pending);
    }
}
