/**
 * Anytime-valid sequential tests for judging a canary from request counts: Wald's SPRT of a failure rate against
 * an SLO bound ({@link RateTest}) and the conditional count test of canary against primary ({@link RatioTest}),
 * on failures or on requests slower than a latency bucket (read from {@link dev.canary.spec.RequestCounts});
 * {@link SequentialJudge} keeps their statistics per check. Pure functions and immutable values; thread-safe.
 */
@NullMarked
package dev.canary.engine.judge;

import org.jspecify.annotations.NullMarked;
