/** Symphony Redis repositories: the original's seven repositories, every read-modify-write atomic on the server. */
module io.symphony.redis.repositories {
    requires transitive io.symphony.redis.core;
    requires org.slf4j;

    exports io.symphony.redis.repository;
}
