/**
 * A real Prometheus for tests, backtests and demos: {@link dev.canary.testkit.prometheus.PrometheusServer} starts the
 * {@code prometheus} binary as a child process on a free loopback port, either scraping one target or serving
 * history backfilled with {@link dev.canary.testkit.prometheus.Promtool}; {@link
 * dev.canary.testkit.prometheus.TraefikHistoryWriter} writes Traefik-format metrics as OpenMetrics text for that
 * backfill, and {@link dev.canary.testkit.prometheus.TraefikDay} is a known day of them with five releases of the
 * seed canary. Needs the Debian package {@code prometheus} (or {@code PROMETHEUS_BIN} and {@code PROMTOOL_BIN}).
 * See {@code docs/prometheus.md}.
 */
@NullMarked
package dev.canary.testkit.prometheus;

import org.jspecify.annotations.NullMarked;
