package io.symphony.redis.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} executable: from {@code PATH}, or extracted from the embedded-redis jar.
 *
 * @param path the executable
 * @param source {@link ServerSource#PATH} or {@link ServerSource#EMBEDDED}
 */
record RedisBinary(Path path, ServerSource source) {

    private static final String EXECUTABLE = "redis-server";

    private static @Nullable RedisBinary embedded;

    /** Return the binary for servers we start: the forced one, else {@code PATH}, else the embedded one. */
    static RedisBinary resolve() {
        Optional<ServerSource> forced = ServerSource.forced();
        if (forced.isPresent() && forced.get() != ServerSource.TESTCONTAINERS) {
            return of(forced.get());
        }
        return onPath().orElseGet(RedisBinary::embedded);
    }

    /** Return the binary of {@code source}, which is {@link ServerSource#PATH} or {@link ServerSource#EMBEDDED}. */
    static RedisBinary of(ServerSource source) {
        switch (source) {
            case PATH:
                return onPath().orElseThrow(() -> new IllegalStateException("no executable redis-server on PATH"));
            case EMBEDDED:
                return embedded();
            default:
                throw new IllegalArgumentException(source + " is not a redis-server binary source");
        }
    }

    /** Find an executable {@code redis-server} in the directories of {@code PATH}. */
    static Optional<RedisBinary> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, EXECUTABLE);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(new RedisBinary(candidate, ServerSource.PATH));
            }
        }
        return Optional.empty();
    }

    /** Tell whether the embedded-redis jar ships a binary for this OS and architecture. */
    static boolean embeddedAvailable() {
        String resource = embeddedResource(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        return resource != null && RedisBinary.class.getClassLoader().getResource(resource) != null;
    }

    /** Extract the embedded-redis binary for this platform once per JVM to an executable temp file. */
    static synchronized RedisBinary embedded() {
        if (embedded == null) {
            embedded = new RedisBinary(extract(), ServerSource.EMBEDDED);
        }
        return embedded;
    }

    /**
     * Name the embedded-redis jar resource for an OS and architecture, or {@code null} when it ships none.
     * Windows is not supported: the jar only has an old 5.0 build for it.
     */
    static @Nullable String embeddedResource(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux")) {
            if (x64) {
                return "redis-server-6.2.6-v5-linux-amd64";
            }
            if (arm64) {
                return "redis-server-6.2.7-linux-arm64";
            }
            if (arch.equals("x86") || arch.equals("i386") || arch.equals("i686")) {
                return "redis-server-6.2.7-linux-386";
            }
        } else if (os.contains("mac")) {
            if (x64) {
                return "redis-server-6.2.6-v5-darwin-amd64";
            }
            if (arm64) {
                return "redis-server-6.2.6-v5-darwin-arm64";
            }
        }
        return null;
    }

    private static Path extract() {
        String osName = System.getProperty("os.name", "");
        String osArch = System.getProperty("os.arch", "");
        String resource = embeddedResource(osName, osArch);
        if (resource == null) {
            throw new IllegalStateException("embedded-redis ships no redis-server for " + osName + "/" + osArch);
        }
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource
                        + " not found: is com.github.codemonstur:embedded-redis on the class path?");
            }
            Path target = Files.createTempFile("symphony-" + resource + "-", "");
            target.toFile().deleteOnExit();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            if (!target.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("could not make " + target + " executable");
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + resource, e);
        }
    }
}
