package io.symphony.redis.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Give a Spring test's application context a real Redis, without Docker: the kit's shared server
 * ({@link TestRedis#shared()}: {@code REDIS_URL}, else {@code redis-server} from {@code PATH}, else the embedded
 * binary) becomes {@code symphony.redis.url}, so the Symphony Redis starter connects every pool alias to it.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureTestRedis
 * class ChatServiceTests { ... }
 * }</pre>
 *
 * <p>The property is added with the highest precedence, before the context starts; contexts with and without the
 * annotation are cached apart. Needs spring-test on the test class path (an optional dependency of the kit); with
 * Testcontainers, {@code @ServiceConnection} on a Redis container does the same through the starter's
 * {@code SymphonyRedisConnectionDetails}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AutoConfigureTestRedis {

    /** The property that receives the server's URL. */
    String property() default "symphony.redis.url";
}
