package io.symphony.redis.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import io.symphony.redis.keys.HashTagMode;
import io.symphony.redis.keys.KeyFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The processing keys of a batch list hash to the list's Cluster slot, whatever the ids. */
class BatchKeysUnitTests {

    private static final List<String> IDS = List.of("plain", "a:b", "{tag}", "}{", "*", "é🙂", "x\\y", "%3A");

    @ParameterizedTest(name = "{displayName} [{0}]")
    @EnumSource(HashTagMode.class)
    void processingKeysShareTheListsSlot(HashTagMode mode) {
        KeyFactory keys = KeyFactory.builder().hashTagMode(mode).build();
        for (String tenant : IDS) {
            for (String id : IDS) {
                BatchKeys k = BatchKeys.of(keys, tenant, id, id, id);
                int slot = SlotHash.getSlot(k.list());
                assertThat(SlotHash.getSlot(k.inflight())).as(k.inflight()).isEqualTo(slot);
                assertThat(SlotHash.getSlot(k.claims())).as(k.claims()).isEqualTo(slot);
                assertThat(k.inflight()).isNotEqualTo(k.list()).isNotEqualTo(k.claims());
                assertThat(k.lists() + ":" + k.member()).isEqualTo(k.list());
                assertThat(k.pending()).isEqualTo(keys.pendingBatchesKey(id));
                if (mode == HashTagMode.TENANT) {
                    assertThat(SlotHash.getSlot(k.lists())).as("active set in the tenant's slot").isEqualTo(slot);
                }
            }
        }
    }

    @ParameterizedTest(name = "{displayName} [{0}]")
    @EnumSource(HashTagMode.class)
    void layoutIsDocumented(HashTagMode mode) {
        BatchKeys k = BatchKeys.of(KeyFactory.builder().hashTagMode(mode).build(), "acme", "svc", "ent", "act");
        if (mode == HashTagMode.NONE) {
            assertThat(k.list()).isEqualTo("acme:batch:svc:ent:act");
            assertThat(k.inflight()).isEqualTo("{acme:batch:svc:ent:act}:inflight");
            assertThat(k.claims()).isEqualTo("{acme:batch:svc:ent:act}:claims");
            assertThat(k.lists()).isEqualTo("acme:batch:svc");
        } else {
            assertThat(k.list()).isEqualTo("{acme}:batch:svc:ent:act");
            assertThat(k.inflight()).isEqualTo("{acme}:batch:svc:ent:act:inflight");
            assertThat(k.claims()).isEqualTo("{acme}:batch:svc:ent:act:claims");
            assertThat(k.lists()).isEqualTo("{acme}:batch:svc");
        }
        assertThat(k.member()).isEqualTo("ent:act");
        assertThat(k.pending()).isEqualTo("pending_batches:svc");
        assertThat(k.tenant()).isEqualTo("acme");
    }
}
