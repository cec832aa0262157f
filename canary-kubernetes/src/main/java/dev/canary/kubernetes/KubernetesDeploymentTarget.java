package dev.canary.kubernetes;

import dev.canary.ProviderException;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Readiness;
import dev.canary.spec.TargetStatus;
import dev.canary.spi.DeploymentTarget;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DeploymentTarget} for a Kubernetes Deployment, as Flagger's Deployment controller does it: the
 * target {@code <name>} (from {@code spec.targetRef()}) runs the canary, a {@code <name>-primary} clone runs
 * the promoted revision, and the services {@code <service>} (apex), {@code <service>-primary} and
 * {@code <service>-canary} select them. See {@code docs/kubernetes.md} for the objects and RBAC rules.
 *
 * <p>Every method is idempotent. Thread-safe: no mutable state; the client is the caller's and is not closed.
 */
public final class KubernetesDeploymentTarget implements DeploymentTarget {
    /** Selector label keys tried in order: {@code app}, {@code name}, {@code app.kubernetes.io/name}. */
    public static final List<String> DEFAULT_SELECTOR_LABELS = List.of("app", "name", "app.kubernetes.io/name");
    /** Attempts of a read-modify-write that meets 409 Conflict: {@value}. */
    public static final int DEFAULT_CONFLICT_ATTEMPTS = 5;
    /** The primary revision recorded on a primary Deployment this library did not create. */
    public static final String UNKNOWN_REVISION = "unknown";

    private static final Logger logger = LoggerFactory.getLogger(KubernetesDeploymentTarget.class);

    private final KubernetesClient client;
    private final @Nullable String autoscalerRef;
    private final List<String> selectorLabels;
    private final int attempts;
    private final ServiceReconciler services;
    private final PrimaryAutoscaler autoscaler;
    private final TargetScaler scaler;

    private KubernetesDeploymentTarget(Builder builder) {
        this.client = builder.client;
        this.autoscalerRef = builder.autoscalerRef;
        this.selectorLabels = builder.selectorLabels;
        this.attempts = builder.conflictAttempts;
        this.services = new ServiceReconciler(client, attempts);
        this.autoscaler = new PrimaryAutoscaler(client, attempts, builder.primaryMinReplicas,
                builder.primaryMaxReplicas);
        this.scaler = new TargetScaler(client, autoscaler, autoscalerRef);
    }

    /** A builder over {@code client}, with every other setting at its default. */
    public static Builder builder(KubernetesClient client) {
        return new Builder(client);
    }

    /**
     * Creates what is missing: the {@code -primary} config copies and Deployment (running the target's current
     * revision, recorded in the {@code canary.dev/revision} annotation), the services, the primary HPA; then,
     * once the primary is ready, scales the target to zero. Call it until the primary is ready. An existing
     * primary is not changed here, except that one without a revision annotation (not created by this library)
     * gets {@value #UNKNOWN_REVISION}, so the next run promotes the target into it.
     */
    @Override
    public void initialize(CanarySpec spec) {
        TargetSnapshot target = read(spec);
        SelectorLabel label = target.label(selectorLabels);
        Deployment existing = primary(spec);
        if (existing == null) {
            target.configs().copyToPrimaries(client, spec.namespace(), attempts);
            PodTemplateSpec template = PrimaryDeployment.template(client.getKubernetesSerialization(),
                    target.deployment(), label, target.configs());
            int replicas = target.replicas() > 0 ? target.replicas()
                    : TargetScaler.rememberedOrOne(target.deployment());
            createPrimary(PrimaryDeployment.create(target.deployment(), template, label, target.revision(), replicas));
        } else if (existing.getMetadata().getAnnotations() == null
                || !existing.getMetadata().getAnnotations().containsKey(Names.REVISION)) {
            adopt(existing);
        }
        services.ensure(spec.namespace(), spec.service(), label);
        if (autoscalerRef != null) {
            autoscaler.ensure(spec.namespace(), autoscalerRef, Names.primary(target.name()), false);
        }
        Deployment primary = primary(spec);
        if (primary != null && DeploymentReadiness.of(primary, spec.analysis().primaryReadyThreshold()).isReady()) {
            scaler.scaleToZero(target.deployment());
        }
    }

