package io.symphony.redis.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process started by the test kit on a loopback port, whatever binary it runs.
 *
 * <p>Output goes to a temp log file (appended across restarts) so that start-up failures can quote it. The process
 * is registered with {@link ProcessReaper} until it is stopped.
 */
final class RedisProcess {

    /** The address every server we start binds to. */
    static final String HOST = "127.0.0.1";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;
    private static final int TAIL_LINES = 20;
    private static final int PORT_ATTEMPTS = 5;
    private static final Set<String> RESERVED = Set.of("--port", "--bind", "--daemonize");

    private final RedisBinary binary;
    /** Passed as the first argument when set ({@code --sentinel} needs a config file it can rewrite); else none. */
    private final @Nullable Path configFile;
    private final int port;
    private final List<String> extraArgs;
    private final List<String> command;
    private final Path log;
    private final Process process;

    private RedisProcess(RedisBinary binary, @Nullable Path configFile, int port, List<String> extraArgs,
            List<String> command, Path log, Process process) {
        this.binary = binary;
        this.configFile = configFile;
        this.port = port;
        this.extraArgs = extraArgs;
        this.command = command;
        this.log = log;
        this.process = process;
    }

    /** Start {@code binary} on a free port and wait until it answers PING; retry if the port was taken meanwhile. */
    static RedisProcess startOnFreePort(RedisBinary binary, List<String> extraArgs) {
        checkArgs(extraArgs);
        return onSomePort(RedisProcess::freePort, port -> start(binary, port, extraArgs, newLog(port)));
    }

    /**
     * Start {@code binary} on a port taken from {@code ports}, in {@code workDir} (its working directory, which also
     * holds its log {@code redis-<port>.log}), and wait until it answers PING; draw another port if it was taken.
     * For servers whose files must survive a restart in a known place, e.g. a cluster node's {@code nodes.conf}.
     */
    static RedisProcess startInDirectory(RedisBinary binary, List<String> extraArgs, IntSupplier ports,
            Path workDir) {
        checkArgs(extraArgs);
        return onSomePort(ports, port -> start(binary, port, extraArgs, workDir.resolve("redis-" + port + ".log")));
    }

    /**
     * Start {@code binary} with {@code configFile} as its first argument (where {@code redis-server} looks for a
     * config file, and {@code --sentinel} insists on one it can rewrite) on a free port; retry if the port was taken.
     */
    static RedisProcess startWithConfigFileOnFreePort(RedisBinary binary, Path configFile, List<String> extraArgs) {
        checkArgs(extraArgs);
        return onSomePort(RedisProcess::freePort, port -> start(binary, configFile, port, extraArgs, newLog(port)));
    }

    /** Start on a port drawn from {@code ports}; draw again (at most {@value #PORT_ATTEMPTS} times) if it was taken. */
    private static RedisProcess onSomePort(IntSupplier ports, IntFunction<RedisProcess> startOn) {
        PortTakenException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try {
                return startOn.apply(ports.getAsInt());
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no free port after " + PORT_ATTEMPTS + " attempts", last);
    }

    /** Start the same binary with the same arguments on the same port, appending to the same log. */
    RedisProcess restart() {
        return start(binary, configFile, port, extraArgs, log);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    RedisBinary binary() {
        return binary;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Send SIGKILL (destroyForcibly) and wait for the process to exit. */
    void kill() {
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
        ProcessReaper.unregister(process);
    }

    /** Stop gracefully with {@code SHUTDOWN NOSAVE}, falling back to SIGTERM and then SIGKILL. */
    void shutdown() {
        if (process.isAlive() && !(RespProbe.shutdownNoSave(HOST, port) && awaitExit(STOP_TIMEOUT))) {
            process.destroy();
            if (!awaitExit(STOP_TIMEOUT)) {
                process.destroyForcibly();
                awaitExit(STOP_TIMEOUT);
            }
        }
        ProcessReaper.unregister(process);
    }

    /** Return the last lines the server wrote, for error messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n    ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e + ")";
        }
    }

    /** Return a free TCP port on the loopback interface (free now; another process may take it before us). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static RedisProcess start(RedisBinary binary, int port, List<String> extraArgs, Path log) {
        return start(binary, null, port, extraArgs, log);
    }

    private static RedisProcess start(RedisBinary binary, @Nullable Path configFile, int port, List<String> extraArgs,
            Path log) {
        List<String> command = new ArrayList<>(baseCommand(binary, port));
        if (configFile != null) {
            command.add(1, configFile.toAbsolutePath().toString());
        }
        command.addAll(extraArgs);
        Path directory = Objects.requireNonNull(log.toAbsolutePath().getParent(), () -> "no directory for " + log);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        ProcessReaper.register(process);
        RedisProcess started = new RedisProcess(binary, configFile, port, List.copyOf(extraArgs),
                List.copyOf(command), log, process);
        started.awaitReady();
        return started;
    }

    private static List<String> baseCommand(RedisBinary binary, int port) {
        return List.of(binary.path().toString(), "--port", String.valueOf(port), "--bind", HOST, "--save", "",
                "--appendonly", "no", "--daemonize", "no");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            OptionalLong answering = RespProbe.answeringPid(HOST, port);
            if (isOurs(answering)) {
                return;
            }
            if (awaitExit(Duration.ofMillis(POLL_MILLIS))) {
                ProcessReaper.unregister(process);
                throw startFailure(answering);
            }
            if (System.nanoTime() - deadline > 0) {
                kill();
                throw new IllegalStateException(describe() + " did not answer PING within " + READY_TIMEOUT
                        + "; last output:\n    " + logTail());
            }
        }
    }

    private boolean isOurs(OptionalLong answering) {
        if (answering.isEmpty()) {
            return false;
        }
        long pid = answering.getAsLong();
        return pid == process.pid() || (pid == RespProbe.UNKNOWN_PID && process.isAlive());
    }

    private IllegalStateException startFailure(OptionalLong answering) {
        String tail = logTail();
        String message = describe() + " exited with code " + process.exitValue()
                + " during start-up; last output:\n    " + tail;
        if (answering.isPresent() || tail.contains("Address already in use")) {
            return new PortTakenException(message);
        }
        return new IllegalStateException(message);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for " + describe(), e);
        }
    }

    private String describe() {
        return "redis-server (" + binary.source() + ", pid " + process.pid() + ", port " + port + ", command "
                + command + ")";
    }

    // Each server gets its own working directory: a replica's full sync (or a SAVE) writes dump.rdb there, and a
    // server started in a shared directory loads whatever dump.rdb it finds at start-up.
    private static Path newLog(int port) {
        try {
            Path dir = Files.createTempDirectory("symphony-test-redis-" + port + "-");
            dir.toFile().deleteOnExit();
            dir.resolve("dump.rdb").toFile().deleteOnExit(); // deleted in reverse order: before the directory
            Path log = dir.resolve("redis.log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a log file for redis-server", e);
        }
    }

    private static void checkArgs(List<String> extraArgs) {
        for (String arg : extraArgs) {
            if (RESERVED.contains(arg)) {
                throw new IllegalArgumentException(arg + " is set by the test kit and cannot be overridden");
            }
        }
    }

    /** The port was taken by someone else between {@link #freePort()} and the bind. */
    private static final class PortTakenException extends IllegalStateException {

        PortTakenException(String message) {
            super(message);
        }
    }
}
