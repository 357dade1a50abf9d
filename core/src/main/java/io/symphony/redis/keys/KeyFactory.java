package io.symphony.redis.keys;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Build every Redis key, SCAN {@code MATCH} pattern and key parser of the toolkit, so that tenant and user
 * isolation cannot be broken by the content of a tenant id, user id or any other component.
 *
 * <h2>Layouts</h2>
 * The separator is {@code :}; the prefixes are set with the {@link Builder} (defaults in brackets):
 * <table>
 * <caption>Key layouts</caption>
 * <tr><th>kind</th><th>key</th></tr>
 * <tr><td>user</td><td>{@code {tenant}:[user]:{userId}}</td></tr>
 * <tr><td>handler state</td><td>{@code {tenant}:[state]:{handlerName}:{userId}}</td></tr>
 * <tr><td>table row</td><td>{@code {tenant}:[df]:{table}:[pkid]:{pkid}}</td></tr>
 * <tr><td>expiry trigger</td><td>{@code {tenant}:[EXPTRIGGER]:{action}:{identifier}}</td></tr>
 * <tr><td>shared state</td><td>{@code {tenant}:[SS]:{stateName}:{userId}}</td></tr>
 * <tr><td>batch list</td><td>{@code {tenant}:[batch]:{service}:{entity}:{action}}</td></tr>
 * <tr><td>pending batches set</td><td>{@code [pending_batches]:{service}} (global, no tenant)</td></tr>
 * <tr><td>generic</td><td>{@code {tenant}:{keyBase}}</td></tr>
 * </table>
 * For example {@code acme:user:u1}, {@code acme:state:chat_handler:u1} and {@code pending_batches:email_service}.
 *
 * <h2>Escaping</h2>
 * Every component, the tenant included, is escaped on its own: each of the nine characters
 * {@code % : * ? [ ] \ { }} is replaced by {@code %} and the two upper-case hex digits of its (single) UTF-8 byte,
 * so {@code :} becomes {@code %3A} and {@code %} becomes {@code %25}. Every other character, including non-ASCII
 * letters, emoji, spaces and {@code _ - . @ +}, is kept as it is. Because the escape character escapes itself,
 * the scheme is injective and {@link #unescape(String)} reverses it; because an escaped component contains no
 * {@code :}, a key splits into its components unambiguously, and because it contains no glob metacharacter and
 * no brace, a component can neither widen a SCAN pattern nor form a Cluster hash tag.
 *
 * <p>Compatibility with the original Python toolkit: for components that contain none of the nine characters,
 * keys are byte-identical to the original's. The original's lossy {@code :} to {@code _} replacement (in table
 * names, primary keys, actions, identifiers, state names and shared-state user ids) is replaced by this escaping,
 * so {@code p:1} and {@code p_1} are different rows; a Python service sharing the Redis sees {@code %3A} where it
 * would have written {@code _}, and a {@code _} it wrote is read back here as a {@code _}.
 *
 * <h2>Validation</h2>
 * Every builder, pattern and parser method validates the components it is given and throws
 * {@link IllegalArgumentException}, whose message names the component and the reason, before anything can reach
 * Redis, when a component
 * <ul>
 * <li>is {@code null} or empty,</li>
 * <li>contains an ISO control character ({@code U+0000}-{@code U+001F}, {@code U+007F}-{@code U+009F}, which
 * includes {@code \n \r \t \0}),</li>
 * <li>contains an unpaired surrogate,</li>
 * <li>is longer than {@value #MAX_COMPONENT_BYTES} UTF-8 bytes after escaping, or</li>
 * <li>is a tenant equal to the pending-set prefix (its generic keys would collide with the global pending
 * sets),</li>
 * </ul>
 * or when the whole key is longer than {@link #maxKeyBytes()} UTF-8 bytes. A {@code null} key given to a parser
 * throws {@link NullPointerException}.
 *
 * <h2>Hash tags</h2>
 * With {@link HashTagMode#TENANT} the escaped tenant is wrapped in braces ({@code {acme}:user:u1}), so all keys of
 * one tenant share a Cluster slot. The pending-batches set is a global key and keeps its own slot in every mode.
 *
 * <h2>SCAN patterns and parsers</h2>
 * The {@code *Pattern} methods return {@code MATCH} patterns whose literal parts are glob-escaped with
 * {@link #globEscape(String)}. A glob {@code *} also matches {@code :}, so a pattern alone is not a scope check for
 * keys written by someone else: callers SCAN with the pattern and keep only the keys the paired {@code parse*}
 * method accepts. A parser returns a value only if the key is exactly the key this factory would build for the
 * caller's scope and the returned components, and is empty for any other key.
 *
 * <p>Instances are immutable and thread-safe; no method runs a Redis command.
 *
 * @since 0.1
 */
public final class KeyFactory {

    /** The separator between key components. */
    public static final char SEPARATOR = ':';
    /** The default prefix of user hashes. */
    public static final String DEFAULT_USER_PREFIX = "user";
    /** The default prefix of handler-state hashes. */
    public static final String DEFAULT_HANDLER_PREFIX = "state";
    /** The default prefix of table-row hashes. */
    public static final String DEFAULT_TABLE_PREFIX = "df";
    /** The default marker between table name and primary key. */
    public static final String DEFAULT_PK_MARKER = "pkid";
    /** The default prefix of expiry-trigger keys. */
    public static final String DEFAULT_TRIGGER_PREFIX = "EXPTRIGGER";
    /** The default prefix of shared-state hashes. */
    public static final String DEFAULT_SHARED_STATE_PREFIX = "SS";
    /** The default prefix of batch lists. */
    public static final String DEFAULT_BATCH_LIST_PREFIX = "batch";
    /** The default prefix of the global pending-batches sets. */
    public static final String DEFAULT_PENDING_SET_PREFIX = "pending_batches";
    /** The default hash-tag mode, which keeps keys identical to the original's. */
    public static final HashTagMode DEFAULT_HASH_TAG_MODE = HashTagMode.NONE;
    /** The default largest UTF-8 size of a whole key. */
    public static final int DEFAULT_MAX_KEY_BYTES = 1024;
    /** The largest UTF-8 size of one component after escaping. */
    public static final int MAX_COMPONENT_BYTES = KeyComponents.MAX_COMPONENT_BYTES;
    /** The largest {@link Builder#maxKeyBytes(int)} accepted: Redis' 512 MB limit. */
    public static final int MAX_MAX_KEY_BYTES = 512 * 1024 * 1024;

    private static final KeyFactory DEFAULTS = new Builder().build();

    private final String userPrefix;
    private final String handlerPrefix;
    private final String tablePrefix;
    private final String pkMarker;
    private final String triggerPrefix;
    private final String sharedStatePrefix;
    private final String batchListPrefix;
    private final String pendingSetPrefix;
    private final HashTagMode hashTagMode;
    private final int maxKeyBytes;

    private KeyFactory(Builder b) {
        this.userPrefix = b.userPrefix;
        this.handlerPrefix = b.handlerPrefix;
        this.tablePrefix = b.tablePrefix;
        this.pkMarker = b.pkMarker;
        this.triggerPrefix = b.triggerPrefix;
        this.sharedStatePrefix = b.sharedStatePrefix;
        this.batchListPrefix = b.batchListPrefix;
        this.pendingSetPrefix = b.pendingSetPrefix;
        this.hashTagMode = b.hashTagMode;
        this.maxKeyBytes = b.maxKeyBytes;
    }

    /**
     * Return the factory with every default: the original's prefixes, no hash tags, 1024-byte keys.
     *
     * @return the shared default instance
     */
    public static KeyFactory defaults() {
        return DEFAULTS;
    }

    /**
     * Start a builder holding every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Start a builder holding this factory's settings.
     *
     * @return a new builder that builds an equal factory unless changed
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // ---------------------------------------------------------------- keys

    /**
     * Build the key of a user hash: {@code {tenant}:user:{userId}}.
     *
     * @return the key
     * @throws IllegalArgumentException if a component or the key is invalid (see the class documentation)
     */
    public String userKey(String tenant, String userId) {
        return key("user", tenantSegment(tenant) + SEPARATOR + userPrefix + SEPARATOR + escape(userId, "userId"));
    }

    /**
     * Build the key of a handler-state hash: {@code {tenant}:state:{handlerName}:{userId}}.
     *
     * @return the key
     * @throws IllegalArgumentException if a component or the key is invalid (see the class documentation)
     */
    public String handlerStateKey(String tenant, String handlerName, String userId) {
        return key("handler state", tenantSegment(tenant) + SEPARATOR + handlerPrefix + SEPARATOR
                + escape(handlerName, "handlerName") + SEPARATOR + escape(userId, "userId"));
    }

    /**
     * Build the key of a table-row hash: {@code {tenant}:df:{table}:pkid:{pkid}}.
     *
     * @return the key
     * @throws IllegalArgumentException if a component or the key is invalid (see the class documentation)
     */
    public String tableRowKey(String tenant, String table, String pkid) {
        return key("table row", tenantSegment(tenant) + SEPARATOR + tablePrefix + SEPARATOR + escape(table, "table")
                + SEPARATOR + pkMarker + SEPARATOR + escape(pkid, "pkid"));
    }

    /**
     * Build the key of an expiry trigger: {@code {tenant}:EXPTRIGGER:{action}:{identifier}}.
     *
     * @return the key
     * @throws IllegalArgumentException if a component or the key is invalid (see the class documentation)
     */
    public String triggerKey(String tenant, String action, String identifier) {
        return key("trigger", tenantSegment(tenant) + SEPARATOR + triggerPrefix + SEPARATOR + escape(action, "action")
                + SEPARATOR + escape(identifier, "identifier"));
    }

    /**
     * Build the key of a shared-state hash: {@code {tenant}:SS:{stateName}:{userId}}.
     *
     * @return the key
     * @throws IllegalArgumentException if a component or the key is invalid (see the class documentation)
     */
    public String sharedStateKey(String tenant, String stateName, String userId) {
        return key("shared state", tenantSegment(tenant) + SEPARATOR + sharedStatePrefix + SEPARATOR
                + escape(stateName, "stateName") + SEPARATOR + escape(userId, "userId"));
    }

    /**
     * Build the key of a batch list: {@code {tenant}:batch:{service}:{entity}:{action}}.
     *
     * @return the key
     * @throws IllegalArgumentException if a component or the key is invalid (see the class documentation)
     */
    public String batchListKey(String tenant, String service, String entity, String action) {
        return key("batch list", tenantSegment(tenant) + SEPARATOR + batchListPrefix + SEPARATOR
                + escape(service, "service") + SEPARATOR + escape(entity, "entity") + SEPARATOR
                + escape(action, "action"));
    }

    /**
     * Build the key of the global set of tenants with pending batches of a service:
     * {@code pending_batches:{service}}.
     *
     * <p>This key carries no tenant and no hash tag in any {@link HashTagMode}: it lives in its own Cluster slot,
     * so it cannot take part in one {@code MULTI} or script together with a tenant's batch list on a Cluster.
     *
     * @return the key
     * @throws IllegalArgumentException if the service or the key is invalid (see the class documentation)
     */
    public String pendingBatchesKey(String service) {
        return key("pending batches", pendingSetPrefix + SEPARATOR + escape(service, "service"));
    }

    /**
     * Check a tenant the way every key of that tenant is checked (not empty, no control character or unpaired
     * surrogate, at most {@value #MAX_COMPONENT_BYTES} UTF-8 bytes once escaped, not the pending-set prefix), without
     * building a key: what a repository does when it is created.
     *
     * @return {@code tenant}, unchanged
     * @throws IllegalArgumentException if the tenant is invalid (see the class documentation)
     * @since 1.0
     */
    public String requireTenant(String tenant) {
        escapedTenant(tenant);
        return tenant;
    }

    /**
     * Build a generic key of a tenant: {@code {tenant}:{keyBase}}; the key base is one escaped component, so a
     * {@code :} in it becomes {@code %3A}.
     *
     * @return the key
     * @throws IllegalArgumentException if a component or the key is invalid (see the class documentation)
     */
    public String genericKey(String tenant, String keyBase) {
        return key("generic", tenantSegment(tenant) + SEPARATOR + escape(keyBase, "keyBase"));
    }

    // ---------------------------------------------------------------- SCAN patterns

    /**
     * Build the {@code MATCH} pattern of all user hashes of a tenant: {@code {tenant}:user:*}; filter the keys
     * with {@link #parseUserId(String, String)}.
     *
     * @return the glob pattern
     * @throws IllegalArgumentException if the tenant is invalid
     */
    public String userPattern(String tenant) {
        return KeyComponents.globEscape(join(tenantSegment(tenant), userPrefix, "")) + "*";
    }

    /**
     * Build the {@code MATCH} pattern of all rows of one table: {@code {tenant}:df:{table}:pkid:*}; filter the
     * keys with {@link #parseTableRow(String, String)}.
     *
     * @return the glob pattern
     * @throws IllegalArgumentException if a component is invalid
     */
    public String tableRowPattern(String tenant, String table) {
        String literal = join(tenantSegment(tenant), tablePrefix, escape(table, "table"), pkMarker, "");
        return KeyComponents.globEscape(literal) + "*";
    }

    /**
     * Build the {@code MATCH} pattern of the rows with one primary key in every table of a tenant:
     * {@code {tenant}:df:*:pkid:{pkid}}; filter the keys with {@link #parseTableRow(String, String)} and compare
     * the primary key.
     *
     * @return the glob pattern
     * @throws IllegalArgumentException if a component is invalid
     */
    public String tableRowsByPkidPattern(String tenant, String pkid) {
        return wildcardThenSuffix(join(tenantSegment(tenant), tablePrefix, ""),
                join("", pkMarker, escape(pkid, "pkid")));
    }

    /**
     * Build the {@code MATCH} pattern of a tenant's triggers for one identifier, whatever the action:
     * {@code {tenant}:EXPTRIGGER:*:{identifier}}; filter the keys with
     * {@link #parseTriggerAction(String, String, String)}.
     *
     * @return the glob pattern
     * @throws IllegalArgumentException if a component is invalid
     */
    public String triggersByIdentifierPattern(String tenant, String identifier) {
        return wildcardThenSuffix(join(tenantSegment(tenant), triggerPrefix, ""),
                join("", escape(identifier, "identifier")));
    }

    /**
     * Build the {@code MATCH} pattern of all shared states of one user: {@code {tenant}:SS:*:{userId}}; filter the
     * keys with {@link #parseSharedStateName(String, String, String)}.
     *
     * @return the glob pattern
     * @throws IllegalArgumentException if a component is invalid
     */
    public String sharedStatesPattern(String tenant, String userId) {
        return wildcardThenSuffix(join(tenantSegment(tenant), sharedStatePrefix, ""),
                join("", escape(userId, "userId")));
    }

    /**
     * Build the {@code MATCH} pattern of all handler states of one user: {@code {tenant}:state:*:{userId}}; filter
     * the keys with {@link #parseHandlerName(String, String, String)}.
     *
     * @return the glob pattern
     * @throws IllegalArgumentException if a component is invalid
     */
    public String handlerStatesPattern(String tenant, String userId) {
        return wildcardThenSuffix(join(tenantSegment(tenant), handlerPrefix, ""),
                join("", escape(userId, "userId")));
    }

    // ---------------------------------------------------------------- parsers

    /**
     * Return the user id of a user-hash key of {@code tenant}.
     *
     * @return the unescaped user id, or empty if {@code key} is not exactly a user key of this tenant
     * @throws IllegalArgumentException if the tenant is invalid
     */
    public Optional<String> parseUserId(String tenant, String key) {
        String tenantSegment = tenantSegment(tenant);
        String[] s = split(key, 3);
        if (s == null || !s[0].equals(tenantSegment) || !s[1].equals(userPrefix)) {
            return Optional.empty();
        }
        return Optional.ofNullable(KeyComponents.tryUnescape(s[2]));
    }

    /**
     * Return the table and primary key of a table-row key of {@code tenant}.
     *
     * @return the unescaped table and primary key, or empty if {@code key} is not exactly a table-row key of this
     *     tenant
     * @throws IllegalArgumentException if the tenant is invalid
     */
    public Optional<TableRowId> parseTableRow(String tenant, String key) {
        String tenantSegment = tenantSegment(tenant);
        String[] s = split(key, 5);
        if (s == null || !s[0].equals(tenantSegment) || !s[1].equals(tablePrefix) || !s[3].equals(pkMarker)) {
            return Optional.empty();
        }
        String table = KeyComponents.tryUnescape(s[2]);
        String pkid = KeyComponents.tryUnescape(s[4]);
        return table == null || pkid == null ? Optional.empty() : Optional.of(new TableRowId(table, pkid));
    }

    /**
     * Return the state name of a shared-state key of {@code tenant} and {@code userId}.
     *
     * @return the unescaped state name, or empty if {@code key} is not exactly a shared-state key of this user
     * @throws IllegalArgumentException if the tenant or user id is invalid
     */
    public Optional<String> parseSharedStateName(String tenant, String userId, String key) {
        return middleOf(tenantSegment(tenant), sharedStatePrefix, escape(userId, "userId"), key);
    }

    /**
     * Return the handler name of a handler-state key of {@code tenant} and {@code userId}.
     *
     * @return the unescaped handler name, or empty if {@code key} is not exactly a handler-state key of this user
     * @throws IllegalArgumentException if the tenant or user id is invalid
     */
    public Optional<String> parseHandlerName(String tenant, String userId, String key) {
        return middleOf(tenantSegment(tenant), handlerPrefix, escape(userId, "userId"), key);
    }

    /**
     * Return the action of a trigger key of {@code tenant} and {@code identifier}.
     *
     * @return the unescaped action, or empty if {@code key} is not exactly a trigger key of this identifier
     * @throws IllegalArgumentException if the tenant or identifier is invalid
     */
    public Optional<String> parseTriggerAction(String tenant, String identifier, String key) {
        return middleOf(tenantSegment(tenant), triggerPrefix, escape(identifier, "identifier"), key);
    }

    /**
     * Parse an expiry-trigger key of any tenant, for example the key named by a keyspace expiry event.
     *
     * <p>The key must have this factory's layout and {@link HashTagMode}: in {@code TENANT} mode the tenant must be
     * wrapped in braces, in {@code NONE} mode it must not be.
     *
     * @return the unescaped tenant, action and identifier with the key, or empty if {@code key} is not exactly a
     *     trigger key this factory could have built
     */
    public Optional<TriggerKey> parseTrigger(String key) {
        String[] s = split(key, 4);
        if (s == null || !s[1].equals(triggerPrefix)) {
            return Optional.empty();
        }
        String tenant = parseTenantSegment(s[0]);
        String action = KeyComponents.tryUnescape(s[2]);
        String identifier = KeyComponents.tryUnescape(s[3]);
        if (tenant == null || action == null || identifier == null) {
            return Optional.empty();
        }
        return Optional.of(new TriggerKey(tenant, action, identifier, key));
    }

    // ---------------------------------------------------------------- static helpers

    /**
     * Escape one key component: replace each of {@code % : * ? [ ] \ { }} by {@code %} and two upper-case hex
     * digits, keep every other character.
     *
     * @return the escaped component; the same string if it holds none of the nine characters
     * @throws IllegalArgumentException if the component is {@code null}, empty, contains a control character or an
     *     unpaired surrogate, or is longer than {@value #MAX_COMPONENT_BYTES} UTF-8 bytes after escaping
     */
    public static String escape(String component) {
        return KeyComponents.escape(component, "component");
    }

    /**
     * Reverse {@link #escape(String)}.
     *
     * @return the original component
     * @throws IllegalArgumentException if {@code escaped} is not something {@code escape} returns: an unescaped
     *     special character, a {@code %} not followed by the upper-case code of one of the nine characters, or a
     *     value {@code escape} would reject
     */
    public static String unescape(String escaped) {
        return KeyComponents.unescape(escaped, "escaped component");
    }

    /**
     * Backslash-escape the glob metacharacters {@code * ? [ ] \} so that Redis {@code MATCH} treats
     * {@code literal} as literal text.
     *
     * @return the glob-escaped text; the same string if it holds no metacharacter
     */
    public static String globEscape(String literal) {
        return KeyComponents.globEscape(Objects.requireNonNull(literal, "literal"));
    }

    // ---------------------------------------------------------------- accessors

    /** Return the prefix of user hashes, {@value #DEFAULT_USER_PREFIX} by default. */
    public String userPrefix() {
        return userPrefix;
    }

    /** Return the prefix of handler-state hashes, {@value #DEFAULT_HANDLER_PREFIX} by default. */
    public String handlerPrefix() {
        return handlerPrefix;
    }

    /** Return the prefix of table-row hashes, {@value #DEFAULT_TABLE_PREFIX} by default. */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** Return the marker between table name and primary key, {@value #DEFAULT_PK_MARKER} by default. */
    public String pkMarker() {
        return pkMarker;
    }

    /** Return the prefix of expiry-trigger keys, {@value #DEFAULT_TRIGGER_PREFIX} by default. */
    public String triggerPrefix() {
        return triggerPrefix;
    }

    /** Return the prefix of shared-state hashes, {@value #DEFAULT_SHARED_STATE_PREFIX} by default. */
    public String sharedStatePrefix() {
        return sharedStatePrefix;
    }

    /** Return the prefix of batch lists, {@value #DEFAULT_BATCH_LIST_PREFIX} by default. */
    public String batchListPrefix() {
        return batchListPrefix;
    }

    /** Return the prefix of the global pending-batches sets, {@value #DEFAULT_PENDING_SET_PREFIX} by default. */
    public String pendingSetPrefix() {
        return pendingSetPrefix;
    }

    /** Return whether keys carry a tenant hash tag, {@link HashTagMode#NONE} by default. */
    public HashTagMode hashTagMode() {
        return hashTagMode;
    }

    /** Return the largest UTF-8 size of a whole key, {@value #DEFAULT_MAX_KEY_BYTES} by default. */
    public int maxKeyBytes() {
        return maxKeyBytes;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KeyFactory)) {
            return false;
        }
        KeyFactory other = (KeyFactory) o;
        return settings().equals(other.settings());
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }

    @Override
    public String toString() {
        return "KeyFactory[userPrefix=" + userPrefix + ", handlerPrefix=" + handlerPrefix + ", tablePrefix="
                + tablePrefix + ", pkMarker=" + pkMarker + ", triggerPrefix=" + triggerPrefix
                + ", sharedStatePrefix=" + sharedStatePrefix + ", batchListPrefix=" + batchListPrefix
                + ", pendingSetPrefix=" + pendingSetPrefix + ", hashTagMode=" + hashTagMode + ", maxKeyBytes="
                + maxKeyBytes + "]";
    }

    /**
     * Collect the settings of a {@link KeyFactory}; every setter validates its value at once.
     *
     * <p>Prefixes must be valid components that need no escaping (none of {@code % : * ? [ ] \ { }}), and the six
     * tenant-scoped prefixes (user, handler, table, trigger, shared state, batch list) must differ from one
     * another, so that keys of different kinds can never be equal. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {

        private String userPrefix = DEFAULT_USER_PREFIX;
        private String handlerPrefix = DEFAULT_HANDLER_PREFIX;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private String pkMarker = DEFAULT_PK_MARKER;
        private String triggerPrefix = DEFAULT_TRIGGER_PREFIX;
        private String sharedStatePrefix = DEFAULT_SHARED_STATE_PREFIX;
        private String batchListPrefix = DEFAULT_BATCH_LIST_PREFIX;
        private String pendingSetPrefix = DEFAULT_PENDING_SET_PREFIX;
        private HashTagMode hashTagMode = DEFAULT_HASH_TAG_MODE;
        private int maxKeyBytes = DEFAULT_MAX_KEY_BYTES;

        private Builder() {
        }

        private Builder(KeyFactory f) {
            this.userPrefix = f.userPrefix;
            this.handlerPrefix = f.handlerPrefix;
            this.tablePrefix = f.tablePrefix;
            this.pkMarker = f.pkMarker;
            this.triggerPrefix = f.triggerPrefix;
            this.sharedStatePrefix = f.sharedStatePrefix;
            this.batchListPrefix = f.batchListPrefix;
            this.pendingSetPrefix = f.pendingSetPrefix;
            this.hashTagMode = f.hashTagMode;
            this.maxKeyBytes = f.maxKeyBytes;
        }

        /**
         * Set the prefix of user hashes.
         *
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not a plain component
         */
        public Builder userPrefix(String prefix) {
            this.userPrefix = plain(prefix, "userPrefix");
            return this;
        }

        /**
         * Set the prefix of handler-state hashes.
         *
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not a plain component
         */
        public Builder handlerPrefix(String prefix) {
            this.handlerPrefix = plain(prefix, "handlerPrefix");
            return this;
        }

        /**
         * Set the prefix of table-row hashes.
         *
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not a plain component
         */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = plain(prefix, "tablePrefix");
            return this;
        }

        /**
         * Set the marker between table name and primary key in table-row keys.
         *
         * @return this builder
         * @throws IllegalArgumentException if the marker is not a plain component
         */
        public Builder pkMarker(String marker) {
            this.pkMarker = plain(marker, "pkMarker");
            return this;
        }

        /**
         * Set the prefix of expiry-trigger keys.
         *
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not a plain component
         */
        public Builder triggerPrefix(String prefix) {
            this.triggerPrefix = plain(prefix, "triggerPrefix");
            return this;
        }

        /**
         * Set the prefix of shared-state hashes.
         *
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not a plain component
         */
        public Builder sharedStatePrefix(String prefix) {
            this.sharedStatePrefix = plain(prefix, "sharedStatePrefix");
            return this;
        }

        /**
         * Set the prefix of batch lists.
         *
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not a plain component
         */
        public Builder batchListPrefix(String prefix) {
            this.batchListPrefix = plain(prefix, "batchListPrefix");
            return this;
        }

        /**
         * Set the prefix of the global pending-batches sets; a tenant equal to it is rejected.
         *
         * @return this builder
         * @throws IllegalArgumentException if the prefix is not a plain component
         */
        public Builder pendingSetPrefix(String prefix) {
            this.pendingSetPrefix = plain(prefix, "pendingSetPrefix");
            return this;
        }

        /**
         * Choose whether keys carry the tenant as a Cluster hash tag.
         *
         * @return this builder
         * @throws NullPointerException if {@code mode} is {@code null}
         */
        public Builder hashTagMode(HashTagMode mode) {
            this.hashTagMode = Objects.requireNonNull(mode, "hashTagMode");
            return this;
        }

        /**
         * Set the largest UTF-8 size of a whole key; longer keys are rejected when they are built.
         *
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is not between 1 and {@value KeyFactory#MAX_MAX_KEY_BYTES}
         */
        public Builder maxKeyBytes(int bytes) {
            if (bytes < 1 || bytes > MAX_MAX_KEY_BYTES) {
                throw new IllegalArgumentException("maxKeyBytes must be between 1 and " + MAX_MAX_KEY_BYTES
                        + ", was " + bytes);
            }
            this.maxKeyBytes = bytes;
            return this;
        }

        /**
         * Create the factory.
         *
         * @return a new immutable factory
         * @throws IllegalArgumentException if two tenant-scoped prefixes are equal
         */
        public KeyFactory build() {
            List<String> names = List.of("userPrefix", "handlerPrefix", "tablePrefix", "triggerPrefix",
                    "sharedStatePrefix", "batchListPrefix");
            List<String> values = List.of(userPrefix, handlerPrefix, tablePrefix, triggerPrefix, sharedStatePrefix,
                    batchListPrefix);
            for (int i = 0; i < values.size(); i++) {
                int first = values.indexOf(values.get(i));
                if (first != i) {
                    throw new IllegalArgumentException(names.get(first) + " and " + names.get(i)
                            + " must differ, both are '" + values.get(i) + "'");
                }
            }
            return new KeyFactory(this);
        }

        private static String plain(String prefix, String name) {
            String escaped = KeyComponents.escape(prefix, name);
            if (!escaped.equals(prefix)) {
                throw new IllegalArgumentException(name + " must not contain any of % : * ? [ ] \\ { }, was '"
                        + prefix + "'");
            }
            return prefix;
        }
    }

    // ---------------------------------------------------------------- internals

    private List<Object> settings() {
        return List.of(userPrefix, handlerPrefix, tablePrefix, pkMarker, triggerPrefix, sharedStatePrefix,
                batchListPrefix, pendingSetPrefix, hashTagMode, maxKeyBytes);
    }

    private static String escape(String component, String name) {
        return KeyComponents.escape(component, name);
    }

    private String tenantSegment(String tenant) {
        String escaped = escapedTenant(tenant);
        return hashTagMode == HashTagMode.TENANT ? "{" + escaped + "}" : escaped;
    }

    private String escapedTenant(String tenant) {
        String escaped = escape(tenant, "tenant");
        if (escaped.equals(pendingSetPrefix)) {
            throw new IllegalArgumentException("tenant must not equal the pending-set prefix '" + pendingSetPrefix
                    + "' (its keys would collide with the global pending-batches sets)");
        }
        return escaped;
    }

    private @Nullable String parseTenantSegment(String segment) {
        String escaped = segment;
        if (hashTagMode == HashTagMode.TENANT) {
            if (segment.length() < 2 || segment.charAt(0) != '{' || segment.charAt(segment.length() - 1) != '}') {
                return null;
            }
            escaped = segment.substring(1, segment.length() - 1);
        }
        return escaped.equals(pendingSetPrefix) ? null : KeyComponents.tryUnescape(escaped);
    }

    private Optional<String> middleOf(String tenantSegment, String prefix, String lastSegment, String key) {
        String[] s = split(key, 4);
        if (s == null || !s[0].equals(tenantSegment) || !s[1].equals(prefix) || !s[3].equals(lastSegment)) {
            return Optional.empty();
        }
        return Optional.ofNullable(KeyComponents.tryUnescape(s[2]));
    }

    /** {@code key}, checked against the key size limit; the builders join segments with {@code +}, one allocation. */
    private String key(String kind, String key) {
        if (KeyComponents.exceedsUtf8(key, maxKeyBytes)) {
            throw new IllegalArgumentException(kind + " key is " + KeyComponents.utf8Length(key)
                    + " UTF-8 bytes, max " + maxKeyBytes);
        }
        return key;
    }

    /** The segments joined by the separator (the SCAN patterns; keys are concatenated where they are built). */
    private static String join(String... segments) {
        return String.join(String.valueOf(SEPARATOR), segments);
    }

    private static String wildcardThenSuffix(String literalPrefix, String literalSuffix) {
        return KeyComponents.globEscape(literalPrefix) + "*" + KeyComponents.globEscape(literalSuffix);
    }

    /** Split {@code key} into exactly {@code count} segments, or return {@code null}. */
    private String @Nullable [] split(String key, int count) {
        Objects.requireNonNull(key, "key");
        String[] segments = key.split(String.valueOf(SEPARATOR), -1);
        if (segments.length != count || KeyComponents.exceedsUtf8(key, maxKeyBytes)) {
            return null;
        }
        return segments;
    }
}
