package dev.canary.examples;

import dev.canary.backtest.Release;
import dev.canary.backtest.Weights;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@link BacktestDemo}, parsed; see {@link #USAGE}.
 *
 * @param manifest   the manifest to backtest: {@code seed} or a file
 * @param compare    a second manifest to compare with, or {@code null}
 * @param threshold  compare with the first spec at this failed-check threshold, or 0
 * @param sequential compare with the first spec with every check judged sequentially (default settings)
 * @param weights    which weights the engine is given
 * @param prometheus the Prometheus to read, or {@code null} for the generated day on a local server
 * @param from       the window's start, or {@code null} for the whole generated day
 * @param to         the window's end, or {@code null}
 * @param releases   releases to replay instead of finding them in the window
 * @param report     a directory to write each release's HTML run report to, or {@code null}
 * @param summary    whether to print only the summaries
 * @param help       whether to print the usage
 */
record BacktestDemoOptions(String manifest, @Nullable String compare, int threshold, boolean sequential,
        Weights weights,
        @Nullable String prometheus, @Nullable Instant from, @Nullable Instant to, List<Release> releases,
        @Nullable Path report, boolean summary, boolean help) {

    static final String USAGE = """
            usage: scripts/backtest [options]
              Backtests a Flagger Canary manifest on Prometheus history: the real engine replays each past release
              tick by tick and prints the timelines, the verdicts and a summary. Without --prometheus it starts a
              local Prometheus loaded (promtool backfill) with a generated day of Traefik metrics holding five
              releases: healthy, a scrape outage, a 2 % error burst, a latency regression, a counter reset.
            options:
              --manifest seed|FILE    the manifest to backtest (default: seed, the bundled seed manifest)
              --compare seed|FILE     also backtest this manifest and print both side by side
              --threshold N           also backtest the manifest with analysis.threshold N, side by side
              --sequential            also backtest the manifest with every check judged sequentially, side by side
              --weights spec|recorded the weights the engine is given: those the spec would have set (default)
                                      or those the router really had (from the request counters)
              --prometheus URL        read this Prometheus instead of the generated day
              --from TIME --to TIME   the window to find releases in (ISO-8601, such as 2026-11-29T00:00:00Z);
                                      required with --prometheus unless --release is given
              --release NAME=TIME     replay this release (repeatable) instead of finding releases
              --summary               print only the summaries, not the timelines
              --report DIR            also write each release's timeline as an HTML run report, DIR/<release>.html
              --help                  print this text
            exit code: 0 done, 2 bad options, 3 the backtest could not run (no prometheus/promtool, unreachable)""";

    /** @throws IllegalArgumentException listing every problem */
    static BacktestDemoOptions parse(List<String> args) {
        String manifest = "seed";
        String compare = null;
        int threshold = 0;
        boolean sequential = false;
        Weights weights = Weights.SPEC;
        String prometheus = null;
        Instant from = null;
        Instant to = null;
        List<Release> releases = new ArrayList<>();
        Path report = null;
        boolean summary = false;
        boolean help = false;
        List<String> problems = new ArrayList<>();
        Iterator<String> it = args.iterator();
        while (it.hasNext()) {
            String arg = it.next();
            try {
                switch (arg) {
                    case "--manifest" -> manifest = value(it, arg);
                    case "--compare" -> compare = value(it, arg);
                    case "--threshold" -> threshold = threshold(value(it, arg));
                    case "--sequential" -> sequential = true;
                    case "--weights" -> weights = weights(value(it, arg));
                    case "--prometheus" -> prometheus = value(it, arg);
                    case "--from" -> from = instant(arg, value(it, arg));
                    case "--to" -> to = instant(arg, value(it, arg));
                    case "--release" -> releases.add(release(value(it, arg)));
                    case "--report" -> report = Path.of(value(it, arg));
                    case "--summary" -> summary = true;
                    case "--help", "-h" -> help = true;
                    default -> problems.add("unknown option '" + arg + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if ((compare != null ? 1 : 0) + (threshold > 0 ? 1 : 0) + (sequential ? 1 : 0) > 1) {
            problems.add("--compare, --threshold and --sequential each name a second spec; give one");
        }
        if ((from == null) != (to == null)) {
            problems.add("--from and --to go together");
        } else if (from != null && !to.isAfter(from)) {
            problems.add("--to must be after --from but was " + to + " (from " + from + ")");
        }
        if (prometheus != null && from == null && releases.isEmpty()) {
            problems.add("--prometheus needs a window (--from and --to) or releases (--release NAME=TIME)");
        }
        if (!problems.isEmpty() && !help) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new BacktestDemoOptions(manifest, compare, threshold, sequential, weights, prometheus, from, to,
                releases, report, summary, help);
    }

    private static String value(Iterator<String> it, String option) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }

    private static int threshold(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--threshold must be a whole number of at least 1 but was '" + value + "'");
    }

    private static Weights weights(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "spec" -> Weights.SPEC;
            case "recorded" -> Weights.RECORDED;
            default -> throw new IllegalArgumentException("--weights must be 'spec' or 'recorded' but was '" + value
                    + "'");
        };
    }

    private static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 instant such as 2026-11-29T14:00:00Z "
                    + "but was '" + value + "'");
        }
    }

    private static Release release(String value) {
        int eq = value.lastIndexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--release must be NAME=TIME such as v42=2026-11-29T14:00:00Z but was '"
                    + value + "'");
        }
        return Release.at(value.substring(0, eq), instant("--release", value.substring(eq + 1)));
    }
}
