package io.symphony.redis.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFactoryUnitTests {

    private final KeyFactory keys = KeyFactory.defaults();
    private final KeyFactory tagged = KeyFactory.builder().hashTagMode(HashTagMode.TENANT).build();

    @Test
    void defaults_buildTheOriginalKeys() {
        assertThat(keys.userKey("acme", "u1")).isEqualTo("acme:user:u1");
        assertThat(keys.handlerStateKey("acme", "chat_handler", "u1")).isEqualTo("acme:state:chat_handler:u1");
        assertThat(keys.sharedStateKey("acme", "conversation", "u1")).isEqualTo("acme:SS:conversation:u1");
        assertThat(keys.batchListKey("acme", "email_service", "daily_reports", "send"))
                .isEqualTo("acme:batch:email_service:daily_reports:send");
        assertThat(keys.pendingBatchesKey("email_service")).isEqualTo("pending_batches:email_service");
        assertThat(keys.genericKey("acme", "config")).isEqualTo("acme:config");
        assertThat(keys.triggerKey("acme", "send_reminder", "user_42"))
                .isEqualTo("acme:EXPTRIGGER:send_reminder:user_42");
        assertThat(keys.tableRowKey("acme", "products", "p1")).isEqualTo("acme:df:products:pkid:p1");
    }

    @Test
    void plainUnicodeAndPunctuation_stayAsTheyAre() {
        assertThat(keys.userKey("café ß", "jane.doe+x@example.com"))
                .isEqualTo("café ß:user:jane.doe+x@example.com");
        assertThat(keys.userKey("acme", "😀-中文_ש")).isEqualTo("acme:user:😀-中文_ש");
    }

    @Test
    void colon_isEscapedReversiblyInsteadOfTheLossyUnderscore() {
        assertThat(keys.tableRowKey("acme", "products", "p:1")).isEqualTo("acme:df:products:pkid:p%3A1");
        assertThat(keys.tableRowKey("acme", "products", "p_1")).isEqualTo("acme:df:products:pkid:p_1");
        assertThat(keys.triggerKey("acme", "send_reminder", "user:42"))
                .isEqualTo("acme:EXPTRIGGER:send_reminder:user%3A42");
        assertThat(keys.parseTrigger("acme:EXPTRIGGER:send_reminder:user%3A42"))
                .contains(new TriggerKey("acme", "send_reminder", "user:42",
                        "acme:EXPTRIGGER:send_reminder:user%3A42"));
    }

    @Test
    void escape_encodesExactlyTheNineCharacters() {
        assertThat(KeyFactory.escape("%:*?[]\\{}")).isEqualTo("%25%3A%2A%3F%5B%5D%5C%7B%7D");
        assertThat(KeyFactory.escape("a^b!~#$&'()=,;\"<>|/ _-.@+")).isEqualTo("a^b!~#$&'()=,;\"<>|/ _-.@+");
        assertThat(KeyFactory.escape("%3A")).isEqualTo("%253A");
        assertThat(KeyFactory.unescape("%253A")).isEqualTo("%3A");
        assertThat(KeyFactory.unescape("%25%3A%2A%3F%5B%5D%5C%7B%7D")).isEqualTo("%:*?[]\\{}");
    }

    @Test
    void plainEscape_returnsTheSameInstance() {
        String plain = "chat_handler";
        assertThat(KeyFactory.escape(plain)).isSameAs(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%3", "%3a", "%41", "%2a", "%GG", "a:b", "a*", "?", "[", "]", "\\", "{x}", "",
        "a\nb", "\uD800", "%%3A"})
    void unescape_rejectsWhatEscapeCannotProduce(String malformed) {
        assertThatThrownBy(() -> KeyFactory.unescape(malformed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("escaped component ");
    }

    @Test
    void tenantHashTag_wrapsTheEscapedTenant() {
        assertThat(tagged.userKey("acme", "u1")).isEqualTo("{acme}:user:u1");
        assertThat(tagged.userKey("a:b{c}", "u1")).isEqualTo("{a%3Ab%7Bc%7D}:user:u1");
        assertThat(tagged.batchListKey("acme", "email_service", "daily_reports", "send"))
                .isEqualTo("{acme}:batch:email_service:daily_reports:send");
        assertThat(tagged.genericKey("acme", "config")).isEqualTo("{acme}:config");
        assertThat(tagged.pendingBatchesKey("email_service")).isEqualTo("pending_batches:email_service");
        assertThat(tagged.userPattern("acme")).isEqualTo("{acme}:user:*");
    }

    @Test
    void customPrefixes_areUsed() {
        KeyFactory custom = KeyFactory.builder().userPrefix("U").handlerPrefix("H").tablePrefix("T").pkMarker("PK")
                .triggerPrefix("TR").sharedStatePrefix("S").batchListPrefix("B").pendingSetPrefix("P").build();
        assertThat(custom.userKey("t", "u")).isEqualTo("t:U:u");
        assertThat(custom.handlerStateKey("t", "h", "u")).isEqualTo("t:H:h:u");
        assertThat(custom.tableRowKey("t", "tb", "1")).isEqualTo("t:T:tb:PK:1");
        assertThat(custom.triggerKey("t", "a", "i")).isEqualTo("t:TR:a:i");
        assertThat(custom.sharedStateKey("t", "s", "u")).isEqualTo("t:S:s:u");
        assertThat(custom.batchListKey("t", "s", "e", "a")).isEqualTo("t:B:s:e:a");
        assertThat(custom.pendingBatchesKey("s")).isEqualTo("P:s");
        assertThat(custom.parseTrigger("t:TR:a:i")).map(TriggerKey::action).contains("a");
    }

    static Stream<Arguments> invalidComponents() {
        return KeyCorpus.INVALID.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("invalidComponents")
    void everyBuilder_rejectsAnInvalidComponentAndNamesIt(String bad) {
        assertRejected(() -> keys.userKey(bad, "u"), "tenant");
        assertRejected(() -> keys.userKey("t", bad), "userId");
        assertRejected(() -> keys.handlerStateKey("t", bad, "u"), "handlerName");
        assertRejected(() -> keys.tableRowKey("t", bad, "p"), "table");
        assertRejected(() -> keys.tableRowKey("t", "tb", bad), "pkid");
        assertRejected(() -> keys.triggerKey("t", bad, "i"), "action");
        assertRejected(() -> keys.triggerKey("t", "a", bad), "identifier");
        assertRejected(() -> keys.sharedStateKey("t", bad, "u"), "stateName");
        assertRejected(() -> keys.batchListKey("t", bad, "e", "a"), "service");
        assertRejected(() -> keys.batchListKey("t", "s", bad, "a"), "entity");
        assertRejected(() -> keys.pendingBatchesKey(bad), "service");
        assertRejected(() -> keys.genericKey("t", bad), "keyBase");
        assertRejected(() -> keys.sharedStatesPattern("t", bad), "userId");
        assertRejected(() -> keys.parseUserId(bad, "t:user:u"), "tenant");
        assertRejected(() -> KeyFactory.escape(bad), "component");
    }

    @Test
    void nullComponents_areRejectedAsIllegalArguments() {
        assertRejected(() -> keys.userKey(nullString(), "u"), "tenant must not be null");
        assertRejected(() -> keys.handlerStateKey("t", "h", nullString()), "userId must not be null");
        assertThatNullPointerException().isThrownBy(() -> keys.parseTrigger(nullString())).withMessage("key");
        assertThatNullPointerException().isThrownBy(() -> KeyFactory.globEscape(nullString()));
    }

    @Test
    void rejectionMessages_sayWhy() {
        assertRejected(() -> keys.userKey("t", ""), "userId must not be empty");
        assertRejected(() -> keys.userKey("t", "a\nb"), "userId must not contain the control character U+000A");
        assertRejected(() -> keys.userKey("t", "a\uD800"), "userId must not contain the unpaired surrogate U+D800");
        assertRejected(() -> keys.userKey("t", ":".repeat(171)), "userId is 513 UTF-8 bytes after escaping, max 512");
    }

    @Test
    void componentLimit_countsEscapedUtf8Bytes() {
        assertThat(keys.userKey("t", "x".repeat(512))).endsWith("x".repeat(512));
        assertThat(keys.userKey("t", ":".repeat(170))).endsWith("%3A".repeat(170));
        assertThat(keys.userKey("t", "😀".repeat(128))).endsWith("😀".repeat(128));
        assertRejected(() -> keys.userKey("t", "😀".repeat(129)), "userId is 516 UTF-8 bytes");
    }

    @Test
    void keyLimit_isEnforcedOnTheWholeKey() {
        String big = "x".repeat(510);
        assertThat(keys.handlerStateKey("t", big, "y".repeat(505))).hasSize(1024);
        assertRejected(() -> keys.handlerStateKey("t", big, "y".repeat(506)),
                "handler state key is 1025 UTF-8 bytes, max 1024");
        KeyFactory small = KeyFactory.builder().maxKeyBytes(12).build();
        assertThat(small.userKey("acme", "u1")).isEqualTo("acme:user:u1");
        assertRejected(() -> small.userKey("acme", "u12"), "user key is 13 UTF-8 bytes, max 12");
        assertRejected(() -> small.pendingBatchesKey("s"), "pending batches key is 17 UTF-8 bytes, max 12");
        assertThat(small.parseUserId("acme", "acme:user:u12")).isEmpty();
        assertThat(small.userKey("acme", "é")).as("11 characters, 12 UTF-8 bytes").hasSize(11);
        assertRejected(() -> small.userKey("acme", "éé"), "user key is 14 UTF-8 bytes, max 12");
    }

    @Test
    void componentLimit_countsUtf8Bytes_notCharacters() {
        assertThat(keys.genericKey("t", "é".repeat(256))).hasSize(258);
        assertRejected(() -> keys.genericKey("t", "é".repeat(257)),
                "keyBase is 514 UTF-8 bytes after escaping, max 512");
    }

    @Test
    void requireTenant_checksTheTenantAsEveryKeyDoes() {
        assertThat(keys.requireTenant("acme:eu*")).isEqualTo("acme:eu*");
        assertRejected(() -> keys.requireTenant(""), "tenant must not be empty");
        assertRejected(() -> keys.requireTenant("a\nb"), "tenant must not contain the control character U+000A");
        assertRejected(() -> keys.requireTenant("x".repeat(513)), "tenant is 513 UTF-8 bytes after escaping");
        assertRejected(() -> tagged.requireTenant("pending_batches"), "tenant must not equal the pending-set prefix");
    }

    @Test
    void tenantEqualToThePendingSetPrefix_isRejected() {
        assertRejected(() -> keys.genericKey("pending_batches", "email_service"),
                "tenant must not equal the pending-set prefix 'pending_batches'");
        assertRejected(() -> tagged.userKey("pending_batches", "u"), "tenant must not equal");
        KeyFactory custom = KeyFactory.builder().pendingSetPrefix("P").build();
        assertThat(custom.genericKey("pending_batches", "x")).isEqualTo("pending_batches:x");
        assertRejected(() -> custom.genericKey("P", "x"), "tenant must not equal the pending-set prefix 'P'");
    }

    @Test
    void builder_rejectsBadSettings() {
        assertRejected(() -> KeyFactory.builder().userPrefix("us:er"), "userPrefix must not contain any of");
        assertRejected(() -> KeyFactory.builder().tablePrefix("d*"), "tablePrefix must not contain any of");
        assertRejected(() -> KeyFactory.builder().pkMarker("{pk}"), "pkMarker must not contain any of");
        assertRejected(() -> KeyFactory.builder().pendingSetPrefix("p%"), "pendingSetPrefix must not contain");
        assertRejected(() -> KeyFactory.builder().triggerPrefix(""), "triggerPrefix must not be empty");
        assertRejected(() -> KeyFactory.builder().handlerPrefix("a\tb"), "handlerPrefix must not contain the");
        assertRejected(() -> KeyFactory.builder().sharedStatePrefix(nullString()), "sharedStatePrefix must not be");
        assertRejected(() -> KeyFactory.builder().batchListPrefix("x".repeat(513)), "batchListPrefix is 513");
        assertRejected(() -> KeyFactory.builder().maxKeyBytes(0), "maxKeyBytes must be between 1 and 536870912, was 0");
        assertRejected(() -> KeyFactory.builder().maxKeyBytes(KeyFactory.MAX_MAX_KEY_BYTES + 1), "maxKeyBytes");
        assertThatNullPointerException().isThrownBy(() -> KeyFactory.builder().hashTagMode(nullMode()));
        assertRejected(() -> KeyFactory.builder().sharedStatePrefix("state").build(),
                "handlerPrefix and sharedStatePrefix must differ, both are 'state'");
        assertRejected(() -> KeyFactory.builder().batchListPrefix("df").build(),
                "tablePrefix and batchListPrefix must differ");
    }

    @Test
    void toBuilder_roundTripsEveryField() throws IllegalAccessException {
        KeyFactory custom = KeyFactory.builder().userPrefix("U").handlerPrefix("H").tablePrefix("T").pkMarker("PK")
                .triggerPrefix("TR").sharedStatePrefix("S").batchListPrefix("B").pendingSetPrefix("P")
                .hashTagMode(HashTagMode.TENANT).maxKeyBytes(77).build();
        KeyFactory copy = custom.toBuilder().build();
        List<String> compared = new ArrayList<>();
        for (Field field : KeyFactory.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            assertThat(field.get(custom)).as("test must set %s to a non-default value", field.getName())
                    .isNotEqualTo(field.get(KeyFactory.defaults()));
            assertThat(field.get(copy)).as(field.getName()).isEqualTo(field.get(custom));
            compared.add(field.getName());
        }
        assertThat(compared).hasSize(10);
        assertThat(copy).isEqualTo(custom).hasSameHashCodeAs(custom).hasToString(custom.toString());
        assertThat(KeyFactory.defaults().toBuilder().build()).isEqualTo(KeyFactory.defaults());
        assertThat(custom).isNotEqualTo(KeyFactory.defaults());
    }

    @Test
    void accessors_reportTheDefaults() {
        assertThat(keys.userPrefix()).isEqualTo("user");
        assertThat(keys.handlerPrefix()).isEqualTo("state");
        assertThat(keys.tablePrefix()).isEqualTo("df");
        assertThat(keys.pkMarker()).isEqualTo("pkid");
        assertThat(keys.triggerPrefix()).isEqualTo("EXPTRIGGER");
        assertThat(keys.sharedStatePrefix()).isEqualTo("SS");
        assertThat(keys.batchListPrefix()).isEqualTo("batch");
        assertThat(keys.pendingSetPrefix()).isEqualTo("pending_batches");
        assertThat(keys.hashTagMode()).isEqualTo(HashTagMode.NONE);
        assertThat(keys.maxKeyBytes()).isEqualTo(1024);
    }

    @Test
    void patterns_haveTheOriginalShape() {
        assertThat(keys.userPattern("acme")).isEqualTo("acme:user:*");
        assertThat(keys.tableRowPattern("acme", "products")).isEqualTo("acme:df:products:pkid:*");
        assertThat(keys.tableRowsByPkidPattern("acme", "p1")).isEqualTo("acme:df:*:pkid:p1");
        assertThat(keys.triggersByIdentifierPattern("acme", "user_42")).isEqualTo("acme:EXPTRIGGER:*:user_42");
        assertThat(keys.sharedStatesPattern("acme", "u1")).isEqualTo("acme:SS:*:u1");
        assertThat(keys.handlerStatesPattern("acme", "u1")).isEqualTo("acme:state:*:u1");
        assertThat(tagged.sharedStatesPattern("acme", "u1")).isEqualTo("{acme}:SS:*:u1");
    }

    @Test
    void patterns_neutraliseGlobCharacters() {
        assertThat(keys.sharedStatesPattern("acme", "*")).isEqualTo("acme:SS:*:%2A");
        assertThat(keys.userPattern("a*")).isEqualTo("a%2A:user:*");
        assertThat(keys.tableRowsByPkidPattern("acme", "[x]?")).isEqualTo("acme:df:*:pkid:%5Bx%5D%3F");
        assertThat(keys.triggersByIdentifierPattern("acme", "\\")).isEqualTo("acme:EXPTRIGGER:*:%5C");
    }

    @Test
    void globEscape_escapesTheFiveMetacharacters() {
        assertThat(KeyFactory.globEscape("a*b?c[d]e\\f{g}:%")).isEqualTo("a\\*b\\?c\\[d\\]e\\\\f{g}:%");
        String plain = "acme:user:";
        assertThat(KeyFactory.globEscape(plain)).isSameAs(plain);
    }

    @Test
    void defect11_starUserCannotReachOtherUsersOrTenants() {
        String pattern = keys.sharedStatesPattern("acme", "*");
        assertThat(RedisGlob.matches(pattern, keys.sharedStateKey("acme", "s", "u1"))).isFalse();
        assertThat(RedisGlob.matches(pattern, keys.sharedStateKey("acme", "s", "*"))).isTrue();
        assertThat(RedisGlob.matches(keys.userPattern("*"), keys.userKey("other", "u1"))).isFalse();
        assertThat(RedisGlob.matches(keys.tableRowsByPkidPattern("acme", "*"), keys.tableRowKey("acme", "t", "p")))
                .isFalse();
    }

    @Test
    void defect12_tenantWithColonsStaysOutOfOtherNamespaces() {
        String evil = keys.sharedStateKey("zz:SS:evil", "x", "u1");
        assertThat(evil).isEqualTo("zz%3ASS%3Aevil:SS:x:u1");
        assertThat(RedisGlob.matches(keys.sharedStatesPattern("zz", "u1"), evil)).isFalse();
        assertThat(keys.parseSharedStateName("zz", "u1", evil)).isEmpty();
        assertThat(keys.handlerStateKey("a:batch", "s", "e"))
                .isNotEqualTo(keys.batchListKey("a", "s", "e", "x"))
                .isEqualTo("a%3Abatch:state:s:e");
    }

    @Test
    void userParser_acceptsOnlyTheCallersUserKeys() {
        assertThat(keys.parseUserId("acme", "acme:user:u1")).contains("u1");
        assertThat(keys.parseUserId("acme", "acme:user:u%3A1")).contains("u:1");
        assertThat(keys.parseUserId("acme", "acme:user:u_1")).contains("u_1");
        assertThat(keys.parseUserId("acme", "other:user:u1")).isEmpty();
        assertThat(keys.parseUserId("acme", "acme:user:u:1")).isEmpty();
        assertThat(keys.parseUserId("acme", "acme:user:u%3a1")).isEmpty();
        assertThat(keys.parseUserId("acme", "acme:user:*")).isEmpty();
        assertThat(keys.parseUserId("acme", "acme:user:")).isEmpty();
        assertThat(keys.parseUserId("acme", "acme:users:u1")).isEmpty();
        assertThat(keys.parseUserId("acme", "{acme}:user:u1")).isEmpty();
        assertThat(tagged.parseUserId("acme", "{acme}:user:u1")).contains("u1");
        assertThat(tagged.parseUserId("acme", "acme:user:u1")).isEmpty();
    }

    @Test
    void tableParser_returnsTableAndPkid() {
        assertThat(keys.parseTableRow("acme", "acme:df:products:pkid:p%3A1"))
                .contains(new TableRowId("products", "p:1"));
        assertThat(keys.parseTableRow("acme", "acme:df:products:pkid:p_1")).contains(new TableRowId("products", "p_1"));
        assertThat(keys.parseTableRow("acme", "acme:df:products:pk:p1")).isEmpty();
        assertThat(keys.parseTableRow("acme", "acme:df:a:b:pkid:p1")).isEmpty();
        assertThat(keys.parseTableRow("acme", "acme:df:products:pkid:p:1")).isEmpty();
    }

    @Test
    void userScopedParsers_checkTenantUserAndPrefix() {
        assertThat(keys.parseSharedStateName("acme", "u1", "acme:SS:user_profile:u1")).contains("user_profile");
        assertThat(keys.parseSharedStateName("acme", "u1", "acme:SS:a:b:u1")).isEmpty();
        assertThat(keys.parseSharedStateName("acme", "u1", "acme:SS:a:u2")).isEmpty();
        assertThat(keys.parseSharedStateName("acme", "u1", "acme:state:a:u1")).isEmpty();
        assertThat(keys.parseHandlerName("acme", "u1", "acme:state:chat_handler:u1")).contains("chat_handler");
        assertThat(keys.parseHandlerName("acme", "u:1", "acme:state:h:u%3A1")).contains("h");
        assertThat(keys.parseHandlerName("acme", "u:1", "acme:state:h:u_1")).isEmpty();
        assertThat(keys.parseTriggerAction("acme", "user:42", "acme:EXPTRIGGER:send%3Anow:user%3A42"))
                .contains("send:now");
        assertThat(keys.parseTriggerAction("acme", "user:42", "acme:EXPTRIGGER:send:user_42")).isEmpty();
    }

    @Test
    void triggerParser_worksForAnyTenantInTheFactorysMode() {
        assertThat(keys.parseTrigger("acme:EXPTRIGGER:send_reminder:user_42"))
                .contains(new TriggerKey("acme", "send_reminder", "user_42", "acme:EXPTRIGGER:send_reminder:user_42"));
        assertThat(keys.parseTrigger("zz%3ASS:EXPTRIGGER:a:b")).map(TriggerKey::tenant).contains("zz:SS");
        assertThat(keys.parseTrigger("{acme}:EXPTRIGGER:a:b")).isEmpty();
        assertThat(tagged.parseTrigger("{acme}:EXPTRIGGER:a:b")).map(TriggerKey::tenant).contains("acme");
        assertThat(tagged.parseTrigger("{a%3Ab}:EXPTRIGGER:a:b")).map(TriggerKey::tenant).contains("a:b");
        assertThat(tagged.parseTrigger("acme:EXPTRIGGER:a:b")).isEmpty();
        assertThat(tagged.parseTrigger("{}:EXPTRIGGER:a:b")).isEmpty();
        assertThat(tagged.parseTrigger("{acme:EXPTRIGGER:a:b")).isEmpty();
        assertThat(keys.parseTrigger("pending_batches:EXPTRIGGER:a:b")).isEmpty();
        assertThat(keys.parseTrigger("acme:EXPTRIGGER:a:b:c")).isEmpty();
        assertThat(keys.parseTrigger("acme:EXPTRIGGER:a")).isEmpty();
        assertThat(keys.parseTrigger("acme:user:u1")).isEmpty();
        assertThat(keys.parseTrigger("acme:EXPTRIGGER::b")).isEmpty();
        assertThat(keys.parseTrigger("x:EXPTRIGGER:send_reminder:*")).isEmpty();
        assertThat(keys.parseTrigger("")).isEmpty();
    }

    @Test
    void parsers_validateTheCallersScopeEagerly() {
        assertRejected(() -> keys.parseHandlerName("acme", "", "acme:state:h:u"), "userId must not be empty");
        assertRejected(() -> keys.parseTableRow("", "k"), "tenant must not be empty");
        assertRejected(() -> keys.parseTriggerAction("acme", "a\u0000", "k"), "identifier must not contain");
        assertThatNullPointerException().isThrownBy(() -> keys.parseUserId("acme", nullString()));
    }

    @Test
    void triggerKey_rejectsNullParts() {
        assertThatNullPointerException().isThrownBy(() -> new TriggerKey("t", nullString(), "i", "k"))
                .withMessage("action");
        assertThatNullPointerException().isThrownBy(() -> new TableRowId(nullString(), "p")).withMessage("table");
    }

    private static void assertRejected(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(messagePart);
    }

    private static String nullString() {
        return null;
    }

    private static HashTagMode nullMode() {
        return null;
    }
}
