/**
 * Pure decisions: {@code (spec, state, observations, now) -> (state', actions, events)}. No I/O, threads, clock
 * reads or logging; depends only on {@link dev.canary.spec}.
 */
@NullMarked
package dev.canary.engine;

import org.jspecify.annotations.NullMarked;
