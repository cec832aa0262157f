package dev.canary.benchmarks.judge;

import dev.canary.simulation.Simulation;
import dev.canary.simulation.SimulationReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Prints, for every scenario and judge, the share of runs rolled back, the median and 95th percentile time to the
 * decision that ended each run, and the failed requests the canary served per run. Usage:
 * {@code JudgeBenchmark [--runs N] [--tsv] [--threads T] [--scenarios A,B] [--judge threshold|sequential]
 * [--watch D] [--seed N]}; default 1,000 runs, 2 threads, every scenario and judge, seed 1; {@code --watch} (such as
 * {@code 2s}) makes the sequential judge's checks watch between ticks.
 */
public final class JudgeBenchmark {
    private JudgeBenchmark() {
    }

    /** One row of the table. */
    record Row(Scenario scenario, Judges judge, SimulationReport report) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 1000;
        int threads = 2;
        boolean tsv = false;
        Set<String> scenarios = new LinkedHashSet<>();
        Set<Judges> judges = EnumSet.allOf(Judges.class);
        Duration watch = null;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--tsv" -> tsv = true;
                case "--scenarios" -> scenarios.addAll(List.of(args[++i].split(",")));
                case "--judge" -> judges = EnumSet.of(Judges.valueOf(args[++i].toUpperCase(Locale.ROOT)));
                case "--watch" -> watch = seconds(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: judge-benchmark [--runs N] [--tsv] [--threads T] [--scenarios A,B] "
                            + "[--judge threshold|sequential] [--watch D] [--seed N]; unknown: " + args[i]);
                    System.exit(2);
                }
            }
        }
        List<Scenario> chosen = Scenario.all().stream()
                .filter(s -> scenarios.isEmpty() || scenarios.contains(s.name())).toList();
        for (Judges judge : judges) {
            try {
                judge.spec(watch);
            } catch (dev.canary.spec.CanaryException | IllegalArgumentException e) {
                System.err.println("judge-benchmark: " + e.getMessage());
                System.exit(2);
            }
        }
        List<Row> rows = run(chosen, judges, runs, threads, watch, seed);
        print(rows, tsv, System.out);
    }

    /** A watch such as {@code 2s} or {@code 500ms}. */
    private static Duration seconds(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s)").matcher(text);
        if (!m.matches()) {
            System.err.println("--watch takes a duration such as 2s or 500ms, not '" + text + "'");
            System.exit(2);
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
    }

    static List<Row> run(int runs, int threads) throws Exception {
        return run(Scenario.all(), EnumSet.allOf(Judges.class), runs, threads, null, 1);
    }

    static List<Row> run(List<Scenario> scenarios, Set<Judges> judges, int runs, int threads,
            @Nullable Duration watch, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                for (Judges judge : judges) {
                    futures.add(pool.submit(() -> new Row(scenario, judge, Simulation.builder(judge.spec(watch))
                            .traffic(scenario.traffic()).runs(runs).seed(seed).build().run())));
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    static void print(List<Row> rows, boolean tsv, PrintStream out) {
        if (!tsv) {
            out.printf(Locale.ROOT, "%-18s %-11s %6s %12s %9s %6s %16s %10s%n", "scenario", "judge", "runs",
                    "rolled back", "median", "p95", "canary failures", "undecided");
        }
        for (Row r : rows) {
            SimulationReport s = r.report();
            if (tsv) {
                out.printf(Locale.ROOT, "%s\t%s\t%d\t%.1f\t%d\t%d\t%.1f%n", r.scenario().name(), r.judge().label(),
                        s.runs().size(), 100 * s.rollbackRate(), s.medianTimeToDecision().toSeconds(),
                        s.p95TimeToDecision().toSeconds(), s.meanCanaryFailedRequests());
            } else {
                out.printf(Locale.ROOT, "%-18s %-11s %6d %11.1f%% %8ds %5ds %16.1f %9.1f%%%n", r.scenario().name(),
                        r.judge().label(), s.runs().size(), 100 * s.rollbackRate(),
                        s.medianTimeToDecision().toSeconds(), s.p95TimeToDecision().toSeconds(),
                        s.meanCanaryFailedRequests(), 100 * s.undecidedRate());
            }
        }
    }
}
