package dev.canary.examples;

import dev.canary.AlertProvider;
import dev.canary.CanaryExecution;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.examples.demo.DemoEnvironment;
import dev.canary.examples.demo.TrafficProbe;
import dev.canary.examples.demo.TrafficSplit;
import dev.canary.spec.AlertSpec;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.CanarySpec;
import dev.canary.spi.MetricsProvider;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One canary run on a started {@link DemoEnvironment}, as every demo performs it: a few requests through the proxy
 * first (so the run does not judge the JVM loading its HTTP code), then the run with the environment's router and
 * target and the demo's metrics, one line per tick ({@link TickPrinter}) and one {@code ALERT} line per alert
 * ({@link AlertProvider#printing}) on the same stream, a bounded wait for the end, and {@value #PROBE_REQUESTS}
 * requests through the proxy to show where traffic goes afterwards. Stateless.
 */
final class DemoRun {
    /** Requests sent through the proxy (all to the primary) before the run. */
    static final int WARM_UP_REQUESTS = 20;
    /** Requests sent through the proxy after the run to show the final split. */
    static final int PROBE_REQUESTS = 20;
    /** The name alerts are printed under when the spec subscribes no provider itself. */
    static final String ALERT_PROVIDER = "console";

    private DemoRun() {
    }

    /**
     * Runs {@code spec} on {@code env}, judged on {@code metrics}, with {@code builder} (which may carry gates or
     * load tests already) and reports how it ended.
     *
     * @throws IllegalStateException when the run did not end within {@code limit} or could not go on
     */
    static DemoReport perform(DemoEnvironment env, MetricsProvider metrics, CanaryRun.Builder builder,
            CanarySpec spec, Duration limit, Clock clock, PrintStream out) {
        TrafficProbe probe = new TrafficProbe();
        probe.warmUp(WARM_UP_REQUESTS, env.proxy().uri());
        TickPrinter printer = new TickPrinter(out, ZoneId.systemDefault());
        AlertProvider alerts = AlertProvider.printing(out);
        alertProviderNames(spec).forEach(name -> builder.alertProvider(name, alerts));
        printer.printHeader();
        Instant start = clock.instant();
        CanaryExecution execution = builder.spec(spec).router(env.router()).metrics(metrics)
                .target(env.target()).runCommandsInProcess().listener(printer).clock(clock).build().start();
        CanaryResult result = await(execution, limit);
        TrafficSplit during = env.proxy().log().split(start, clock.instant());
        TrafficSplit split = probe.split(env.proxy(), PROBE_REQUESTS);
        DemoReport report = new DemoReport(result, printer.weights(), split, env.primary().behaviour().revision());
        summarize(report, out);
        out.printf("during the run the proxy forwarded %d requests of the load generator: %s%n", during.total(),
                during);
        out.printf("after the run, %d requests through the proxy: %s%n", PROBE_REQUESTS, report.finalSplit());
        return report;
    }

    /** The providers the spec's alerts refer to, or {@value #ALERT_PROVIDER} (which then gets every alert). */
    static Set<String> alertProviderNames(CanarySpec spec) {
        Set<String> names = new LinkedHashSet<>();
        for (AlertSpec alert : spec.analysis().alerts()) {
            names.add(alert.providerRef().name());
        }
        if (names.isEmpty()) {
            names.add(ALERT_PROVIDER);
        }
        return names;
    }

    /**
     * How long a demo waits for a run of {@code analysis}: twice the ticks it needs at most (every step, the
     * threshold, and a few for starting, promoting and finalising), plus half a minute.
     */
    static Duration timeLimit(AnalysisSpec analysis) {
        int steps;
        if (!analysis.stepWeights().isEmpty()) {
            steps = analysis.stepWeights().size();
        } else if (analysis.iterations() > 0) {
            steps = analysis.iterations();
        } else {
            int step = Math.max(1, analysis.stepWeight());
            steps = (analysis.effectiveMaxWeight() + step - 1) / step;
        }
        return analysis.interval().multipliedBy(2L * (steps + analysis.threshold() + 6)).plusSeconds(30);
    }

    private static CanaryResult await(CanaryExecution execution, Duration limit) {
        try {
            return execution.result().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            execution.abort("the demo's time limit of " + limit.toSeconds() + " s was reached");
            throw new IllegalStateException("the run did not end within " + limit.toSeconds() + " s (last status: "
                    + execution.status().summary() + ")", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the run could not go on: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the run", e);
        }
    }

    private static void summarize(DemoReport report, PrintStream out) {
        CanaryResult result = report.result();
        out.printf("%s after %d s: %s%n", result.phase().displayName(), result.duration().toSeconds(),
                result.reason());
        out.printf("peak canary weight %d %%; the primary now runs %s%n", report.peakWeight(),
                report.primaryRevision());
    }
}
