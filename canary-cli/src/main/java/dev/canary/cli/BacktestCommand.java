package dev.canary.cli;

import dev.canary.backtest.Backtest;
import dev.canary.backtest.BacktestReport;
import dev.canary.backtest.BacktestText;
import dev.canary.backtest.Comparison;
import dev.canary.backtest.Release;
import dev.canary.backtest.ReleaseResult;
import dev.canary.backtest.Weights;
import dev.canary.manifest.CanaryManifest;
import dev.canary.prometheus.PrometheusHistory;
import dev.canary.prometheus.PrometheusMetricsProvider;
import dev.canary.report.RunReport;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.SequentialSpec;
import dev.canary.spi.Durations;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code canary backtest FILE}: replays past releases found in Prometheus history through the engine with the
 * manifest's spec and prints each release's timeline, the verdicts and a summary; with {@code --compare},
 * {@code --threshold} or {@code --sequential}, a second spec side by side (see {@code docs/backtest.md}). Exit 0
 * when done, 2 for bad usage or a manifest that cannot be read, 3 when Prometheus cannot answer.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replay past releases from Prometheus history through a Flagger Canary manifest's spec and "
                + "print what it would have decided, tick by tick.")
final class BacktestCommand implements Callable<Integer> {
    private final Environment environment;

    /** The manifest and the canary in it. */
    @Mixin
    private ManifestOptions input = new ManifestOptions();

    @Option(names = "--prometheus", paramLabel = "URL", description = "The Prometheus to read; default the "
            + "manifest's metricsServer.")
    private @Nullable String prometheus;

    @Option(names = "--from", paramLabel = "TIME", description = "Find releases from this instant (ISO-8601, "
            + "such as 2026-11-29T00:00:00Z); with --to.")
    private @Nullable String from;

    @Option(names = "--to", paramLabel = "TIME", description = "... up to this instant.")
    private @Nullable String to;

    @Option(names = "--release", paramLabel = "NAME=TIME", description = "Replay this release (repeatable) "
            + "instead of finding releases.")
    private List<String> releases = List.of();

    @Option(names = "--weights", paramLabel = "spec|recorded", description = "The weights the engine is given: "
            + "those the spec would have set (default) or those the router really had.")
    private String weights = "spec";

    @Option(names = "--compare", paramLabel = "FILE", description = "A second manifest, run on the same releases "
            + "and printed side by side.")
    private @Nullable Path compare;

    @Option(names = "--threshold", paramLabel = "N", description = "A second spec: this one with "
            + "analysis.threshold N, side by side.")
    private int threshold;

