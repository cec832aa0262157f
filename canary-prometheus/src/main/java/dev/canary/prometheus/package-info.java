/**
 * A {@link dev.canary.spi.MetricsProvider} backed by the Prometheus HTTP API: instant and range queries,
 * the builtin Traefik checks ({@code request-success-rate}, {@code request-duration}) and metric templates.
 * Start at {@link dev.canary.prometheus.PrometheusMetricsProvider#builder()}.
 */
@NullMarked
package dev.canary.prometheus;

import org.jspecify.annotations.NullMarked;
