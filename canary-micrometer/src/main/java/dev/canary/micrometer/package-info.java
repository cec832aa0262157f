/**
 * Micrometer metrics for canary runs: Flagger's series ({@code flagger_canary_*}) so that Flagger's Grafana
 * dashboard works unchanged, and the library's own health ({@code canary_*}). See {@link CanaryMetrics}.
 */
@NullMarked
package dev.canary.micrometer;

import org.jspecify.annotations.NullMarked;