    @Option(names = "--sequential", description = "A second spec: this one with every check judged "
            + "sequentially (default settings), side by side.")
    private boolean sequential;

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "Replay each release at most this "
            + "long (such as 30m); default: a healthy run's length plus the threshold plus 10 ticks.")
    private @Nullable String maxDuration;

    @Option(names = "--summary", description = "Print only the summaries, not the timelines.")
    private boolean summary;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write each release's timeline as an HTML "
            + "run report, <release>.html in DIR.")
    private @Nullable Path report;

    BacktestCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintStream err = environment.err();
        List<String> problems = new ArrayList<>();
        Optional<CanaryManifest> first = input.read(err);
        Optional<CanaryManifest> second = compare == null ? Optional.empty()
                : ManifestOptions.read(compare, input.canary, err);
        if (first.isEmpty() || compare != null && second.isEmpty()) {
            return CanaryCli.USAGE;
        }
        CanarySpec spec = first.get().spec();
        String address = prometheus != null ? prometheus : spec.metricsServer();
        if (address == null) {
            problems.add("--prometheus is required: the manifest has no metricsServer");
        }
        List<Release> given = parseReleases(problems);
        Instant start = instant("--from", from, problems);
        Instant end = instant("--to", to, problems);
        if (given.isEmpty() && (start == null || end == null)) {
            problems.add("give a window (--from and --to) or releases (--release NAME=TIME)");
        }
        if ((compare != null ? 1 : 0) + (threshold > 0 ? 1 : 0) + (sequential ? 1 : 0) > 1) {
            problems.add("--compare, --threshold and --sequential each name a second spec; give one");
        }
        if (threshold < 0) {
            problems.add("--threshold must be at least 1 but was " + threshold);
        }
        Weights w = "recorded".equals(weights) ? Weights.RECORDED : "spec".equals(weights) ? Weights.SPEC : null;
        if (w == null) {
            problems.add("--weights must be 'spec' or 'recorded' but was '" + weights + "'");
        }
        Duration max = maxDuration == null ? null : duration(problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("error: " + p));
            return CanaryCli.USAGE;
        }
        CanarySpec other = second.map(CanaryManifest::spec).orElse(threshold > 0 ? spec.toBuilder().analysis(
                spec.analysis().toBuilder().threshold(threshold).build()).build()
                : sequential ? spec.toBuilder().analysis(spec.analysis().toBuilder().metrics(spec.analysis().metrics()
                        .stream().map(c -> c.toBuilder().sequential(SequentialSpec.ofDefaults()).build()).toList())
                        .build()).build() : null);
        PrometheusMetricsProvider.Builder builder = PrometheusMetricsProvider.builder().address(address)
                .templates(first.get().metricTemplates());
        second.ifPresent(m -> builder.templates(m.metricTemplates()));
        try (PrometheusMetricsProvider provider = builder.build()) {
            PrometheusHistory history = PrometheusHistory.of(provider);
            List<Release> list = given.isEmpty() ? history.releases(spec, start, end) : given;
            BacktestReport result = backtest(spec, history, w, max).run(list);
            print(result, other == null ? null : backtest(other, history, w, max).run(list), other);
            if (report != null) {
                writeReports(result, report);
            }
        }
        return CanaryCli.OK;
    }

    private void writeReports(BacktestReport result, Path directory) {
        for (ReleaseResult r : result.releases()) {
            String name = r.release().name().replaceAll("[^A-Za-z0-9._-]", "-") + ".html";
            RunReport.write(r.status(), directory.resolve(name));
        }
        environment.out().println("wrote " + result.releases().size() + " HTML reports to " + directory);
    }

    private void print(BacktestReport report, @Nullable BacktestReport otherReport, @Nullable CanarySpec other) {
        PrintStream out = environment.out();
        out.println("Backtest of " + report.spec() + " from " + input.file + " on " + report.releases().size()
                + " releases; in the replay the workloads are always ready and every hook approves.");
        if (!summary) {
            report.releases().forEach(r -> out.println(BacktestText.timeline(r)));
        }
        out.print(BacktestText.summary(report));
        if (otherReport != null && other != null) {
            out.println();
            out.print(BacktestText.summary(otherReport));
            out.println();
            String label = compare != null ? compare.toString()
                    : sequential ? "sequential" : "threshold " + other.analysis().threshold();
            out.print(BacktestText.comparison(new Comparison(report, otherReport), input.file.toString(), label));
        }
    }

    private static Backtest backtest(CanarySpec spec, PrometheusHistory history, @Nullable Weights weights,
            @Nullable Duration max) {
        Backtest.Builder builder = Backtest.builder().spec(spec).history(history)
                .weights(weights == null ? Weights.SPEC : weights);
        if (max != null) {
            builder.maxDuration(max);
        }
        return builder.build();
    }

    private List<Release> parseReleases(List<String> problems) {
        List<Release> out = new ArrayList<>();
        for (String value : releases) {
            int eq = value.lastIndexOf('=');
            Instant at = eq > 0 ? instant("--release", value.substring(eq + 1), problems) : null;
            if (eq <= 0) {
                problems.add("--release must be NAME=TIME such as v42=2026-11-29T14:00:00Z but was '" + value + "'");
            } else if (at != null) {
                out.add(Release.at(value.substring(0, eq), at));
            }
        }
        return out;
    }

    private static @Nullable Instant instant(String option, @Nullable String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(option + " must be an ISO-8601 instant such as 2026-11-29T14:00:00Z but was '" + value
                    + "'");
            return null;
        }
    }

    private @Nullable Duration duration(List<String> problems) {
        try {
            return Durations.parse(maxDuration);
        } catch (IllegalArgumentException e) {
            problems.add("--max-duration: " + e.getMessage());
            return null;
        }
    }
}
