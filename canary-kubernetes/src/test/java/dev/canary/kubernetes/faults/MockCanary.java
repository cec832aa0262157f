package dev.canary.kubernetes.faults;

import dev.canary.CanaryRun;
import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.kubernetes.KubernetesDeploymentTarget;
import dev.canary.kubernetes.KubernetesStateStore;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.MetricResult;
import dev.canary.spec.Phase;
import dev.canary.spec.Routes;
import dev.canary.spi.MetricsProvider;
import dev.canary.traefik.TraefikRouter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One canary on the fabric8 mock API server: its Deployment (created at v1), the Deployment controller's part
 * (statuses marked ready, v2 deployed once the primary exists), the providers the run uses (Traefik router,
 * Kubernetes target and state store, all on the run's own client), and what the cluster holds at the end.
 * Not thread-safe; the controller is driven between the run's tasks.
 */
final class MockCanary {
    static final String V1 = "ghcr.io/stefanprodan/podinfo:6.0.0";
    static final String V2 = "ghcr.io/stefanprodan/podinfo:6.0.1";
    static final ResourceDefinitionContext TRAEFIK_SERVICE = new ResourceDefinitionContext.Builder()
            .withGroup("traefik.io").withVersion("v1alpha1").withKind("TraefikService").withPlural("traefikservices")
            .withNamespaced(true).build();

    final CanarySpec spec;
    private final KubernetesClient admin;
    private volatile boolean failing;
    private boolean deployed;

    /** Creates the canary's Deployment at v1. */
    MockCanary(CanarySpec spec, KubernetesClient admin) {
        this(spec, admin, true);
    }

    /** The canary of {@code spec}, its Deployment created at v1 when {@code create}, else already there. */
    MockCanary(CanarySpec spec, KubernetesClient admin, boolean create) {
        this.spec = spec;
        this.admin = admin;
        this.deployed = !create && image(name()).equals(V2);
        if (!create) {
            return;
        }
        admin.resource(new DeploymentBuilder()
                .withNewMetadata().withName(name()).withNamespace(spec.namespace()).endMetadata()
                .withNewSpec().withReplicas(2).withProgressDeadlineSeconds(60)
                    .withNewSelector().addToMatchLabels("app", name()).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name()).endMetadata()
                        .withNewSpec().addNewContainer().withName("app").withImage(V1).addNewPort().withName("http")
                            .withContainerPort(9898).endPort().endContainer().endSpec()
                    .endTemplate()
                .endSpec().build()).create();
    }

    String name() {
        return spec.name();
    }

    /** A run of this canary through {@code client}, every provider on it. */
    CanaryRun.Builder run(KubernetesClient client) {
        return CanaryRun.builder().spec(spec).router(TraefikRouter.builder(client).build())
                .target(KubernetesDeploymentTarget.builder(client).build())
                .stateStore(new KubernetesStateStore(client)).metrics(metrics());
    }

    /** From now on the success rate is 90 % (the canary is bad). */
    void fail() {
        failing = true;
    }

    private MetricsProvider metrics() {
        return query -> MetricResult.value(failing && query.check().name().equals("request-success-rate") ? 90
                : query.check().name().equals("request-success-rate") ? 100 : 100);
    }

    /** The Deployment controller and the user's deploy: statuses ready; v2 once the primary exists. */
    void control() {
        for (Deployment d : admin.apps().deployments().inNamespace(spec.namespace()).list().getItems()) {
            String name = d.getMetadata().getName();
            if (!name.equals(name()) && !name.equals(name() + "-primary")) {
                continue;
            }
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            DeploymentStatus ready = new DeploymentStatusBuilder()
                    .withObservedGeneration(d.getMetadata().getGeneration()).withReplicas(replicas)
                    .withUpdatedReplicas(replicas).withAvailableReplicas(replicas).withReadyReplicas(replicas)
                    .build();
            if (!ready.equals(d.getStatus())) {
                admin.apps().deployments().inNamespace(spec.namespace()).withName(name).editStatus(current -> {
                    current.setStatus(ready);
                    return current;
                });
            }
            if (!deployed && name.equals(name() + "-primary")) {
                deployed = true;
                admin.apps().deployments().inNamespace(spec.namespace()).withName(name()).edit(t -> {
                    t.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(V2);
                    return t;
                });
            }
        }
    }

    private String image(String deployment) {
        return deployment(deployment).map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .orElse("no deployment");
    }

    /** Deletes the TraefikService, as another actor would. */
    void deleteTraefikService() {
        admin.genericKubernetesResources(TRAEFIK_SERVICE).inNamespace(spec.namespace()).withName(name()).delete();
    }

    /** Deletes the target Deployment, as another actor would. */
    void deleteTarget() {
        admin.apps().deployments().inNamespace(spec.namespace()).withName(name()).delete();
    }

    /** Deletes the state ConfigMap, as another actor would. */
    void deleteState() {
        admin.configMaps().inNamespace(spec.namespace()).withName(KubernetesStateStore.DEFAULT_NAME_PREFIX + name())
                .delete();
    }

    /** The routes the TraefikService holds now (read through a router of the test's own client). */
    Routes routes() {
        try (TraefikRouter reader = TraefikRouter.builder(admin).build()) {
            return reader.routes(spec);
        }
    }

    Optional<RunState> stored() {
        ConfigMap map = admin.configMaps().inNamespace(spec.namespace())
                .withName(KubernetesStateStore.DEFAULT_NAME_PREFIX + name()).get();
        return Optional.ofNullable(map).map(m -> StateCodec.decode(m.getData().get(KubernetesStateStore.DATA_KEY)));
    }

    private Optional<Deployment> deployment(String name) {
        return Optional.ofNullable(admin.apps().deployments().inNamespace(spec.namespace()).withName(name).get());
    }

    /**
     * What is inconsistent with a run started at {@code started} that ended in {@code phase} (empty when nothing):
     * the stored phase and history (a run restarted from scratch lost its history), the
     * primary's image (v2 after a promotion, v1 otherwise), the target scaled to zero, all traffic on the primary.
     */
    List<String> halfState(Phase phase, Instant started) {
        return halfState(phase, started, stored());
    }

    /** {@link #halfState(Phase, Instant)} with the stored state read elsewhere (another store). */
    List<String> halfState(Phase phase, Instant started, Optional<RunState> state) {
        List<String> problems = new ArrayList<>();
        Phase stored = state.map(RunState::phase).orElse(null);
        if (stored != phase) {
            problems.add("stored phase " + stored);
        }
        Instant first = state.filter(s -> !s.history().isEmpty()).map(s -> s.history().get(0).at()).orElse(null);
        if (!started.equals(first)) {
            problems.add("stored history starts at " + first + ", not at the run's start " + started);
        }
        String expected = phase == Phase.SUCCEEDED ? V2 : V1;
        String image = image(name() + "-primary");
        if (!image.equals(expected)) {
            problems.add("primary runs " + image);
        }
        deployment(name()).map(d -> d.getSpec().getReplicas()).filter(r -> r != 0)
                .ifPresent(r -> problems.add("target still has " + r + " replicas"));
        Routes routes = routes();
        if (!routes.equals(Routes.PRIMARY_ONLY)) {
            problems.add("routes " + routes);
        }
        return problems;
    }
}
