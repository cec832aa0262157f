/**
 * What providers implement: traffic routers, metrics providers, deployment targets, state stores, run leases,
 * each with a {@code Factory} found through {@link java.util.ServiceLoader}. Depends only on
 * {@link dev.canary.spec}: providers never see the engine or the runner.
 */
@NullMarked
package dev.canary.spi;

import org.jspecify.annotations.NullMarked;
