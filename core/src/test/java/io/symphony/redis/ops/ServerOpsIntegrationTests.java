package io.symphony.redis.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ServerOpsIntegrationTests extends OpsTestSupport {

    @Test
    void ping_answersPong() {
        ops.ping().as(StepVerifier::create).expectNext("PONG").verifyComplete();
        ops.onPool(SingleConnectionFixture.SECOND).ping().as(StepVerifier::create).expectNext("PONG").verifyComplete();
    }

    @Test
    void publish_withoutSubscribers_emitsZero() {
        ops.publish(key("channel"), "m").as(StepVerifier::create).expectNext(0L).verifyComplete();
    }

    /** One subscriber on every node: on Cluster the bus forwards the message to every node's subscribers. */
    @Test
    void publish_withSubscriber_deliversAndCounts() {
        String channel = key("channel");
        List<String> nodes = topology.nodeUris();
        List<String> received = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create();
        List<StatefulRedisPubSubConnection<String, String>> subscribers = new ArrayList<>();
        try {
            for (String node : nodes) {
                StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub(RedisURI.create(node));
                subscribers.add(subscriber);
                subscriber.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String from, String message) {
                        received.add(node + ":" + from + "=" + message);
                    }
                });
                subscriber.sync().subscribe(channel);
            }

            ops.publish(channel, "hello").as(StepVerifier::create)
                    .as("subscribers on the node that ran PUBLISH").expectNext(1L).verifyComplete();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received)
                    .containsExactlyInAnyOrderElementsOf(nodes.stream().map(n -> n + ":" + channel + "=hello")
                            .toList()));
        } finally {
            subscribers.forEach(StatefulRedisPubSubConnection::close);
            client.shutdown();
        }
    }

    @Test
    void configGet_readsParameter() {
        String expected = raw().configGet("maxmemory-policy").get("maxmemory-policy");

        ops.configGet("maxmemory-policy").as(StepVerifier::create)
                .assertNext(config -> assertThat(config).containsEntry("maxmemory-policy", expected))
                .verifyComplete();
    }

    @Test
    void configSet_changesParameter() {
        topology.assumeStandalone("CONFIG SET on a Cluster connection changes one node, which raw() cannot name");
        String parameter = "slowlog-max-len";
        String original = raw().configGet(parameter).get(parameter);
        String changed = Long.toString(Long.parseLong(original) + 1);
        try {
            ops.configSet(parameter, changed).as(StepVerifier::create).verifyComplete();

            assertThat(raw().configGet(parameter)).containsEntry(parameter, changed);
        } finally {
            raw().configSet(parameter, original);
        }
    }

    @Test
    void configSet_unknownParameter_signalsCommandError() {
        ops.configSet("no-such-parameter", "1").as(StepVerifier::create)
                .verifyErrorSatisfies(commandError("CONFIG SET", "no-such-parameter", "default"));
    }
}
