package io.symphony.redis.examples;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start the demo chat service.
 *
 * <pre>
 * java -jar examples/target/symphony-redis-demo.jar                # serve on :8080 (--server.port or PORT)
 * java -jar examples/target/symphony-redis-demo.jar --self-drive   # play a scripted conversation, check, exit
 * </pre>
 *
 * <p>With no {@code REDIS_URL} in the environment an embedded Redis is started (and stopped at exit); with it,
 * that server is used. {@code --demo.debounce=5s} changes the quiet time (2 s by default).
 *
 * @since 0.1
 */
public final class ChatDemo {

    /** The flag that plays the scripted conversation and exits with its verdict. */
    public static final String SELF_DRIVE = "--self-drive";

    private ChatDemo() {
    }

    /**
     * Run the demo; with {@value #SELF_DRIVE}, exit with 0 only if every batch was processed exactly once.
     *
     * @param args command-line arguments: {@value #SELF_DRIVE} and Spring Boot properties ({@code --name=value})
     */
    public static void main(String[] args) {
        boolean selfDrive = Arrays.asList(args).contains(SELF_DRIVE);
        if (selfDrive) {
            System.exit(selfDrive(args));
        }
        serve(args);
    }

    /**
     * Start the service on a random port, play the scripted conversation against it, stop everything.
     *
     * @return 0 when every batch was processed exactly once, 1 otherwise
     */
    public static int selfDrive(String[] args) {
        try (DemoRedis redis = DemoRedis.resolve();
                ConfigurableApplicationContext context = start(redis, "0", args)) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            System.out.println("Chat service listening on http://127.0.0.1:" + port + " (self-drive)");
            ChatBatches batches = context.getBean(ChatBatches.class);
            return new SelfDrive("http://127.0.0.1:" + port, batches.debounce()).play() ? 0 : 1;
        } catch (RuntimeException e) {
            System.out.println("SELF-DRIVE FAILED: " + e);
            e.printStackTrace(System.out);
            return 1;
        }
    }

    private static void serve(String[] args) {
        DemoRedis redis = DemoRedis.resolve();
        String port = System.getenv().getOrDefault("PORT", "8080");
        ConfigurableApplicationContext context = start(redis, port, args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            redis.close();
        }, "demo-shutdown"));
        port = context.getEnvironment().getProperty("local.server.port", port);
        System.out.println("Chat service listening on http://localhost:" + port + "  (Ctrl-C to stop)");
        System.out.println("Try: curl -s localhost:" + port + "/chat -H 'X-Tenant-Id: acme' -H 'X-User-Id: alice'"
                + " -H 'Content-Type: text/plain' -d 'Hi, my order 1234 never arrived'");
        System.out.println("Health: curl -s localhost:" + port + "/actuator/health");
    }

    private static ConfigurableApplicationContext start(DemoRedis redis, String port, String[] args) {
        SpringApplication application = new SpringApplication(ChatDemoApplication.class);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("symphony.redis.url", redis.url());
        defaults.put("server.port", port);
        application.setDefaultProperties(defaults);
        List<String> springArgs = Arrays.stream(args).filter(arg -> !arg.equals(SELF_DRIVE)).toList();
        return application.run(springArgs.toArray(String[]::new));
    }
}
