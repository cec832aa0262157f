/**
 * Values, and nothing else of the library: the canary spec (immutable, validated records in Flagger's vocabulary
 * and with Flagger's defaults), the values providers return ({@link dev.canary.spec.MetricResult},
 * {@link dev.canary.spec.Routes}, {@link dev.canary.spec.Readiness}, {@link dev.canary.spec.TargetStatus}), what a
 * run decided ({@link dev.canary.spec.Phase}, {@link dev.canary.spec.CheckEvaluation},
 * {@link dev.canary.spec.GateResult}, {@link dev.canary.spec.DecisionRecord}), the metric template model, the
 * URL masker ({@link dev.canary.spec.Redaction}) and the root exception ({@link dev.canary.spec.CanaryException}).
 *
 * <p>Depends on no other package of the library; every other layer depends on it.
 */
@NullMarked
package dev.canary.spec;

import org.jspecify.annotations.NullMarked;
