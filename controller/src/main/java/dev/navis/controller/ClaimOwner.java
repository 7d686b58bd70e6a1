package dev.navis.controller;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a claim: the host, process id and process start time of a controller, plus a
 * random part that tells two controllers of one process apart. Written into the claim as
 * {@code navis:<host>:<pid>:<startMillis>:<random>}, so that a later process on the same host
 * can prove the holder dead (no process with that id, or one started at another time) without
 * waiting for the lease to run out.
 */
record ClaimOwner(String host, long pid, long startMillis, String random) {

  private static final String PREFIX = "navis:";

  // The lookup may ask DNS; the name does not change while the process lives.
  private static final String HOST = lookUpHostName();

  /** An owner for a controller of this process. */
  static ClaimOwner ofThisProcess() {
    ProcessHandle self = ProcessHandle.current();
    return new ClaimOwner(HOST, self.pid(), startMillisOf(self),
        UUID.randomUUID().toString());
  }

  /** Reads an owner back; empty for owners written in another form (or by older versions). */
  static Optional<ClaimOwner> parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = text.substring(PREFIX.length()).split(":");
    if (parts.length != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ClaimOwner(parts[0], Long.parseLong(parts[1]),
          Long.parseLong(parts[2]), parts[3]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * True only when this owner ran on this host and its process is gone: no process has its
   * id, or the one that has it started at another time (the id was reused).
   */
  boolean provablyDead() {
    if (!host.equals(HOST) || startMillis < 0) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return true;
    }
    long started = startMillisOf(process.get());
    return started >= 0 && started != startMillis;
  }

  @Override
  public String toString() {
    return PREFIX + host + ':' + pid + ':' + startMillis + ':' + random;
  }

  private static long startMillisOf(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }

  private static String lookUpHostName() {
    try {
      return InetAddress.getLocalHost().getHostName().replace(':', '_');
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
