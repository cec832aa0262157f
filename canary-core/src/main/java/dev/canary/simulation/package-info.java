/**
 * Runs a spec on the real runner in simulated time against simulated traffic, many times, to learn what it would
 * do before it gates a real release: how often it rolls back a healthy canary, how fast it catches a bad one, and
 * how many failed requests the canary serves meanwhile. Entry point: {@link Simulation}.
 */
@NullMarked
package dev.canary.simulation;

import org.jspecify.annotations.NullMarked;
