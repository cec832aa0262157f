/** Benchmarks of the engine (JMH) and of the runner at scale (a plain harness); see {@code docs/runner.md}. */
@NullMarked
package dev.canary.benchmarks;

import org.jspecify.annotations.NullMarked;
