package io.symphony.redis.ops;

/**
 * The outcome of {@link RedisOps#rpushAndSadd}: the list's length after the push and how many members were new
 * to the set.
 *
 * @param listLength the list's length after {@code RPUSH}
 * @param membersAdded how many members {@code SADD} added (members already present do not count)
 * @since 0.1
 */
public record PushAndAddResult(long listLength, long membersAdded) {
}
