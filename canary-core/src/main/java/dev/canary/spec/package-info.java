/**
 * Values, and nothing else of the library: the canary spec (immutable, validated records in Flagger's vocabulary
 * and with Flagger's defaults), the values providers return ({@link dev.canary.spec.MetricResult},
 * {@link dev.canary.spec.Routes}, {@link dev.canary.spec.Readiness}, {@link dev.canary.spec.TargetStatus}), what a
 * run decided ({@link dev.canary.spec.Phase}, {@link dev.canary.spec.CheckEvaluation},
 * {@link dev.canary.spec.GateResult}, {@link dev.canary.spec.DecisionRecord}), the metric template model, the
 * URL masker ({@link dev.canary.spec.Redaction}) and the root exception ({@link dev.canary.spec.CanaryException}).
 *
 * <p>Records with optional fields have a {@code builder(...)} (and {@code toBuilder()}) with the documented
 * defaults; small values ({@link dev.canary.spec.ObjectRef}, {@link dev.canary.spec.StringMatch},
 * {@link dev.canary.spec.ThresholdRange}) have static factories instead.
 *
 * <p>Depends on no other package of the library; every other layer depends on it.
 */
@NullMarked
package dev.canary.spec;

import org.jspecify.annotations.NullMarked;
