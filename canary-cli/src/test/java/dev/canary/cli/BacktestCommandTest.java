package dev.canary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {
    static final long GOOD = 1_764_410_400L;   // 2025-11-29T10:00:00Z
    static final long BAD = GOOD + 3600;
    private final Cli cli = new Cli();
    private HttpServer prometheus;

    /**
     * A Prometheus stand-in answering range queries on the step grid: success rate 99.5 % for the release at 10:00
     * and 98 % from 10:30 on, p99 120 ms, 300 requests per check window, no raw counters (weights unknown).
     */
    @BeforeEach
    void startPrometheus() throws IOException {
        prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/api/v1/query_range", exchange -> {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String query = form.get("query");
            long start = (long) Double.parseDouble(form.get("start"));
            long end = (long) Double.parseDouble(form.get("end"));
            long step = Long.parseLong(form.get("step").replace("s", ""));
            String value = query.contains("code!~") ? (start < GOOD + 1800 ? "99.5" : "98")
                    : query.contains("histogram_quantile") ? "120" : query.contains("increase") ? "300" : null;
            StringBuilder points = new StringBuilder();
            for (long t = start; value != null && t <= end; t += step) {
                points.append(points.length() > 0 ? "," : "").append("[").append(t).append(",\"").append(value)
                        .append("\"]");
            }
            String result = value == null ? "[]" : "[{\"metric\":{},\"values\":[" + points + "]}]";
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":" + result + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
    }

    @AfterEach
    void stop() {
        prometheus.stop(0);
    }

    private String address() {
        return "http://127.0.0.1:" + prometheus.getAddress().getPort();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void printsEachReleasesTimelineAndTheSummary() {
        int exit = cli.execute("backtest", Cli.manifest("healthy.yaml"), "--prometheus", address(),
                "--release", "good=2025-11-29T10:00:00Z", "--release", "bad=2025-11-29T11:00:00Z");

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Backtest of test/podinfo")
                .contains("release good from 2025-11-29T10:00:00Z (weights: as the spec would have set them)")
                .contains("10:00:20  Progressing           50      -     0/2  99.50 ok                120 ok")
                .contains("test/podinfo on 2 releases (weights: as the spec would have set them): 1 promoted, "
                        + "1 rolled back (50%), 0 undecided")
                .contains("rollbacks decided by: request-success-rate 1")
                .containsPattern("bad +ROLLED BACK at 11:00:30 \\(30 s after the start\\), decided by "
                        + "request-success-rate \\(2 failed ticks\\)");
    }

    @Test
    void writesEachReleasesTimelineAsAnHtmlReport(@TempDir Path dir) throws IOException {
        int exit = cli.execute("backtest", Cli.manifest("healthy.yaml"), "--prometheus", address(), "--summary",
                "--report", dir.toString(), "--release", "bad=2025-11-29T11:00:00Z");

        assertThat(exit).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve("bad.html"))).contains("test/podinfo (backtest of bad)")
                .contains("request-success-rate");
        assertThat(cli.out()).contains("wrote 1 HTML reports to " + dir);
    }

    @Test
    void comparesWithAnotherThreshold() {
        int exit = cli.execute("backtest", Cli.manifest("healthy.yaml"), "--prometheus", address(), "--summary",
                "--threshold", "1", "--release", "bad=2025-11-29T11:00:00Z");

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).doesNotContain("PHASE")
                .containsPattern("bad +rolled back after 30 s \\(request-success-rate\\) +rolled back after 20 s")
                .contains("0 of 1 releases decided differently");
    }

    @Test
    void refusesTwoSecondSpecs() {
        int exit = cli.execute("backtest", Cli.manifest("healthy.yaml"), "--prometheus", address(), "--threshold", "1",
                "--sequential", "--release", "bad=2025-11-29T11:00:00Z");

        assertThat(exit).isEqualTo(CanaryCli.USAGE);
        assertThat(cli.err()).contains("--compare, --threshold and --sequential each name a second spec");
    }

    @Test
    void namesEveryProblemWithTheOptions() {
        int exit = cli.execute("backtest", Cli.manifest("healthy.yaml"), "--weights", "mine", "--release", "x",
                "--max-duration", "soon");

        assertThat(exit).isEqualTo(CanaryCli.USAGE);
        assertThat(cli.err()).contains("--prometheus is required: the manifest has no metricsServer")
                .contains("--weights must be 'spec' or 'recorded' but was 'mine'")
                .contains("--release must be NAME=TIME")
                .contains("--max-duration: ")
                .contains("give a window (--from and --to) or releases");
    }

    @Test
    void failsWithExit3WhenPrometheusCannotBeReached() {
        prometheus.stop(0);
        int exit = cli.execute("backtest", Cli.manifest("healthy.yaml"), "--prometheus", address(),
                "--from", "2025-11-29T10:00:00Z", "--to", "2025-11-29T11:00:00Z");

        assertThat(exit).isEqualTo(CanaryCli.ERROR);
        assertThat(cli.err()).contains("error: ").contains("Prometheus at " + address());
    }
}
