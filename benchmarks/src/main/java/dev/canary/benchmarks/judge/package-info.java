/**
 * The judgement benchmark: Flagger's threshold rule against sequential judgement on simulated releases
 * ({@code scripts/judge-benchmark}, docs/judgement.md).
 */
@NullMarked
package dev.canary.benchmarks.judge;

import org.jspecify.annotations.NullMarked;
