package dev.navis.events.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One Kafka broker in this JVM, from Apache Kafka's own server: KRaft mode, a combined
 * broker and controller on loopback, a freshly formatted temporary log folder (deleted on
 * close) and free ports. Besides its plain listener it has a SASL one where {@link #PLAIN_USER}
 * logs in with PLAIN and {@link #SCRAM_USER} with SCRAM-SHA-256. A test class starts one and
 * closes it after its tests; the topics it makes have unique names.
 *
 * <p>Kafka's own KafkaClusterTestKit would do the same, but it needs the kafka-clients test
 * jar, which is not served for 4.4.0.
 */
public final class InProcessKafka implements AutoCloseable {

  /** The SASL user who logs in with PLAIN, and their password. */
  public static final String PLAIN_USER = "ann";
  public static final String PLAIN_PASSWORD = "ann-secret";
  /** The SASL user who logs in with SCRAM-SHA-256, and their password. */
  public static final String SCRAM_USER = "bob";
  public static final String SCRAM_PASSWORD = "bob-secret";

  private final KafkaRaftServer server;
  private final Path logDir;
  private final String bootstrapServers;
  private final String saslBootstrapServers;
  private final Admin admin;

  private InProcessKafka(KafkaRaftServer server, Path logDir, int brokerPort, int saslPort) {
    this.server = server;
    this.logDir = logDir;
    this.bootstrapServers = "127.0.0.1:" + brokerPort;
    this.saslBootstrapServers = "127.0.0.1:" + saslPort;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers));
  }

  /** Formats a fresh log folder and starts the broker; returns once it takes requests. */
  public static InProcessKafka start() {
    try {
      Path logDir = Files.createTempDirectory("navis-kafka-");
      int brokerPort = freePort();
      int controllerPort = freePort();
      int saslPort = freePort();
      KafkaConfig config = KafkaConfig.fromProps(properties(logDir, brokerPort, controllerPort,
          saslPort));
      format(config, logDir);
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      InProcessKafka kafka = new InProcessKafka(server, logDir, brokerPort, saslPort);
      kafka.admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
      kafka.admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(SCRAM_USER,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), SCRAM_PASSWORD)))
          .all().get(10, TimeUnit.SECONDS);
      return kafka;
    } catch (Exception e) {
      throw new IllegalStateException("the in-process Kafka broker did not start", e);
    }
  }

  private static Properties properties(Path logDir, int brokerPort, int controllerPort,
      int saslPort) {
    Properties config = new Properties();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    config.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort
        + ",CONTROLLER://127.0.0.1:" + controllerPort
        + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort
        + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
    config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256");
    config.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + PLAIN_USER
            + "=\"" + PLAIN_PASSWORD + "\";");
    config.put("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", logDir.toString());
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    config.put("auto.create.topics.enable", "false");
    config.put("num.partitions", "1");
    return config;
  }

  private static void format(KafkaConfig config, Path logDir) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(config.nodeId())
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir.toString()))
        .setMetadataLogDirectory(logDir.toString())
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setControllerListenerName("CONTROLLER")
        .run();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code host:port} of the broker, as a client's bootstrap servers. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** {@code host:port} of the SASL listener (PLAIN and SCRAM-SHA-256, no TLS). */
  public String saslBootstrapServers() {
    return saslBootstrapServers;
  }

  /** Creates a topic named {@code prefix-<random>} with {@code partitions}; returns its name. */
  public String newTopic(String prefix, int partitions) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    createTopic(name, partitions);
    return name;
  }

  public void createTopic(String name, int partitions) {
    try {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + name, e);
    }
  }

  /** Produces one record and waits for the broker to acknowledge it. */
  public void produce(ProducerRecord<byte[], byte[]> record) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
      producer.send(record).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce to " + record.topic(), e);
    }
  }

  /** A consumer of the whole topic from its beginning, outside any group. */
  public KafkaConsumer<byte[], byte[]> consumerFromStart(String topic, int partitions) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
    List<TopicPartition> all = IntStream.range(0, partitions)
        .mapToObj(partition -> new TopicPartition(topic, partition)).toList();
    consumer.assign(all);
    consumer.seekToBeginning(all);
    return consumer;
  }

  /** The offset {@code group} committed for a partition; -1 when it committed none. */
  public long committedOffset(String group, String topic, int partition) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, partition));
      return offset == null ? -1 : offset.offset();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the offsets of group " + group, e);
    }
  }

  /** The partition's end offset: how many records were ever written to it. */
  public long endOffset(String topic, int partition) {
    try {
      TopicPartition at = new TopicPartition(topic, partition);
      return admin.listOffsets(Map.of(at, OffsetSpec.latest())).partitionResult(at)
          .get(10, TimeUnit.SECONDS).offset();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end of " + topic, e);
    }
  }

  private Properties producerConfig() {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
    return config;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    server.shutdown();
    server.awaitShutdown();
    deleteQuietly(logDir);
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temp folder left behind is harmless.
    }
  }
}
