package io.symphony.redis.examples;

import io.symphony.redis.webflux.SymphonyTool;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A synchronous tool, as an agent framework would call it: finds the most frequent words of a batch, keeps a
 * running word total in the user's shared state and records its summary there. It runs on the tool scheduler and
 * reads the shared state the caller bound.
 */
final class KeywordTool extends SymphonyTool<String> {

    static final String RESULTS = "tool_results";
    static final Duration RESULT_TTL = Duration.ofHours(1);

    private final List<String> messages;

    KeywordTool(List<String> messages) {
        this.messages = List.copyOf(messages);
    }

    @Override
    protected String execute() {
        List<String> words = messages.stream()
                .flatMap(message -> Arrays.stream(message.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")))
                .filter(word -> word.length() > 3)
                .toList();
        String top = words.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3)
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        Number before = getStateField(RESULTS, "words_total", Long.class);
        long total = (before == null ? 0 : before.longValue()) + words.size();
        String summary = messages.size() + " message(s), keywords: " + (top.isEmpty() ? "none" : top);
        upsertState(RESULTS, Map.of("last_summary", summary, "words_total", total, "last_tool", "keyword_tool",
                "ran_on", Thread.currentThread().getName()), RESULT_TTL);
        return summary;
    }
}
