/**
 * Pure decisions: {@code (spec, state, observations, now) -> (state', actions)}. No I/O, threads, clock reads or logging.
 */
@NullMarked
package dev.canary.engine;

import org.jspecify.annotations.NullMarked;
