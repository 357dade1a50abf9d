package io.symphony.redis.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pass extra {@code redis-server} arguments to a {@link PrivateRedisServer} that {@link RedisExtension} injects,
 * e.g. {@code @RedisServerArgs({"--notify-keyspace-events", "Ex"}) PrivateRedisServer server}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RedisServerArgs {

    /** Return the arguments, in {@code redis-server} command-line form. */
    String[] value();
}
