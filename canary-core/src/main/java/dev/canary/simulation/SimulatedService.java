package dev.canary.simulation;

import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.MetricTemplate;
import dev.canary.spec.RequestCounts;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricQuery;
import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricsProvider;
import dev.canary.spec.Readiness;
import dev.canary.spec.Routes;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.TrafficRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One simulated service for one run: the router (weights take effect at once), the deployment (the primary runs
 * {@code v1}, the canary {@code v2}, always ready) and the metrics (the builtin Traefik checks; request counts for
 * them and for the metric templates that name count queries, which are taken to count this service's requests),
 * with traffic generated second by second as simulated time passes. Mirroring and header matches are simulated as
 * a share of the traffic equal to the canary weight. Driven by one thread.
 */
final class SimulatedService {
    private final Traffic traffic;
    private final SimulatedTemplates templates;
    private final VirtualTime time;
    private final SplittableRandom random;
    private final Instant start;
    private final double phase;
    private final double[] buckets;
    private final int stride;
    private final Version primary;
    private final Version canary;
    private Routes routes = Routes.PRIMARY_ONLY;
    private String primaryRevision = "v1";
    private int generated;

    SimulatedService(Traffic traffic, SimulatedTemplates templates, VirtualTime time, SplittableRandom random) {
        this.traffic = traffic;
        this.templates = templates;
        this.time = time;
        this.random = random;
        this.start = time.now();
        this.phase = random.nextDouble();
        this.buckets = traffic.buckets();
        this.stride = 2 + buckets.length;
        this.primary = new Version();
        this.canary = new Version();
    }

    /** Generates the traffic of every whole second up to now, at the weights in force. */
    void advance() {
        long target = Duration.between(start, time.now()).toSeconds();
        while (generated < target) {
            Duration at = Duration.ofSeconds(generated);
            long total = Sampling.poisson(random, traffic.rate(at, phase));
            long toCanary = Sampling.binomial(random, total, routes.canary() / 100.0);
            primary.add(generated, total - toCanary, traffic.primary());
            canary.add(generated, toCanary, traffic.canary(at));
            generated++;
        }
    }

    /** The canary's requests and failed requests so far. */
    RequestCounts canaryTotal() {
        advance();
        return canary.counts(generated, generated);
    }

    TrafficRouter router() {
        return new TrafficRouter() {
            @Override
            public void reconcile(CanarySpec spec) {
            }

            @Override
            public Routes routes(CanarySpec spec) {
                return routes;
            }

            @Override
            public void setRoutes(CanarySpec spec, Routes next) {
                advance();
                routes = next;
            }
        };
    }

    DeploymentTarget target() {
        return new DeploymentTarget() {
            @Override
            public void initialize(CanarySpec spec) {
            }

            @Override
            public TargetStatus status(CanarySpec spec) {
                return new TargetStatus("v2", primaryRevision, Readiness.READY, Readiness.READY);
            }

            @Override
            public void scaleCanaryUp(CanarySpec spec) {
            }

            @Override
            public void scaleCanaryDown(CanarySpec spec) {
            }

            @Override
            public void promote(CanarySpec spec) {
                primaryRevision = "v2";
            }
        };
    }

    MetricsProvider metrics() {
        return new MetricsProvider() {
            @Override
            public MetricResult query(MetricQuery query) {
                return answer(query);
            }

            @Override
            public MetricResult counts(MetricQuery query, Duration window) {
                MetricCheck check = query.check();
                boolean buckets = true;
                if (!check.isBuiltin()) {
                    MetricTemplate template = templates.counted(query);
                    if (template == null) {
                        return new MetricResult.Failed(templates.whyNotCounted(query), check.name());
                    }
                    buckets = Objects.requireNonNull(template.counts()).buckets() != null;
                }
                RequestCounts counts = SimulatedService.this.counts(query.subject(), window);
                return new MetricResult.Counts(buckets ? counts : RequestCounts.of(counts.requests(),
                        counts.failures()), "simulated counts of the " + query.subject().name().toLowerCase()
                        + " over " + window.toSeconds() + "s");
            }

            @Override
            public String toString() {
                return "simulated metrics";
            }
        };
    }

    MetricResult answer(MetricQuery query) {
        MetricCheck check = query.check();
        if (!check.isBuiltin()) {
            return new MetricResult.Failed("the simulation answers the builtin checks only, not '" + check.name()
                    + "'", check.name());
        }
        advance();
        Version version = query.subject() == MetricQuery.Subject.PRIMARY ? primary : canary;
        RequestCounts c = version.counts(generated, check.interval().toSeconds());
        String source = "simulated " + check.name() + " of the " + query.subject().name().toLowerCase() + " over "
                + check.interval().toSeconds() + "s";
        if (MetricCheck.REQUEST_SUCCESS_RATE.equals(check.name())) {
            double rate = c.requests() == 0 ? Double.NaN : (c.requests() - c.failures()) / c.requests() * 100;
            return new MetricResult.Value(rate, (long) c.requests(), source);
        }
        return new MetricResult.Value(Sampling.histogramQuantile(0.99, c) * 1000, (long) c.requests(), source);
    }

    /** Cumulative counts of one subject over {@code window} ending now. */
    RequestCounts counts(MetricQuery.Subject subject, Duration window) {
        advance();
        Version version = subject == MetricQuery.Subject.PRIMARY ? primary : canary;
        return version.counts(generated, Math.max(0, window.toSeconds()));
    }

    /** Cumulative counts per second of one version: requests, failures, then the latency buckets. */
    private final class Version {
        private double[] cumulative = new double[stride * 64];

        void add(int second, long requests, Behaviour behaviour) {
            int from = second * stride;
            int to = from + stride;
            if (to + stride > cumulative.length) {
                cumulative = Arrays.copyOf(cumulative, cumulative.length * 2);
            }
            double[] counts = new double[stride];
            counts[0] = requests;
            counts[1] = Sampling.binomial(random, requests, behaviour.errorRate());
            long remaining = requests;
            double below = 0;
            for (int b = 0; b < buckets.length; b++) {
                double cdf = behaviour.latency().cdf(buckets[b]);
                double p = below >= 1 ? 0 : (cdf - below) / (1 - below);
                long in = Sampling.binomial(random, remaining, Math.min(1, Math.max(0, p)));
                remaining -= in;
                counts[2 + b] = (b == 0 ? 0 : counts[1 + b]) + in;
                below = cdf;
            }
            for (int i = 0; i < stride; i++) {
                cumulative[to + i] = cumulative[from + i] + counts[i];
            }
        }

        /** The counts over the last {@code seconds} seconds before second {@code end}. */
        RequestCounts counts(int end, long seconds) {
            int from = (int) Math.max(0, end - seconds) * stride;
            int to = end * stride;
            List<RequestCounts.Bucket> list = new ArrayList<>();
            for (int b = 0; b < buckets.length; b++) {
                list.add(new RequestCounts.Bucket(buckets[b], cumulative[to + 2 + b] - cumulative[from + 2 + b]));
            }
            return new RequestCounts(cumulative[to] - cumulative[from], cumulative[to + 1] - cumulative[from + 1],
                    list);
        }
    }
}
