/**
 * The backtest demo ({@code scripts/backtest}): a known day of Traefik metrics backfilled into a local Prometheus
 * server, and the seed manifest (or any spec) replayed on it, tick by tick.
 */
@NullMarked
package dev.canary.examples.backtest;

import org.jspecify.annotations.NullMarked;
