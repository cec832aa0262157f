package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.CanaryException;
import dev.canary.Phase;
import dev.canary.ProviderException;
import dev.canary.engine.RunState;
import dev.canary.spi.AbstractStateStoreContractTest;
import dev.canary.spi.StateStore;
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
            new KubernetesStateStore(client).save("demo/podinfo", richState(5));
            ConfigMap map = configMap("demo", "canary-state-podinfo");
            assertThat(map.getMetadata().getLabels()).containsEntry("canary.dev/canary", "podinfo")
                    .containsEntry("app.kubernetes.io/managed-by", "canary");
            assertThat(map.getData()).containsOnlyKeys("state.json");
            assertThat(map.getData().get("state.json")).contains("\"phase\":\"PROGRESSING\"");
        }

        @Test
        void namesTheConfigMapWithTheConfiguredPrefix() {
            KubernetesStateStore store = new KubernetesStateStore(client, "runs-");
            store.save("demo/podinfo", RunState.initial());
            assertThat(store.configMapName("demo/podinfo")).isEqualTo("runs-podinfo");
            assertThat(configMap("demo", "runs-podinfo")).isNotNull();
        }

        @Test
        void rejectsAKeyWithoutANamespace() {
            assertThatThrownBy(() -> new KubernetesStateStore(client).save("podinfo", RunState.initial()))
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
            RunState midRun = richState(25);
            new KubernetesStateStore(client).save("demo/podinfo", midRun);

            KubernetesStateStore second = new KubernetesStateStore(client);
            RunState resumed = second.load("demo/podinfo").orElseThrow();
            assertThat(resumed).isEqualTo(midRun);
            second.save("demo/podinfo", resumed.toBuilder().canaryWeight(30).build());
            assertThat(new KubernetesStateStore(client).load("demo/podinfo").orElseThrow().canaryWeight())
                    .isEqualTo(30);
        }

        @Test
        void aWriteOverAnotherWritersChangeFailsAndStoresNothing() {
            KubernetesStateStore first = new KubernetesStateStore(client);
            KubernetesStateStore second = new KubernetesStateStore(client);
            first.save("demo/podinfo", richState(5));
            second.load("demo/podinfo");
            second.save("demo/podinfo", richState(10));

            assertThatThrownBy(() -> first.save("demo/podinfo", richState(15)))
                    .isInstanceOf(ProviderException.class)
                    .hasMessageContaining("changed or deleted by another writer")
                    .satisfies(e -> assertThat(((ProviderException) e).status()).isEqualTo(409));
            assertThat(second.load("demo/podinfo")).contains(richState(10));
        }

        @Test
        void theLosingWriterCanContinueAfterLoadingAgain() {
            KubernetesStateStore first = new KubernetesStateStore(client);
            KubernetesStateStore second = new KubernetesStateStore(client);
            first.save("demo/podinfo", richState(5));
            second.load("demo/podinfo");
            second.save("demo/podinfo", richState(10));
            assertThatThrownBy(() -> first.save("demo/podinfo", richState(15)))
                    .isInstanceOf(ProviderException.class);

            assertThat(first.load("demo/podinfo")).contains(richState(10));
            first.save("demo/podinfo", richState(15));
            assertThat(second.load("demo/podinfo")).contains(richState(15));
        }

        @Test
        void aWriteAfterAnotherWriterDeletedTheStateFails() {
            KubernetesStateStore first = new KubernetesStateStore(client);
            first.save("demo/podinfo", richState(5));
            new KubernetesStateStore(client).delete("demo/podinfo");
            assertThatThrownBy(() -> first.save("demo/podinfo", richState(10)))
                    .isInstanceOf(ProviderException.class);
            assertThat(first.load("demo/podinfo")).isEmpty();
            first.save("demo/podinfo", RunState.initial().toBuilder().phase(Phase.INITIALIZED).build());
            assertThat(first.load("demo/podinfo").orElseThrow().phase()).isEqualTo(Phase.INITIALIZED);
        }

        @Test
        void aStoreThatNeverReadTheKeyOverwritesIt() {
            new KubernetesStateStore(client).save("demo/podinfo", richState(5));
            new KubernetesStateStore(client).save("demo/podinfo", richState(10));
            assertThat(new KubernetesStateStore(client).load("demo/podinfo")).contains(richState(10));
        }
    }
}
