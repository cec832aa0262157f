package dev.canary.testkit.prometheus;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes Traefik-format service metrics as OpenMetrics text, the input of {@code promtool tsdb
 * create-blocks-from openmetrics} (see {@link Promtool#createBlocks}): {@code traefik_service_requests_total} and
 * the {@code traefik_service_request_duration_seconds} histogram (Traefik's default buckets 0.1, 0.3, 1.2, 5) per
 * service and status code ({@code 200}, {@code 500}), one sample per scrape. Use it to load known traffic into a
 * Prometheus server, to backtest a spec on it or to try queries. Fast requests take 0.05 s, slow ones 0.7 s.
 * Stateless.
 */
public final class TraefikHistoryWriter {
    /** Traefik's default duration buckets, in seconds. */
    public static final List<Double> BUCKETS = List.of(0.1, 0.3, 1.2, 5.0);
    static final double FAST = 0.05;
    static final double SLOW = 0.7;

    private TraefikHistoryWriter() {
    }

    /**
     * What one service served in the scrape interval ending at a sample time.
     *
     * @param requests every request, errors included
     * @param errors   requests answered with 500
     * @param slow     requests that took {@value #SLOW} s (the rest {@value #FAST} s)
     * @param reset    whether the counters restarted just before (Traefik restarted)
     */
    public record Step(long requests, long errors, long slow, boolean reset) {
        public static final Step IDLE = new Step(0, 0, 0, false);

        public Step {
            if (requests < 0 || errors < 0 || slow < 0 || errors > requests || slow > requests) {
                throw new IllegalArgumentException("a step needs 0 <= errors, slow <= requests but was requests "
                        + requests + ", errors " + errors + ", slow " + slow);
            }
        }
    }

    /** The traffic of each service over time. */
    @FunctionalInterface
    public interface Traffic {
        /** What {@code service} served in the scrape ending at {@code time}; {@code null} when it was not scraped. */
        @Nullable Step at(String service, Instant time);
    }

    /**
     * Writes one sample per service and series every {@code scrape} from {@code from} to {@code to} (inclusive),
     * then {@code # EOF}.
     */
    public static void write(Writer out, List<String> services, Instant from, Instant to, Duration scrape,
            Traffic traffic) throws IOException {
        Objects.requireNonNull(traffic, "traffic == null");
        List<Instant> times = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plus(scrape)) {
            times.add(t);
        }
        List<List<Counters>> counters = new ArrayList<>();
        for (String service : services) {
            counters.add(Counters.over(times, t -> traffic.at(service, t)));
        }
        out.write("# TYPE traefik_service_requests counter\n");
        for (int s = 0; s < services.size(); s++) {
            for (String code : List.of("200", "500")) {
                String labels = labels(code, services.get(s));
                for (Counters c : counters.get(s)) {
                    sample(out, "traefik_service_requests_total", labels, c.requests(code), c.time());
                }
            }
        }
        out.write("# TYPE traefik_service_request_duration_seconds histogram\n");
        for (int s = 0; s < services.size(); s++) {
            for (String code : List.of("200", "500")) {
                histogram(out, labels(code, services.get(s)), code, counters.get(s));
            }
        }
        out.write("# EOF\n");
    }

    private static void histogram(Writer out, String labels, String code, List<Counters> counters)
            throws IOException {
        String name = "traefik_service_request_duration_seconds";
        for (Counters c : counters) {
            long all = c.requests(code);
            long slow = code.equals("200") ? c.slow() : 0;
            for (double le : BUCKETS) {
                long n = le >= SLOW ? all : all - slow;
                sample(out, name + "_bucket", labels + ",le=\"" + number(le) + "\"", n, c.time());
            }
            sample(out, name + "_bucket", labels + ",le=\"+Inf\"", all, c.time());
            out.write(name + "_sum{" + labels + "} " + number((all - slow) * FAST + slow * SLOW) + " "
                    + c.time().getEpochSecond() + "\n");
            sample(out, name + "_count", labels, all, c.time());
        }
    }

    private static String labels(String code, String service) {
        return "code=\"" + code + "\",method=\"GET\",protocol=\"http\",service=\"" + escape(service) + "\"";
    }

    /** A label value as OpenMetrics writes it: backslash, double quote and line feed escaped. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void sample(Writer out, String name, String labels, long value, Instant time) throws IOException {
        out.write(name + "{" + labels + "} " + value + " " + time.getEpochSecond() + "\n");
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** A service's cumulative counters at one scrape: ok (200) and error (500) requests, slow ok requests. */
    private record Counters(Instant time, long ok, long errors, long slow) {
        long requests(String code) {
            return code.equals("200") ? ok : errors;
        }

        static List<Counters> over(List<Instant> times, java.util.function.Function<Instant, @Nullable Step> steps) {
            List<Counters> out = new ArrayList<>();
            long ok = 0;
            long errors = 0;
            long slow = 0;
            for (Instant t : times) {
                Step step = steps.apply(t);
                if (step == null) {
                    continue;
                }
                if (step.reset()) {
                    ok = 0;
                    errors = 0;
                    slow = 0;
                }
                ok += step.requests() - step.errors();
                errors += step.errors();
                slow += Math.min(step.slow(), step.requests() - step.errors());
                out.add(new Counters(t, ok, errors, slow));
            }
            return out;
        }
    }
}
