package io.symphony.redis.boot;

import io.symphony.redis.config.PoolAliases;
import io.symphony.redis.config.SymphonyRedisConfig;
import io.symphony.redis.config.TlsOptions;
import io.symphony.redis.config.internal.UrlRedactor;
import io.symphony.redis.repository.RepositorySupport;
import io.symphony.redis.runtime.SymphonyRuntime;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turn {@link SymphonyRedisProperties} into a {@link SymphonyRedisConfig}, so that every rejection names the property
 * it came from: each setter runs under its property's name, and each URL is checked on its own before the whole
 * configuration is built.
 */
final class ConfigMapping {

    private static final String PREFIX = "symphony.redis.";

    private ConfigMapping() {
    }

    /** A builder holding the properties and connection details; fails naming the first property it rejects. */
    static SymphonyRedisConfig.Builder builder(SymphonyRedisProperties p, SymphonyRedisConnectionDetails details) {
        SymphonyRedisConfig.Builder b = SymphonyRedisConfig.builder();
        String url = details.getUrl();
        if (url != null) {
            checkUrl("url", url);
            set("url", UrlRedactor.redact(url), () -> b.url(url));
        }
        details.getAliasUrls().forEach((alias, aliasUrl) -> {
            checkUrl("alias-urls." + alias, aliasUrl);
            set("alias-urls." + alias, UrlRedactor.redact(aliasUrl), () -> b.aliasUrl(alias, aliasUrl));
        });
        p.getDatabases().forEach((alias, db) -> set("databases." + alias, db, () -> b.alias(alias, db)));
        set("strategy", p.getStrategy(), () -> b.connectionStrategy(p.getStrategy()));
        set("shared-connections", p.getSharedConnections(), () -> b.sharedConnections(p.getSharedConnections()));
        set("pool-size", p.getPoolSize(), () -> b.poolSize(p.getPoolSize()));
        set("pool-acquire-timeout", p.getPoolAcquireTimeout(), () -> b.poolAcquireTimeout(p.getPoolAcquireTimeout()));
        set("pool-max-pending-acquires", p.getPoolMaxPendingAcquires(),
                () -> b.poolMaxPendingAcquires(p.getPoolMaxPendingAcquires()));
        b.rejectCommandsWhileDisconnected(p.isRejectCommandsWhileDisconnected());
        set("command-timeout", p.getCommandTimeout(), () -> b.commandTimeout(p.getCommandTimeout()));
        set("connect-timeout", p.getConnectTimeout(), () -> b.connectTimeout(p.getConnectTimeout()));
        set("reconnect-delay-max", p.getReconnectDelayMax(), () -> b.reconnectDelayMax(p.getReconnectDelayMax()));
        set("client-name", p.getClientName(), () -> b.clientName(p.getClientName()));
        b.keyspaceEvents(p.isKeyspaceEvents());
        set("keyspace-event-flags", p.getKeyspaceEventFlags(), () -> b.keyspaceEventFlags(p.getKeyspaceEventFlags()));
        workers(p.getWorkers(), b);
        SymphonyRedisProperties.Tls tls = p.getTls();
        if (tls != null) {
            set("tls", tls, () -> b.tls(tlsOptions("tls", tls)));
        }
        p.getAliasTls().forEach((alias, options) ->
                set("alias-tls." + alias, options, () -> b.aliasTls(alias, tlsOptions("alias-tls." + alias, options))));
        return b;
    }

