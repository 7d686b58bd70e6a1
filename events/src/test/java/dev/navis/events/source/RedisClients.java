package dev.navis.events.source;

import static org.assertj.core.api.Assertions.fail;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/** Drops a client's connection from the Redis side, as a server restart would. */
final class RedisClients {

  private RedisClients() {}

  static Jedis connect() {
    return new Jedis(new HostAndPort(Brokers.HOST, Brokers.REDIS),
        DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).build());
  }

  /** Kills every connection whose client name is {@code name}. */
  static void kill(Jedis redis, String name) {
    long killed = redis.clientList().lines().filter(line -> line.contains(" name=" + name + " "))
        .map(line -> line.replaceAll("^id=(\\d+) .*", "$1"))
        .mapToLong(id -> redis.clientKill(ClientKillParams.clientKillParams()
            .id(id)))
        .sum();
    if (killed == 0) {
      fail("no Redis client named " + name + " in:\n" + redis.clientList());
    }
  }
}
