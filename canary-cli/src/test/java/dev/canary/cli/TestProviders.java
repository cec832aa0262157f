package dev.canary.cli;

import dev.canary.spec.MetricResult;
import dev.canary.spi.DeploymentTarget;
import dev.canary.spi.MetricsProvider;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.TrafficRouter;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;

/** Providers named {@code fake}, found through ServiceLoader like the real ones. */
public final class TestProviders {
    private TestProviders() {
    }

    /** A router that keeps weights in memory. */
    public static final class Router implements TrafficRouter.Factory {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public TrafficRouter create(ProviderConfig config) {
            return new FakeRouter();
        }
    }

    /** A target whose primary runs v1 and whose canary is v2, always ready. */
    public static final class Target implements DeploymentTarget.Factory {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public DeploymentTarget create(ProviderConfig config) {
            return new FakeTarget("v1", "v2");
        }
    }

    /**
     * Answers every check with setting {@code value.<check>} (default: 99.9 for the success rate, 120 for the
     * duration, else 1).
     */
    public static final class Metrics implements MetricsProvider.Factory {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public MetricsProvider create(ProviderConfig config) {
            return query -> {
                String check = query.check().name();
                String fallback = check.equals("request-success-rate") ? "99.9"
                        : check.equals("request-duration") ? "120" : "1";
                double value = Double.parseDouble(config.get("value." + check, fallback));
                return new MetricResult.Value(value, 1000, "fake " + check);
            };
        }
    }
}
