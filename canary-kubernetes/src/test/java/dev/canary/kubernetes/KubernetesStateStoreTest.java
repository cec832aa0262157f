package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.ProviderException;
import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.spec.CanaryException;
import dev.canary.spec.Phase;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import dev.canary.testkit.AbstractStateStoreContractTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesStateStoreTest extends AbstractStateStoreContractTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @Override
    protected StateStore store() {
        return new KubernetesStateStore(client);
    }

    private ConfigMap configMap(String namespace, String name) {
        return client.configMaps().inNamespace(namespace).withName(name).get();
    }

    @Nested
    class Storage {
        @Test
        void keepsTheStateInALabelledConfigMapInTheCanarysNamespace() {
            new KubernetesStateStore(client).save("demo/podinfo", richRun(5));
            ConfigMap map = configMap("demo", "canary-state-podinfo");
            assertThat(map.getMetadata().getLabels()).containsEntry("canary.dev/canary", "podinfo")
                    .containsEntry("app.kubernetes.io/managed-by", "canary");
            assertThat(map.getData()).containsOnlyKeys("state.json");
            assertThat(map.getData().get("state.json")).contains("\"phase\":\"PROGRESSING\"");
            assertThat(map.getMetadata().getAnnotations()).containsEntry("canary.dev/phase", "PROGRESSING")
                    .containsEntry("canary.dev/canary-weight", "5").containsEntry("canary.dev/failed-checks", "2");
        }

        @Test
        void namesTheConfigMapWithTheConfiguredPrefix() {
            KubernetesStateStore store = new KubernetesStateStore(client, "runs-");
            store.save("demo/podinfo", StateCodec.stored(RunState.initial()));
            assertThat(store.configMapName("demo/podinfo")).isEqualTo("runs-podinfo");
            assertThat(configMap("demo", "runs-podinfo")).isNotNull();
        }

        @Test
        void rejectsAKeyWithoutANamespace() {
            StoredRun initial = StateCodec.stored(RunState.initial());
            assertThatThrownBy(() -> new KubernetesStateStore(client).save("podinfo", initial))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace/name");
        }

        @Test
        void aConfigMapWithoutStateIsAnErrorThatSaysWhatToDo() {
            client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                    .withName("canary-state-podinfo").withNamespace("demo").endMetadata()
                    .withData(Map.of("other", "x")).build()).create();
            assertThatThrownBy(() -> new KubernetesStateStore(client).load("demo/podinfo"))
                    .isInstanceOf(CanaryException.class).hasMessageContaining("has no state.json")
                    .hasMessageContaining("delete it");
        }
    }

    @Nested
    class TwoProcesses {
        @Test
        void aSecondStoreResumesTheRunTheFirstSaved() {
            StoredRun midRun = richRun(25);
            new KubernetesStateStore(client).save("demo/podinfo", midRun);

            KubernetesStateStore second = new KubernetesStateStore(client);
            StoredRun resumed = second.load("demo/podinfo").orElseThrow();
            assertThat(resumed).isEqualTo(midRun);
            RunState state = StateCodec.decode(resumed.document());
            second.save("demo/podinfo", StateCodec.stored(state.toBuilder().canaryWeight(30).build()));
            assertThat(new KubernetesStateStore(client).load("demo/podinfo").orElseThrow().canaryWeight())
                    .isEqualTo(30);
        }

        @Test
        void aWriteOverAnotherWritersChangeFailsAndStoresNothing() {
            KubernetesStateStore first = new KubernetesStateStore(client);
            KubernetesStateStore second = new KubernetesStateStore(client);
            first.save("demo/podinfo", richRun(5));
            second.load("demo/podinfo");
            second.save("demo/podinfo", richRun(10));

            assertThatThrownBy(() -> first.save("demo/podinfo", richRun(15)))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("changed or deleted by another writer")
                    .satisfies(e -> assertThat(((ProviderException) e).status()).isEqualTo(409));
            assertThat(second.load("demo/podinfo")).contains(richRun(10));
        }

        @Test
        void theLosingWriterCanContinueAfterLoadingAgain() {
            KubernetesStateStore first = new KubernetesStateStore(client);
            KubernetesStateStore second = new KubernetesStateStore(client);
            first.save("demo/podinfo", richRun(5));
            second.load("demo/podinfo");
            second.save("demo/podinfo", richRun(10));
            assertThatThrownBy(() -> first.save("demo/podinfo", richRun(15)))
                    .isInstanceOf(ProviderException.class);

            assertThat(first.load("demo/podinfo")).contains(richRun(10));
            first.save("demo/podinfo", richRun(15));
            assertThat(second.load("demo/podinfo")).contains(richRun(15));
        }

        @Test
        void aWriteAfterAnotherWriterDeletedTheStateFails() {
            KubernetesStateStore first = new KubernetesStateStore(client);
            first.save("demo/podinfo", richRun(5));
            new KubernetesStateStore(client).delete("demo/podinfo");
            assertThatThrownBy(() -> first.save("demo/podinfo", richRun(10)))
                    .isInstanceOf(ProviderException.class);
            assertThat(first.load("demo/podinfo")).isEmpty();
            RunState initialized = RunState.initial().toBuilder().phase(Phase.INITIALIZED).build();
            first.save("demo/podinfo", StateCodec.stored(initialized));
            assertThat(first.load("demo/podinfo").orElseThrow().phase()).isEqualTo(Phase.INITIALIZED);
        }

        @Test
        void aStoreThatNeverReadTheKeyOverwritesIt() {
            new KubernetesStateStore(client).save("demo/podinfo", richRun(5));
            new KubernetesStateStore(client).save("demo/podinfo", richRun(10));
            assertThat(new KubernetesStateStore(client).load("demo/podinfo")).contains(richRun(10));
        }
    }
}
