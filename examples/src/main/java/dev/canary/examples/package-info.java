/**
 * Runnable examples: {@link dev.canary.examples.LocalDemo} runs a whole canary release on loopback, with no
 * cluster.
 */
@NullMarked
package dev.canary.examples;

import org.jspecify.annotations.NullMarked;
