/**
 * Flagger manifests: {@link dev.canary.manifest.CanaryManifests} reads {@code flagger.app/v1beta1}
 * {@code Canary}, {@code MetricTemplate} and {@code AlertProvider} documents (YAML or JSON) into specs and
 * provider settings, and writes a spec back out as a Canary manifest.
 */
@NullMarked
package dev.canary.manifest;

import org.jspecify.annotations.NullMarked;
