package dev.canary.cli;

import dev.canary.manifest.CanaryManifest;
import dev.canary.simulation.Behaviour;
import dev.canary.simulation.Simulation;
import dev.canary.simulation.SimulationReport;
import dev.canary.simulation.Traffic;
import dev.canary.spi.Durations;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code canary simulate FILE}: runs the manifest's spec many times on the real runner with simulated time and
 * traffic ({@link Simulation}) and prints how often it would roll back or promote and how fast. Sequential checks
 * that use the manifest's metric templates are answered from the simulated traffic when the templates name count
 * queries. Exit 0 when it ran, 2 for bad input.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a manifest's spec on simulated traffic N times: rollback and promotion rates, time to "
                + "decision.")
final class SimulateCommand implements Callable<Integer> {
    private final Environment environment;

    /** The manifest and the canary in it. */
    @Mixin
    private ManifestOptions input = new ManifestOptions();

    @Option(names = "--runs", description = "Simulated releases; default ${DEFAULT-VALUE}.")
    private int runs = 100;

    @Option(names = "--rps", description = "Requests per second to the service; default ${DEFAULT-VALUE}.")
    private double rps = 20;

    @Option(names = "--primary-errors", paramLabel = "FRACTION", description = "Error rate of the primary, "
            + "0 to 1; default ${DEFAULT-VALUE}.")
    private double primaryErrors = 0.001;

    @Option(names = "--canary-errors", paramLabel = "FRACTION", description = "Error rate of the canary, 0 to 1; "
            + "default ${DEFAULT-VALUE}.")
    private double canaryErrors = 0.001;

    @Option(names = "--canary-latency-factor", paramLabel = "FACTOR", description = "Every canary request takes "
            + "FACTOR times as long as the primary's (log-normal, median 50 ms, p99 200 ms); default "
            + "${DEFAULT-VALUE}.")
    private double canaryLatencyFactor = 1;

    @Option(names = "--seed", description = "Random seed, for repeatable results; default ${DEFAULT-VALUE}.")
    private long seed = 1;

    SimulateCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Optional<CanaryManifest> manifest = input.read(environment.err());
        if (manifest.isEmpty()) {
            return CanaryCli.USAGE;
        }
        SimulationReport report;
        try {
            if (!(canaryLatencyFactor > 0) || Double.isInfinite(canaryLatencyFactor)) {
                throw new IllegalArgumentException("--canary-latency-factor must be above 0 but was "
                        + canaryLatencyFactor);
            }
            Traffic traffic = Traffic.builder().requestsPerSecond(rps).primary(Behaviour.errors(primaryErrors))
                    .canary(Behaviour.errors(canaryErrors).withLatency(Behaviour.DEFAULT_LATENCY
                            .scaled(canaryLatencyFactor))).build();
            report = Simulation.builder(manifest.get().spec()).templates(manifest.get().metricTemplates())
                    .traffic(traffic).runs(runs).seed(seed).build().run();
        } catch (IllegalArgumentException e) {
            environment.err().println("error: " + e.getMessage());
            return CanaryCli.USAGE;
        }
        print(manifest.get(), report, environment.out());
        return CanaryCli.OK;
    }

    private void print(CanaryManifest manifest, SimulationReport report, PrintStream out) {
        out.printf(Locale.ROOT, "%s: %d simulated releases at %.0f req/s, primary errors %.2f%%, canary errors "
                + "%.2f%%%s%n", manifest.spec().key(), report.runs().size(), rps, primaryErrors * 100,
                canaryErrors * 100, canaryLatencyFactor == 1 ? ""
                        : String.format(Locale.ROOT, ", canary latency x%s", canaryLatencyFactor));
        out.printf(Locale.ROOT, "rolled back    %6.1f%%%n", report.rollbackRate() * 100);
        out.printf(Locale.ROOT, "promoted       %6.1f%%%n", report.promotionRate() * 100);
        out.printf(Locale.ROOT, "undecided      %6.1f%%%n", report.undecidedRate() * 100);
        out.println("time to decision: median " + Durations.format(report.medianTimeToDecision()) + ", p95 "
                + Durations.format(report.p95TimeToDecision()));
        out.printf(Locale.ROOT, "canary requests per release: %.0f, of them failed: %.1f%n",
                report.meanCanaryRequests(), report.meanCanaryFailedRequests());
    }
}
