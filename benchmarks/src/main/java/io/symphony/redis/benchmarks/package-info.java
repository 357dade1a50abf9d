/**
 * JMH benchmarks of Symphony Redis: pool contention, overhead against raw Lettuce, the peers (Spring Data Redis,
 * Redisson) and the value codec, plus {@link io.symphony.redis.benchmarks.BenchmarkSuite}, which runs them all and
 * writes the JSON, the Markdown table and the SVG chart. Every Redis benchmark runs against a private
 * {@code redis-server} on loopback started for its trial; nothing here is library API.
 */
@NullMarked
package io.symphony.redis.benchmarks;

import org.jspecify.annotations.NullMarked;
