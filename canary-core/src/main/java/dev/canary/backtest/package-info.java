/**
 * Backtests: what a spec would have decided on past releases. {@link dev.canary.backtest.Backtest} replays the
 * real engine ({@link dev.canary.engine.Engine#step}) on a simulated clock over a {@link dev.canary.backtest.History}
 * (metric results and router weights recorded at each past tick time, such as a Prometheus server's), tick by
 * tick, and reports each release's timeline and verdict and, over many releases, how often the spec would have
 * rolled back and which checks decided. The replay is pure: the same history gives the same result.
 */
@NullMarked
package dev.canary.backtest;

import org.jspecify.annotations.NullMarked;
