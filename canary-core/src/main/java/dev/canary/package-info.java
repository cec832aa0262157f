/**
 * The API users call: {@link dev.canary.CanaryRun}, its results, status and events.
 */
@NullMarked
package dev.canary;

import org.jspecify.annotations.NullMarked;
