/**
 * Runnable examples: {@link dev.canary.examples.LocalDemo} runs a whole canary release on loopback, with no
 * cluster; {@link dev.canary.examples.PrometheusDemo} runs the same release judged on metrics from a real
 * Prometheus server.
 */
@NullMarked
package dev.canary.examples;

import org.jspecify.annotations.NullMarked;
