package dev.canary.kubernetes.replicas;

import dev.canary.CanaryEvent;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spi.MetricsProvider;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every replica of one canary shares, as they would share a cluster: the router, the deployment, the
 * metrics, and a log of who acted when. Thread-safe.
 */
final class World {
    /** One write to the world (router, target or stored state) by a replica. */
    record Act(String replica, Instant at, String what) {
    }

    final CanarySpec spec;
    final FakeRouter router = new FakeRouter();
    final FakeTarget target = new FakeTarget("v1", "v2");
    private final boolean healthy;
    private final List<Act> acts = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<CanaryEvent> endings = new ArrayList<>();
    private int badSuccessRatesLeft;

    World(CanarySpec spec, boolean healthy, int badSuccessRates) {
        this.spec = spec;
        this.healthy = healthy;
        this.badSuccessRatesLeft = badSuccessRates;
    }

    String key() {
        return spec.key();
    }

    /** Success rate 100 % (90 % when unhealthy, or for the first bad answers), p99 latency 100 ms. */
    MetricsProvider metrics() {
        return query -> {
            if (!query.check().name().equals("request-success-rate")) {
                return MetricResult.value(100);
            }
            synchronized (this) {
                if (badSuccessRatesLeft > 0) {
                    badSuccessRatesLeft--;
                    return MetricResult.value(90);
                }
            }
            return MetricResult.value(healthy ? 100 : 90);
        };
    }

    synchronized void acted(String replica, Instant at, String what, String leaseHolder) {
        acts.add(new Act(replica, at, what));
        if (!replica.equals(leaseHolder)) {
            violations.add(replica + " did " + what + " at " + at + " while the lease was held by " + leaseHolder);
        }
    }

    synchronized void observed(CanaryEvent event) {
        if (event instanceof CanaryEvent.PhaseChanged change
                && (change.to() == Phase.SUCCEEDED || change.to() == Phase.FAILED)) {
            endings.add(event);
        }
    }

    synchronized List<Act> acts() {
        return List.copyOf(acts);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The runs' transitions to Succeeded or Failed, by any replica. */
    synchronized List<CanaryEvent> endings() {
        return List.copyOf(endings);
    }

    /** Per replica, the first and the last instant it acted on this canary, in order of first act. */
    synchronized Map<String, Instant[]> actingSpans() {
        Map<String, Instant[]> spans = new LinkedHashMap<>();
        for (Act act : acts) {
            spans.computeIfAbsent(act.replica(), r -> new Instant[] {act.at(), act.at()})[1] = act.at();
        }
        return spans;
    }

    /** Violations plus overlaps: a replica acting again after another replica has started acting. */
    synchronized List<String> problems() {
        List<String> problems = new ArrayList<>(violations);
        String current = null;
        List<String> done = new ArrayList<>();
        for (Act act : acts) {
            if (!act.replica().equals(current)) {
                if (done.contains(act.replica())) {
                    problems.add(act.replica() + " acted again at " + act.at() + " after " + current + " took over");
                }
                if (current != null) {
                    done.add(current);
                }
                current = act.replica();
            }
        }
        return problems;
    }
}
