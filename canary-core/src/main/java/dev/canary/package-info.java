/**
 * The API users call: {@link dev.canary.CanaryRun}, its results, status, events and listeners.
 */
@NullMarked
package dev.canary;

import org.jspecify.annotations.NullMarked;
