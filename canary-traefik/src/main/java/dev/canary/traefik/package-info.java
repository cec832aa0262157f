/**
 * A {@link dev.canary.spi.TrafficRouter} for Traefik: {@link dev.canary.traefik.TraefikRouter} drives the
 * Kubernetes CRDs ({@code TraefikService}, {@code IngressRoute}) and {@link dev.canary.traefik.TraefikFileRouter}
 * writes the file provider's dynamic configuration.
 */
@NullMarked
package dev.canary.traefik;

import org.jspecify.annotations.NullMarked;