    @Override
    public TargetStatus status(CanarySpec spec) {
        return new StatusReader(client, spec).read();
    }

    @Override
    public void scaleCanaryUp(CanarySpec spec) {
        scaler.scaleFromZero(spec, target(spec));
    }

    /**
     * Scales the target to zero. A target that no longer exists (deleted by another actor) runs no pod, so there
     * is nothing to scale: a warning, never a failure, so that a rollback or a promotion still ends.
     */
    @Override
    public void scaleCanaryDown(CanarySpec spec) {
        String name = spec.targetRef().name();
        Deployment target = KubeCalls.call("read deployment " + name,
                () -> client.apps().deployments().inNamespace(spec.namespace()).withName(name).get());
        if (target == null) {
            logger.warn("canary {}: deployment {} (its target) does not exist in namespace {}; nothing to scale down",
                    spec.key(), name, spec.namespace());
            return;
        }
        scaler.scaleToZero(target);
    }

    /**
     * Copies the target's configs into their {@code -primary} copies, then its pod template (configs renamed,
     * selector label suffixed), strategy, minReadySeconds, revisionHistoryLimit, progressDeadlineSeconds and,
     * without an autoscaler, replicas into the primary, and records the revision. Updates nothing that is
     * already equal, so an unchanged template restarts no pod.
     */
    @Override
    public void promote(CanarySpec spec) {
        TargetSnapshot target = read(spec);
        SelectorLabel label = target.label(selectorLabels);
        target.configs().copyToPrimaries(client, spec.namespace(), attempts);
        PodTemplateSpec template = PrimaryDeployment.template(client.getKubernetesSerialization(),
                target.deployment(), label, target.configs());
        Integer replicas = autoscalerRef == null && target.replicas() > 0 ? target.replicas() : null;
        String primaryName = Names.primary(target.name());
        KubeCalls.retryOnConflict("promote deployment " + target.name() + " into " + primaryName, attempts, () -> {
            Deployment primary = client.apps().deployments().inNamespace(spec.namespace()).withName(primaryName).get();
            if (primary == null) {
                throw new ProviderException(Names.PROVIDER, "deployment " + primaryName
                        + " does not exist in namespace " + spec.namespace() + "; initialize the canary first");
            }
            boolean changed = PrimaryDeployment.promote(primary, target.deployment(), template, target.revision(),
                    replicas);
            return changed ? client.apps().deployments().inNamespace(spec.namespace()).resource(primary).update()
                    : primary;
        });
        if (autoscalerRef != null) {
            autoscaler.ensure(spec.namespace(), autoscalerRef, primaryName, true);
        }
        logger.debug("promoted {} at revision {}", spec.key(), dev.canary.spec.Redaction.logged(target.revision()));
    }

    /**
     * Hands the workload back to the target, for {@code revertOnDeletion}: scales the target up (to the
     * primary's replicas, else the remembered ones, else the HPA minimum, else 1) and, once it is ready, points
     * the apex service back at its original selector (or at the target's pods). Call it until it answers
     * {@link Readiness#READY}. The primary, the generated services and copies are left for the caller to delete.
     */
    public Readiness revert(CanarySpec spec) {
        Deployment target = target(spec);
        SelectorLabel label = SelectorLabel.of(target, selectorLabels);
        scaler.restore(spec, target);
        Readiness ready = DeploymentReadiness.of(target(spec), spec.analysis().canaryReadyThreshold());
        if (!ready.isReady()) {
            return ready;
        }
        services.revertApex(spec.namespace(), spec.service(), label);
        return Readiness.READY;
    }

    private TargetSnapshot read(CanarySpec spec) {
        return KubeCalls.call("read deployment " + spec.targetRef().name(), () -> TargetSnapshot.read(client, spec));
    }

    /** The target Deployment alone (without its configs). */
    private Deployment target(CanarySpec spec) {
        String name = spec.targetRef().name();
        Deployment target = KubeCalls.call("read deployment " + name,
                () -> client.apps().deployments().inNamespace(spec.namespace()).withName(name).get());
        if (target == null) {
            throw new ProviderException(Names.PROVIDER, "deployment " + name + " (targetRef of canary " + spec.key()
                    + ") does not exist in namespace " + spec.namespace());
        }
        return target;
    }

