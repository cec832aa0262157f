/**
 * Runnable examples: {@link dev.canary.examples.LocalDemo} runs a whole canary release on loopback, with no
 * cluster; {@link dev.canary.examples.ManifestDemo} runs a Flagger Canary manifest (such as the bundled seed
 * manifest) on the same stack; {@link dev.canary.examples.PrometheusDemo} runs the release judged on metrics from
 * a real Prometheus server; {@link dev.canary.examples.SeedOnKubernetes} runs a manifest against a cluster.
 */
@NullMarked
package dev.canary.examples;

import org.jspecify.annotations.NullMarked;
