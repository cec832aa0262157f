package dev.canary.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One inline SVG time chart: a line through the points that have a value, a dot per point (red when it failed),
 * dashed lines at the bounds and shaded bands for gate waits. Times map to the x axis between {@code from} and
 * {@code to}. Not thread-safe; build one chart at a time.
 */
final class Chart {
    static final int WIDTH = 880;
    static final int HEIGHT = 200;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One point: its time, its value (null: none) and whether it failed. */
    record Point(Instant at, @Nullable Double value, boolean failed) {
    }

    private final Instant from;
    private final Instant to;
    private final double low;
    private final double high;
    private final StringBuilder svg = new StringBuilder();

    Chart(Instant from, Instant to, double low, double high, String label) {
        this.from = from;
        this.to = to.isAfter(from) ? to : from.plusSeconds(1);
        this.low = low;
        this.high = high > low ? high : low + 1;
        svg.append("<svg class=\"chart\" role=\"img\" aria-label=\"")
                .append(Html.escape(label)).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\">");
        axes();
    }

    double x(Instant at) {
        double share = (double) Duration.between(from, at).toMillis() / Duration.between(from, to).toMillis();
        return LEFT + Math.max(0, Math.min(1, share)) * (WIDTH - LEFT - RIGHT);
    }

    double y(double value) {
        double share = (value - low) / (high - low);
        return TOP + (1 - Math.max(0, Math.min(1, share))) * (HEIGHT - TOP - BOTTOM);
    }

    /** A shaded band from {@code start} to {@code end}, such as a gate wait. */
    Chart band(Instant start, Instant end, String cssClass, String title) {
        double x0 = x(start);
        double x1 = Math.max(x(end), x0 + 3);
        svg.append("<rect class=\"").append(cssClass).append("\" x=\"").append(Html.coordinate(x0))
                .append("\" y=\"").append(TOP).append("\" width=\"").append(Html.coordinate(x1 - x0))
                .append("\" height=\"").append(HEIGHT - TOP - BOTTOM).append("\"><title>").append(Html.escape(title))
                .append("</title></rect>");
        return this;
    }

    /** A dashed horizontal line at {@code value}, labelled. */
    Chart bound(double value, String label) {
        String yy = Html.coordinate(y(value));
        svg.append("<line class=\"bound\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(yy).append("\" y2=\"").append(yy).append("\"/>")
                .append("<text class=\"bound-label\" x=\"").append(WIDTH - RIGHT - 4).append("\" y=\"")
                .append(Html.coordinate(y(value) - 4)).append("\" text-anchor=\"end\">").append(Html.escape(label))
                .append("</text>");
        return this;
    }

    /** The line (class {@code cssClass}) through the points with values, and a dot per point. */
    Chart series(List<Point> points, String cssClass) {
        List<String> coordinates = new ArrayList<>();
        StringBuilder dots = new StringBuilder();
        for (Point p : points) {
            if (p.value() == null || p.value().isNaN()) {
                continue;
            }
            String xy = Html.coordinate(x(p.at())) + "," + Html.coordinate(y(p.value()));
            coordinates.add(xy);
            String[] c = xy.split(",");
            dots.append("<circle class=\"").append(p.failed() ? "dot failed" : "dot").append("\" cx=\"").append(c[0])
                    .append("\" cy=\"").append(c[1]).append("\" r=\"").append(p.failed() ? 5 : 3).append("\"><title>")
                    .append(TIME.format(p.at())).append(": ").append(Html.number(p.value()))
                    .append(p.failed() ? " (failed)" : "").append("</title></circle>");
        }
        svg.append("<polyline class=\"").append(cssClass).append("\" fill=\"none\" points=\"")
                .append(String.join(" ", coordinates)).append("\"/>").append(dots);
        return this;
    }

    String svg() {
        return svg + "</svg>";
    }

    private void axes() {
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\"/>");
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(bottom).append("\"/>");
        for (double v : new double[] {low, (low + high) / 2, high}) {
            svg.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(Html.coordinate(y(v) + 4)).append("\" text-anchor=\"end\">").append(Html.number(v))
                    .append("</text>");
        }
        long span = Duration.between(from, to).toMillis();
        for (int i = 0; i <= 4; i++) {
            Instant at = from.plusMillis(span * i / 4);
            svg.append("<text class=\"tick\" x=\"").append(Html.coordinate(x(at))).append("\" y=\"")
                    .append(HEIGHT - 8).append("\" text-anchor=\"").append(i == 0 ? "start" : i == 4 ? "end" : "middle")
                    .append("\">").append(TIME.format(at)).append("</text>");
        }
    }
}
