package io.symphony.redis.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A redis-server process started by the test kit on a free loopback port. */
final class RedisProcess {

    private final Process process;
    private final int port;
    private final String source;

    private RedisProcess(Process process, int port, String source) {
        this.process = process;
        this.port = port;
        this.source = source;
    }

    static RedisProcess start(String... extraArgs) {
        Path binary = findOnPath();
        if (binary == null) {
            throw new IllegalStateException("no redis-server on PATH");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
        command.addAll(List.of(extraArgs));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "redis-stop-" + port));
            awaitPort(port, Duration.ofSeconds(10));
            return new RedisProcess(process, port, "PATH");
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command, e);
        }
    }

    int port() {
        return port;
    }

    String source() {
        return source;
    }

    long pid() {
        return process.pid();
    }

    private static Path findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + " within " + timeout);
    }
}
