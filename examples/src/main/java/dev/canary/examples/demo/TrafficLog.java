package dev.canary.examples.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The requests the demo proxy forwarded, kept for a retention period (default {@link #DEFAULT_RETENTION}) so
 * that metrics can be computed over any recent window. Thread-safe.
 */
public final class TrafficLog {
    /** How long records are kept by default. */
    public static final Duration DEFAULT_RETENTION = Duration.ofMinutes(10);

    private final Duration retention;
    private final Deque<ProxiedRequest> records = new ArrayDeque<>();
    private volatile boolean open = true;

    public TrafficLog() {
        this(DEFAULT_RETENTION);
    }

    public TrafficLog(Duration retention) {
        this.retention = Objects.requireNonNull(retention, "retention == null");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive but was " + retention);
        }
    }

    /** Adds a record and forgets those older than the retention period (measured from its time). */
    public synchronized void record(ProxiedRequest request) {
        Objects.requireNonNull(request, "request == null");
        records.addLast(request);
        Instant horizon = request.at().minus(retention);
        while (!records.isEmpty() && records.peekFirst().at().isBefore(horizon)) {
            records.removeFirst();
        }
    }

    /** The records completed in {@code (from, to]}, oldest first. */
    public synchronized List<ProxiedRequest> between(Instant from, Instant to) {
        return records.stream().filter(r -> r.at().isAfter(from) && !r.at().isAfter(to)).toList();
    }

    /** The records of {@code upstream} (mirrored copies included) completed in {@code (from, to]}. */
    public List<ProxiedRequest> between(Upstream upstream, Instant from, Instant to) {
        return between(from, to).stream().filter(r -> r.upstream() == upstream).toList();
    }

    /** How the client requests completed in {@code (from, to]} were split (mirrored copies not counted). */
    public TrafficSplit split(Instant from, Instant to) {
        List<ProxiedRequest> served = between(from, to).stream().filter(r -> !r.mirrored()).toList();
        long canary = served.stream().filter(r -> r.upstream() == Upstream.CANARY).count();
        return new TrafficSplit(served.size() - canary, canary);
    }

    public synchronized int size() {
        return records.size();
    }

    /** Whether the log still receives traffic (false once its proxy was stopped). */
    public boolean isOpen() {
        return open;
    }

    /** Marks the log closed: its proxy has stopped, nothing more will be recorded. */
    public void close() {
        open = false;
    }
}
