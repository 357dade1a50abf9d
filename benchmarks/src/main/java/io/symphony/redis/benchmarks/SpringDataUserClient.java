package io.symphony.redis.benchmarks;

import java.util.Map;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveHashOperations;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import reactor.core.publisher.Mono;

/**
 * Spring Data Redis as its users write it: a {@code ReactiveRedisTemplate} with string keys and Jackson JSON hash
 * values, {@code putAll} then {@code expire} then {@code entries}, on the factory's shared native connection.
 */
final class SpringDataUserClient implements UserRecordClient {

    private final LettuceConnectionFactory factory;
    private final ReactiveRedisTemplate<String, Object> template;
    private final ReactiveHashOperations<String, String, Object> hashes;

    private SpringDataUserClient(LettuceConnectionFactory factory) {
        this.factory = factory;
        RedisSerializationContext<String, Object> context = RedisSerializationContext
                .<String, Object>newSerializationContext(StringRedisSerializer.UTF_8)
                .key(StringRedisSerializer.UTF_8)
                .hashKey(StringRedisSerializer.UTF_8)
                .value(new JacksonJsonRedisSerializer<>(Object.class))
                .hashValue(new JacksonJsonRedisSerializer<>(Object.class))
                .build();
        this.template = new ReactiveRedisTemplate<>(factory, context);
        this.hashes = template.opsForHash();
    }

    static SpringDataUserClient open(String host, int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
        factory.afterPropertiesSet();
        factory.start();
        return new SpringDataUserClient(factory);
    }

    @Override
    public Mono<Map<String, Object>> upsertThenGet(int i, Map<String, Object> record) {
        String key = UserRecords.rawKey(i);
        return hashes.putAll(key, record)
                .then(template.expire(key, UserRecords.TTL))
                .then(hashes.entries(key).collectMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
