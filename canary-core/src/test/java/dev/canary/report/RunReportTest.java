package dev.canary.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryEvent;
import dev.canary.CanaryResult;
import dev.canary.CanaryRun;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.DecisionRecord;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.WebhookSpec;
import dev.canary.testkit.ContractSpecs;
import dev.canary.testkit.FakeRouter;
import dev.canary.testkit.FakeTarget;
import dev.canary.testkit.ManualScheduler;
import dev.canary.testkit.MutableClock;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders reports of real runs (fake providers, manual scheduler) and opens them in headless Chromium. */
class RunReportTest {
    private static final Pattern WEIGHT_LINE = Pattern.compile("<polyline class=\"weight\" fill=\"none\" "
            + "points=\"([^\"]*)\"");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final List<CanaryEvent> events = new ArrayList<>();

    @AfterEach
    void stopPool() {
        io.shutdownNow();
    }

    /**
     * The seed configuration plus a confirm-promotion gate that waits twice; the success rate dips below 99 in
     * two ticks (two failed checks, under the threshold of 10).
     */
    private CanaryResult run() {
        return run(dev.canary.CanaryListener.NONE);
    }

    private CanaryResult run(dev.canary.CanaryListener extra) {
        CanarySpec seed = ContractSpecs.seed();
        CanarySpec spec = seed.toBuilder().analysis(seed.analysis().toBuilder()
                .webhooks(List.of(WebhookSpec.gate("release-manager", HookType.CONFIRM_PROMOTION))).build()).build();
        AtomicInteger queries = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        CanaryRun run = CanaryRun.builder().spec(spec).router(new FakeRouter()).target(new FakeTarget("v1", "v2"))
                .metrics(q -> MetricResult.value(q.check().name().equals("request-success-rate")
                        ? (List.of(7, 8).contains(queries.incrementAndGet()) ? 97.5 : 99.8) : 180))
                .gate("release-manager", request -> asked.incrementAndGet() <= 2
                        ? GateResult.waiting("outside the change window") : GateResult.approve())
                .clock(clock).scheduler(scheduler).executor(scheduler).listener(events::add).listener(extra).build();
        var execution = run.start();
        for (int i = 0; i < 200 && !execution.result().isDone(); i++) {
            scheduler.runNext();
        }
        return execution.result().join();
    }

    @Nested
    class Html {
        @Test
        void drawsOneWeightPointPerDecisionAtTheWeightOfThatDecision() {
            CanaryResult result = run();

            String html = RunReport.html(result.status(), events);

            List<DecisionRecord> history = result.status().history();
            List<String> points = weightPoints(html);
            assertThat(points).hasSize(history.size());
            for (int i = 0; i < history.size(); i++) {
                double y = Double.parseDouble(points.get(i).split(",")[1]);
                assertThat(y).as("y of decision %d (weight %d)", i + 1, history.get(i).canaryWeight())
                        .isCloseTo(12 + (1 - history.get(i).canaryWeight() / 100.0) * 160, org.assertj.core.data
                                .Offset.offset(0.06));
            }
        }

        @Test
        void showsTheOutcomeEachCheckAgainstItsBoundsTheFailuresAndTheGateWaits() {
            CanaryResult result = run();

            String html = RunReport.html(result.status(), events);

            assertThat(result.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(html).contains("<p id=\"outcome\" class=\"succeeded\">Succeeded</p>")
                    .contains("data-check=\"request-success-rate\"").contains("min 99</text>")
                    .contains("data-check=\"request-duration\"").contains("max 500</text>")
                    .contains("tick 10: failed check 1/10").contains("tick 11: failed check 2/10")
                    .contains("<rect class=\"gate\"").contains("outside the change window")
                    .contains("<circle class=\"dot failed\"");
            assertThat(html).doesNotContain("http://", "https://", "<script", "<link");
        }

        @Test
        void escapesTextFromTheRun() {
            CanaryResult result = run();
            var status = result.status();
            var hostile = new dev.canary.RunStatus("<b>ns</b>/x", status.at(), status.phase(), 0, false, 0, 1, 0,
                    status.checks(), status.history(), "<script>alert(1)</script>");

            String html = RunReport.html(hostile);

            assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").contains("&lt;b&gt;ns&lt;/b&gt;");
        }
    }

    @Nested
    class InChromium {
        @Test
        void theBrowserParsesTheChartsWithTheWeightPoints() throws Exception {
            CanaryResult result = run();
            Path page = RunReport.write(result.status(), events, dir.resolve("run.html"));

            String dom = new Chromium(dir).dumpDom(page);

            assertThat(weightPoints(dom)).isEqualTo(weightPoints(Files.readString(page)));
            assertThat(dom).contains("Succeeded").contains("<rect class=\"gate\"")
                    .contains("data-check=\"request-success-rate\"");
        }

        @Test
        void theScreenshotShowsTheWeightLineFailedChecksAndGateWaits() throws Exception {
            CanaryResult result = run();
            Path page = RunReport.write(result.status(), events, dir.resolve("run.html"));

            BufferedImage png = ImageIO.read(new Chromium(dir).screenshot(page, dir.resolve("run.png"), 1000, 1400)
                    .toFile());

            assertThat(pixels(png, 0x2563eb)).as("pixels of the blue weight line").isGreaterThan(300);
            assertThat(pixels(png, 0x059669)).as("pixels of the green check lines").isGreaterThan(300);
            assertThat(pixels(png, 0xdc2626)).as("pixels of the red failed-check dots").isGreaterThan(20);
            assertThat(pixels(png, 0xfde3b9)).as("pixels of the amber gate-wait band").isGreaterThan(100);
            Path docs = Path.of(System.getProperty("report.screenshot", ""));
            if (!docs.toString().isEmpty()) {
                Files.copy(dir.resolve("run.png"), docs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void writeAtEndWritesTheReportWhenTheRunEnds() throws Exception {
        CanaryResult result = run(RunReport.writeAtEnd(dir.resolve("reports")));

        Path file = dir.resolve("reports").resolve("demo-canary-podinfo.html");
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("Succeeded").contains("outside the change window")
                .contains("<tr><td>" + result.status().history().size() + "</td>");
    }

    private static List<String> weightPoints(String html) {
        Matcher m = WEIGHT_LINE.matcher(html);
        assertThat(m.find()).as("the weight polyline").isTrue();
        return List.of(m.group(1).split(" "));
    }

    /** Pixels within a small distance of {@code rgb}. */
    private static int pixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) + Math.abs(((p >> 8) & 255)
                        - ((rgb >> 8) & 255)) + Math.abs((p & 255) - (rgb & 255));
                if (d <= 24) {
                    count++;
                }
            }
        }
        return count;
    }
}