    private @Nullable Deployment primary(CanarySpec spec) {
        String name = Names.primary(spec.targetRef().name());
        return KubeCalls.call("read deployment " + name,
                () -> client.apps().deployments().inNamespace(spec.namespace()).withName(name).get());
    }

    private void adopt(Deployment primary) {
        String patch = client.getKubernetesSerialization().asJson(
                Map.of("metadata", Map.of("annotations", Map.of(Names.REVISION, UNKNOWN_REVISION))));
        KubeCalls.call("annotate deployment " + primary.getMetadata().getName(), () -> client.apps().deployments()
                .inNamespace(primary.getMetadata().getNamespace()).withName(primary.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    private void createPrimary(Deployment primary) {
        try {
            client.apps().deployments().inNamespace(primary.getMetadata().getNamespace()).resource(primary).create();
        } catch (KubernetesClientException e) {
            if (!KubeCalls.isConflict(e)) {
                throw KubeCalls.failure("create deployment " + primary.getMetadata().getName(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "KubernetesDeploymentTarget[autoscalerRef=" + autoscalerRef + ", selectorLabels=" + selectorLabels
                + "]";
    }

    /** Settings of a {@link KubernetesDeploymentTarget}; not thread-safe. */
    public static final class Builder {
        private final KubernetesClient client;
        private @Nullable String autoscalerRef;
        private List<String> selectorLabels = DEFAULT_SELECTOR_LABELS;
        private int conflictAttempts = DEFAULT_CONFLICT_ATTEMPTS;
        private @Nullable Integer primaryMinReplicas;
        private @Nullable Integer primaryMaxReplicas;

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client == null");
        }

        /** The user's HorizontalPodAutoscaler (autoscaling/v2) of the target, cloned for the primary; default none. */
        public Builder autoscalerRef(@Nullable String autoscalerRef) {
            this.autoscalerRef = autoscalerRef;
            return this;
        }

        /**
         * The primary HPA's {@code minReplicas} and {@code maxReplicas} instead of those of the user's HPA
         * (Flagger's {@code autoscalerRef.primaryScalerReplicas}); null keeps the user's value. Default: both kept.
         *
         * @throws IllegalArgumentException when a value is below 1 or the minimum is above the maximum
         */
        public Builder primaryScalerReplicas(@Nullable Integer minReplicas, @Nullable Integer maxReplicas) {
            if (minReplicas != null && minReplicas < 1 || maxReplicas != null && maxReplicas < 1) {
                throw new IllegalArgumentException("primaryScalerReplicas must be at least 1 but were min "
                        + minReplicas + ", max " + maxReplicas);
            }
            if (minReplicas != null && maxReplicas != null && minReplicas > maxReplicas) {
                throw new IllegalArgumentException("primaryScalerReplicas.minReplicas " + minReplicas
                        + " is above maxReplicas " + maxReplicas);
            }
            this.primaryMinReplicas = minReplicas;
            this.primaryMaxReplicas = maxReplicas;
            return this;
        }

        /** Label keys tried in order to tell primary from canary pods; default {@link #DEFAULT_SELECTOR_LABELS}. */
        public Builder selectorLabels(List<String> selectorLabels) {
            if (selectorLabels.isEmpty()) {
                throw new IllegalArgumentException("selectorLabels must name at least one label key");
            }
            this.selectorLabels = List.copyOf(selectorLabels);
            return this;
        }

        /** Attempts of a read-modify-write that meets 409 Conflict; default {@value #DEFAULT_CONFLICT_ATTEMPTS}. */
        public Builder conflictAttempts(int conflictAttempts) {
            if (conflictAttempts < 1) {
                throw new IllegalArgumentException("conflictAttempts must be at least 1 but was " + conflictAttempts);
            }
            this.conflictAttempts = conflictAttempts;
            return this;
        }

        public KubernetesDeploymentTarget build() {
            return new KubernetesDeploymentTarget(this);
        }
    }
}
