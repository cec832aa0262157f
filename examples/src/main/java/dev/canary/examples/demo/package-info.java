/**
 * The parts of the local demo: two HTTP services, a weighted reverse proxy that really splits requests, a load
 * generator, the router, metrics provider and deployment target that let a {@link dev.canary.CanaryRun} drive
 * them, and a launcher for a real Prometheus server that scrapes the proxy. Everything listens on 127.0.0.1 only.
 */
@NullMarked
package dev.canary.examples.demo;

import org.jspecify.annotations.NullMarked;
