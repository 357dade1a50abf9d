package io.symphony.redis.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Plays a scripted conversation against the running service, 3 tenants x 2 users, two bursts each, and checks
 * that every burst became exactly one processed batch: per user, triggers fired == batches processed == bursts and
 * messages processed == messages sent, nothing pending, and the tool's result in the shared state.
 */
final class SelfDrive {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final List<String> TENANTS = List.of("acme", "globex", "initech");
    private static final Map<String, List<List<String>>> SCRIPT = Map.of(
            "alice", List.of(
                    List.of("Hi, my order 1234 never arrived", "It was a birthday present for my sister",
                            "Could you check with the courier?"),
                    List.of("Thanks, the courier found the order", "Please close the ticket")),
            "bob", List.of(
                    List.of("Hello, I want to change my plan", "The premium plan seems expensive",
                            "Is there a yearly discount on premium?"),
                    List.of("Great, switch me to the yearly premium plan", "Send the invoice by email")));
    private static final Duration BETWEEN_MESSAGES = Duration.ofMillis(150);

    private final WebClient client;
    private final Duration debounce;
    private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000), 16);
    private final long startNanos = System.nanoTime();

    SelfDrive(String baseUrl, Duration debounce) {
        this.client = WebClient.create(baseUrl);
        this.debounce = debounce;
    }

    /** Play the script and check the outcome; prints every step. */
    boolean play() {
        List<String[]> users = new ArrayList<>();
        for (String tenant : TENANTS) {
            for (String user : List.of("alice", "bob")) {
                users.add(new String[] {tenant + "-" + run, user});
            }
        }
        say("Playing %d tenants x 2 users, %d bursts each; a batch is processed after %d ms of quiet",
                TENANTS.size(), 2, debounce.toMillis());
        Flux.fromIterable(users)
                .flatMap(scope -> converse(scope[0], scope[1]), users.size())
                .blockLast(Duration.ofSeconds(45)); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
        Duration settle = debounce.plusSeconds(1);
        say("All bursts processed; staying quiet %d ms more so any duplicate firing would show", settle.toMillis());
        Mono.delay(settle).block(); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
        return verify(users);
    }

    private Mono<Void> converse(String tenant, String user) {
        List<List<String>> bursts = bursts(user);
        return Flux.range(0, bursts.size())
                .concatMap(i -> Flux.fromIterable(bursts.get(i))
                        .concatMap(text -> Mono.delay(BETWEEN_MESSAGES).then(send(tenant, user, text)))
                        .then(awaitBatch(tenant, user, i + 1)))
                .then()
                .doOnError(e -> say("%-14s FAILED: %s", tenant + "/" + user, e));
    }

    private Mono<Void> send(String tenant, String user, String text) {
        return client.post().uri("/chat")
                .header("X-Tenant-Id", tenant).header("X-User-Id", user)
                .contentType(MediaType.TEXT_PLAIN).bodyValue(text)
                .retrieve().bodyToMono(JSON)
                .doOnNext(reply -> say("%-14s -> %-45s pending %s", tenant + "/" + user, quote(text),
                        reply.get("pending_messages")))
                .then();
    }

    private Mono<Void> awaitBatch(String tenant, String user, int batch) {
        return state(tenant, user)
                .retry(3)
                .filter(state -> number(handlerState(state).get(ChatBatches.BATCHES)) >= batch)
                .repeatWhenEmpty(ticks -> ticks.delayElements(Duration.ofMillis(200)))
                .timeout(debounce.multipliedBy(3).plusSeconds(15))
                .doOnNext(state -> say("%-14s OK batch %d processed: %s", tenant + "/" + user, batch,
                        handlerState(state).get("last_summary")))
                .then();
    }

    private boolean verify(List<String[]> users) {
        long sent = 0;
        long processed = 0;
        boolean ok = true;
        for (String[] scope : users) {
            Map<String, Object> state = state(scope[0], scope[1]).block(Duration.ofSeconds(10)); // allowed-blocking: synchronous entry point (main/lifecycle), never on an event loop
            Map<?, ?> handler = handlerState(state);
            Map<?, ?> tool = toolResults(state);
            List<List<String>> bursts = bursts(scope[1]);
            long expectedMessages = bursts.stream().mapToLong(List::size).sum();
            long fired = number(handler.get(ChatBatches.FIRED));
            long batches = number(handler.get(ChatBatches.BATCHES));
            long messages = number(handler.get(ChatBatches.MESSAGES));
            long pending = number(state == null ? null : state.get("pending_messages"));
            boolean toolRan = String.valueOf(tool.get("ran_on")).startsWith("symphony-tool");
            boolean good = fired == bursts.size() && batches == bursts.size() && messages == expectedMessages
                    && pending == 0 && toolRan;
            say("%-14s %s triggers fired %d, batches %d/%d, messages %d/%d, pending %d, tool on %s",
                    scope[0] + "/" + scope[1], good ? "PASS" : "FAIL", fired, batches, bursts.size(), messages,
                    expectedMessages, pending, tool.get("ran_on"));
            ok &= good;
            sent += expectedMessages;
            processed += messages;
        }
        ok &= sent == processed;
        say("%s: %d messages sent, %d processed, every batch exactly once: %s", ok ? "SELF-DRIVE PASSED"
                : "SELF-DRIVE FAILED", sent, processed, ok ? "yes" : "NO");
        return ok;
    }

    private static List<List<String>> bursts(String user) {
        return Objects.requireNonNull(SCRIPT.get(user), () -> "no script for user " + user);
    }

    private Mono<Map<String, Object>> state(String tenant, String user) {
        return client.get().uri("/state")
                .header("X-Tenant-Id", tenant).header("X-User-Id", user)
                .retrieve().bodyToMono(JSON);
    }

    private static Map<?, ?> handlerState(@Nullable Map<String, Object> state) {
        return state != null && state.get("handler_state") instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Map<?, ?> toolResults(@Nullable Map<String, Object> state) {
        if (state != null && state.get("shared_state") instanceof Map<?, ?> shared
                && shared.get(KeywordTool.RESULTS) instanceof Map<?, ?> results) {
            return results;
        }
        return Map.of();
    }

    private static long number(@Nullable Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static String quote(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 39) + "~" : text) + "'";
    }

    private void say(String format, @Nullable Object... args) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.println(String.format(Locale.ROOT, "%6.2fs  ", seconds) + String.format(Locale.ROOT, format, args));
    }
}
