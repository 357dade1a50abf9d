package io.symphony.redis.benchmarks;

import io.symphony.redis.testsupport.PrivateRedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run came from: cores, CPU model, JVM and the Redis version of the benchmark servers. */
record Machine(int cores, String cpuModel, String jvm, String redisVersion, String os, String loadAverage) {

    /** Describe this machine, starting one private server to ask its version. */
    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), askRedisVersion(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), currentLoadAverage());
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The 1/5/15-minute load averages: other work on the machine shows here and skews every figure. */
    static String currentLoadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String askRedisVersion() {
        try (PrivateRedisServer server = BenchRedis.start()) {
            return server.sync(0).info("server").lines()
                    .filter(line -> line.startsWith("redis_version:"))
                    .map(line -> line.substring("redis_version:".length()).trim())
                    .findFirst()
                    .orElse("unknown") + " (" + server.source() + ")";
        }
    }

    /** One line for the report header and the console. */
    String summary() {
        return cores + " cores, " + cpuModel + ", " + os + ", " + jvm + ", Redis " + redisVersion
                + "; load average at start " + loadAverage;
    }
}
