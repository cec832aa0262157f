package dev.canary.examples;

import dev.canary.examples.demo.DemoEnvironment;
import dev.canary.spec.CanarySpec;
import dev.canary.spi.MetricsProvider;
import java.io.PrintStream;
import java.time.Clock;

/**
 * What a demo judges the canary on, opened on its started {@link DemoEnvironment} and closed after the run: the
 * proxy's own records ({@link #local}) for {@link LocalDemo}, or a Prometheus server scraping the proxy
 * ({@link DemoPrometheus}) for {@link PrometheusDemo}. It may print what it reads before the run and what it
 * measured after it; by default it prints nothing and {@link #close()} does nothing.
 */
interface DemoMetrics extends AutoCloseable {
    /** The provider the run queries. */
    MetricsProvider provider();

    /** Prints, before the run, where the metrics come from and what the run asks ({@code spec} has the load). */
    default void describe(CanarySpec spec, PrintStream out) {
    }

    /** Prints, after the run, what was measured about the metrics themselves. */
    default void report(CanarySpec spec, PrintStream out) {
    }

    @Override
    default void close() {
    }

    /** The proxy's own records ({@link DemoEnvironment#metrics()}), which need no opening or closing. */
    static DemoMetrics local(DemoEnvironment env) {
        return env::metrics;
    }

    /** Opens the metrics of a demo on its started environment. */
    @FunctionalInterface
    interface Opener {
        /**
         * Opens the metrics for {@code env}, asked at {@code clock}'s time.
         *
         * @throws IllegalStateException when they cannot be opened
         */
        DemoMetrics open(DemoEnvironment env, Clock clock);
    }
}
