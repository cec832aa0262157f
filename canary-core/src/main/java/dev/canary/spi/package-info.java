/**
 * What providers implement: traffic routers, metrics providers, deployment targets, state stores, listeners.
 */
@NullMarked
package dev.canary.spi;

import org.jspecify.annotations.NullMarked;
