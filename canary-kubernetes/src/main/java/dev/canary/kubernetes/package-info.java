/**
 * Kubernetes providers: {@link dev.canary.kubernetes.KubernetesDeploymentTarget} (Deployments),
 * {@link dev.canary.kubernetes.KubernetesStateStore} (run state in a ConfigMap) and
 * {@link dev.canary.kubernetes.KubernetesLease} (one writer per canary through a coordination.k8s.io Lease).
 */
@NullMarked
package dev.canary.kubernetes;

import org.jspecify.annotations.NullMarked;
