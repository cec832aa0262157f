package dev.canary.examples;

import dev.canary.backtest.Backtest;
import dev.canary.backtest.BacktestReport;
import dev.canary.backtest.BacktestText;
import dev.canary.backtest.Comparison;
import dev.canary.backtest.Release;
import dev.canary.backtest.ReleaseResult;
import dev.canary.prometheus.PrometheusHistory;
import dev.canary.prometheus.PrometheusMetricsProvider;
import dev.canary.report.RunReport;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.SequentialSpec;
import dev.canary.testkit.prometheus.PrometheusServer;
import dev.canary.testkit.prometheus.TraefikDay;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code scripts/backtest}: backtests a Flagger manifest (the bundled seed manifest by default) on Prometheus
 * history and prints every release's timeline, the verdicts and a summary, and, with a second spec, both side by
 * side. Without {@code --prometheus} the history is {@link TraefikDay}, backfilled into a local Prometheus server
 * started for the purpose (needs {@code prometheus} and {@code promtool}). See {@link BacktestDemoOptions#USAGE}.
 */
public final class BacktestDemo {
    private BacktestDemo() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the backtest with command-line {@code args}; returns 0 when done, 2 for bad options, 3 on failure. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        BacktestDemoOptions options;
        try {
            options = BacktestDemoOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            return LocalDemo.usageError(e, BacktestDemoOptions.USAGE, err);
        }
        if (options.help()) {
            out.println(BacktestDemoOptions.USAGE);
            return 0;
        }
        try {
            execute(options, out);
            return 0;
        } catch (RuntimeException e) {
            err.println("error: the backtest could not run: " + e.getMessage());
            return 3;
        }
    }

    static void execute(BacktestDemoOptions options, PrintStream out) {
        DemoManifest first = DemoManifest.load(options.manifest());
        DemoManifest second = options.compare() == null ? null : DemoManifest.load(options.compare());
        if (options.prometheus() != null) {
            backtest(options, first, second, options.prometheus(), options.releases(), out);
            return;
        }
        TraefikDay day = TraefikDay.yesterday();
        Path dir = temporaryDirectory();
        try {
            Path history = day.write(dir.resolve("day.om"));
            long mebibytes = Files.size(history) / (1024 * 1024);
            out.println("Generated a day of Traefik metrics from " + day.day() + " (" + mebibytes
                    + " MiB of OpenMetrics) and backfilled it into a local Prometheus with promtool.");
            try (PrometheusServer server = PrometheusServer.backfilled(history)) {
                List<Release> releases = new ArrayList<>(options.releases());
                if (releases.isEmpty() && options.from() == null) {
                    releases.addAll(dayReleases(first.manifest().spec(), day, server));
                }
                backtest(options, first, second, server.uri().toString(), releases, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated history in " + dir, e);
        } finally {
            delete(dir);
        }
    }

    /** The releases found in the day, named after the day's incidents, plus its window without traffic. */
    private static List<Release> dayReleases(CanarySpec spec, TraefikDay day, PrometheusServer server) {
        List<Release> releases = new ArrayList<>();
        try (PrometheusMetricsProvider provider = PrometheusMetricsProvider.builder()
                .address(server.uri().toString()).build()) {
            for (Release found : PrometheusHistory.of(provider).releases(spec, day.day(),
                    day.at(Duration.ofDays(1)))) {
                String name = TraefikDay.RELEASES.stream().filter(i -> day.at(i.start()).equals(found.start()))
                        .map(TraefikDay.Incident::name).findFirst().orElse(found.name());
                releases.add(Release.at(name, found.start()));
            }
        }
        releases.add(Release.at("v1.6-no-traffic", day.at(Duration.ofHours(22))));
        return releases;
    }

    private static void backtest(BacktestDemoOptions options, DemoManifest first, @Nullable DemoManifest second,
            String address, List<Release> given, PrintStream out) {
        CanarySpec spec = first.manifest().spec();
        CanarySpec other = second != null ? second.manifest().spec() : options.threshold() > 0
                ? spec.toBuilder().analysis(spec.analysis().toBuilder().threshold(options.threshold()).build()).build()
                : options.sequential() ? sequential(spec) : null;
        PrometheusMetricsProvider.Builder builder = PrometheusMetricsProvider.builder().address(address)
                .templates(first.manifest().metricTemplates());
        if (second != null) {
            builder.templates(second.manifest().metricTemplates());
        }
        try (PrometheusMetricsProvider provider = builder.build()) {
            PrometheusHistory history = PrometheusHistory.of(provider);
            Backtest backtest = Backtest.builder().spec(spec).history(history).weights(options.weights()).build();
            List<Release> releases = given.isEmpty()
                    ? history.releases(spec, Objects.requireNonNull(options.from()),
                            Objects.requireNonNull(options.to()))
                    : given;
            out.println("Backtest of " + first.source() + " (" + spec.key() + ") at Prometheus " + address + " on "
                    + releases.size() + " releases. In the replay the workloads are always ready and every hook "
                    + "approves (webhooks are not called).");
            out.println();
            BacktestReport report = backtest.run(releases);
            if (!options.summary()) {
                report.releases().forEach(r -> out.println(BacktestText.timeline(r)));
            }
            out.print(BacktestText.summary(report));
            if (options.report() != null) {
                for (ReleaseResult r : report.releases()) {
                    RunReport.write(r.status(), options.report().resolve(r.release().name()
                            .replaceAll("[^A-Za-z0-9._-]", "-") + ".html"));
                }
                out.println("Wrote " + report.releases().size() + " HTML run reports to " + options.report());
            }
            if (other != null) {
                BacktestReport otherReport = Backtest.builder().spec(other).history(history)
                        .weights(options.weights()).build().run(releases);
                out.println();
                out.print(BacktestText.summary(otherReport));
                out.println();
                out.print(BacktestText.comparison(new Comparison(report, otherReport), label(spec, "first"),
                        second != null ? second.source() : label(other, "second")));
            }
        }
    }

    private static String label(CanarySpec spec, String which) {
        return spec.analysis().metrics().stream().allMatch(MetricCheck::isSequential) ? which + " (sequential)"
                : which + " (threshold " + spec.analysis().threshold() + ")";
    }

    /** {@code spec} with every check judged sequentially, with the default settings. */
    static CanarySpec sequential(CanarySpec spec) {
        return spec.toBuilder().analysis(spec.analysis().toBuilder().metrics(spec.analysis().metrics().stream()
                .map(c -> c.toBuilder().sequential(SequentialSpec.ofDefaults()).build()).toList()).build()).build();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("canary-backtest-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temporary file is harmless
        }
    }
}
