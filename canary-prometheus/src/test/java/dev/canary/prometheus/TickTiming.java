package dev.canary.prometheus;

import dev.canary.spec.MetricResult;
import dev.canary.spi.MetricQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the wall time of one tick (all checks of a tick queried at once) with the queries sent concurrently
 * and one after another. A measurement to report, not an assertion: the machine is shared and noisy.
 */
final class TickTiming {
    private TickTiming() {
    }

    record Report(double concurrentMillis, double sequentialMillis, List<MetricResult> lastResults) {
        double ratio() {
            return concurrentMillis / sequentialMillis;
        }
    }

    /** Median tick time over {@code rounds}, alternating the two providers to share the noise. */
    static Report measure(PrometheusMetricsProvider concurrent, PrometheusMetricsProvider sequential,
            List<MetricQuery> tick, int rounds) {
        for (int i = 0; i < 3; i++) {
            concurrent.queryAll(tick);
            sequential.queryAll(tick);
        }
        long[] c = new long[rounds];
        long[] s = new long[rounds];
        List<MetricResult> last = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            last = concurrent.queryAll(tick);
            c[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            sequential.queryAll(tick);
            s[i] = System.nanoTime() - t0;
        }
        return new Report(median(c), median(s), last);
    }

    /** Prints the report and appends it to {@code target/tick-timing.txt}. */
    static void print(String setting, Report r) {
        String line = String.format("%s: per tick concurrent %.1f ms, sequential %.1f ms, ratio %.2f%n", setting,
                r.concurrentMillis(), r.sequentialMillis(), r.ratio());
        System.out.print(line);
        try {
            Files.writeString(Path.of("target", "tick-timing.txt"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