    /**
     * Build the configuration; a rejection of the whole (no URL for some alias, TLS options without a TLS URL) names
     * the properties to set.
     */
    static SymphonyRedisConfig build(SymphonyRedisConfig.Builder builder, SymphonyRedisConnectionDetails details) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            String message = Objects.requireNonNullElse(e.getMessage(), e.toString());
            if (message.startsWith("No Redis URL")) {
                throw new InvalidSymphonyRedisPropertyException(PREFIX + "url", null, message.replace(
                        "give a single url(...) or an aliasUrl(...) for each",
                        "set " + PREFIX + "url, or " + PREFIX + "alias-urls.<alias> for each"), e);
            }
            if (message.contains("aliasTls")) {
                throw new InvalidSymphonyRedisPropertyException(PREFIX + "alias-tls", null, message, e);
            }
            if (message.toLowerCase(Locale.ROOT).contains("tls")) {
                throw new InvalidSymphonyRedisPropertyException(PREFIX + "tls", null, message, e);
            }
            String url = details.getUrl();
            throw new InvalidSymphonyRedisPropertyException(PREFIX + "url",
                    url == null ? null : UrlRedactor.redact(url), message, e);
        }
    }

    /** Run one setter; its rejection becomes a rejection of {@code symphony.redis.<property>} = {@code value}. */
    static void set(String property, @Nullable Object value, Runnable setter) {
        create(property, value, () -> {
            setter.run();
            return Boolean.TRUE;
        });
    }

    /** Create a value; its rejection becomes a rejection of {@code symphony.redis.<property>} = {@code value}. */
    static <T> T create(String property, @Nullable Object value, Supplier<T> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSymphonyRedisPropertyException(PREFIX + property, value == null ? null : value.toString(),
                    Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
        }
    }

    /** Parse one URL on its own (every default alias on it), so a bad one is named by its property. */
    private static void checkUrl(String property, String url) {
        SymphonyRedisConfig.Builder probe = SymphonyRedisConfig.builder();
        set(property, UrlRedactor.redact(url), () -> {
            PoolAliases.DEFAULT_DATABASES.keySet().forEach(alias -> probe.aliasUrl(alias, url));
            probe.build();
        });
    }

    private static void workers(SymphonyRedisProperties.Workers workers, SymphonyRedisConfig.Builder b) {
        Integer user = workers.getUser();
        if (user != null) {
            set("workers.user", user, () -> b.workersUser(user));
        }
        set("workers.tool", workers.getTool(), () -> b.workersTool(workers.getTool()));
        set("workers.agent", workers.getAgent(), () -> b.workersAgent(workers.getAgent()));
    }

    /** The repository support builder on {@code runtime}, with {@code symphony.redis.repositories.*} applied. */
    static RepositorySupport.Builder repositorySupport(SymphonyRuntime runtime,
            SymphonyRedisProperties.Repositories repositories) {
        RepositorySupport.Builder b = RepositorySupport.builder(runtime.ops(), runtime.codec(), runtime.keys());
        set("repositories.default-ttl", repositories.getDefaultTtl(),
                () -> b.defaultTtl(repositories.getDefaultTtl()));
        set("repositories.scan-concurrency", repositories.getScanConcurrency(),
                () -> b.scanConcurrency(repositories.getScanConcurrency()));
        return b;
    }

    /** The core TLS options these properties describe. */
    static TlsOptions tlsOptions(String property, SymphonyRedisProperties.Tls tls) {
        TlsOptions.Builder options = TlsOptions.builder().verifyMode(tls.getVerifyPeer());
        apply(tls.getCaFile(), options::caCertificate);
        if (tls.getTrustStore() != null) {
            options.trustStore(Objects.requireNonNull(tls.getTrustStore()), chars(tls.getTrustStorePassword()));
        }
        if (tls.getCertFile() != null || tls.getKeyFile() != null) {
            if (tls.getCertFile() == null || tls.getKeyFile() == null) {
                throw new IllegalArgumentException(PREFIX + property + ": give cert-file and key-file together, were "
                        + "cert-file=" + tls.getCertFile() + ", key-file=" + tls.getKeyFile());
            }
            options.clientCertificate(Objects.requireNonNull(tls.getCertFile()),
                    Objects.requireNonNull(tls.getKeyFile()), chars(tls.getKeyPassword()));
        }
        if (tls.getKeyStore() != null) {
            options.keyStore(Objects.requireNonNull(tls.getKeyStore()), chars(tls.getKeyStorePassword()));
        }
        if (!tls.getProtocols().isEmpty()) {
            options.protocols(tls.getProtocols());
        }
        if (!tls.getCipherSuites().isEmpty()) {
            options.cipherSuites(tls.getCipherSuites());
        }
        return options.build();
    }

    private static <T> void apply(@Nullable T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static char @Nullable [] chars(@Nullable String password) {
        return password == null ? null : password.toCharArray();
    }
}
