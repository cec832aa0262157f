package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodConfigRefsTest {

    private static PodSpec spec() {
        return new PodSpecBuilder()
                .addNewVolume().withName("v1").withNewConfigMap().withName("cm-volume").withOptional(true)
                    .endConfigMap().endVolume()
                .addNewVolume().withName("v2").withNewSecret().withSecretName("secret-volume").endSecret().endVolume()
                .addNewVolume().withName("v3").withNewProjected()
                    .addNewSource().withNewConfigMap().withName("cm-projected").endConfigMap().endSource()
                    .addNewSource().withNewSecret().withName("secret-projected").endSecret().endSource()
                    .endProjected().endVolume()
                .addNewContainer().withName("app")
                    .addNewEnv().withName("A").withNewValueFrom().withNewConfigMapKeyRef().withName("cm-env")
                        .withKey("a").endConfigMapKeyRef().endValueFrom().endEnv()
                    .addNewEnv().withName("B").withValue("plain").endEnv()
                    .addNewEnvFrom().withNewSecretRef().withName("secret-envfrom").endSecretRef().endEnvFrom()
                    .endContainer()
                .addNewInitContainer().withName("init")
                    .addNewEnv().withName("C").withNewValueFrom().withNewSecretKeyRef().withName("secret-env")
                        .withKey("c").endSecretKeyRef().endValueFrom().endEnv()
                    .addNewEnvFrom().withNewConfigMapRef().withName("cm-volume").endConfigMapRef().endEnvFrom()
                    .endInitContainer()
                .build();
    }

    @Test
    void findsEveryReferenceInVolumesEnvAndEnvFromOfAllContainers() {
        assertThat(PodConfigRefs.find(spec()).keySet()).extracting(ConfigRef::toString).containsExactly(
                "configmap/cm-env", "configmap/cm-projected", "configmap/cm-volume",
                "secret/secret-env", "secret/secret-envfrom", "secret/secret-projected", "secret/secret-volume");
    }

    @Test
    void anObjectIsOptionalOnlyWhenEveryReferenceToItIs() {
        Map<ConfigRef, Boolean> found = PodConfigRefs.find(spec());
        assertThat(found.get(ConfigRef.configMap("cm-volume"))).isFalse();
        PodSpec onlyOptional = spec();
        onlyOptional.getInitContainers().get(0).setEnvFrom(java.util.List.of());
        assertThat(PodConfigRefs.find(onlyOptional).get(ConfigRef.configMap("cm-volume"))).isTrue();
    }

    @Test
    void renamesOnlyTheGivenReferencesEverywhereTheyAppear() {
        PodSpec spec = spec();
        PodConfigRefs.rename(spec, Set.of(ConfigRef.configMap("cm-volume"), ConfigRef.secret("secret-projected")),
                name -> name + "-primary");
        assertThat(spec.getVolumes().get(0).getConfigMap().getName()).isEqualTo("cm-volume-primary");
        assertThat(spec.getInitContainers().get(0).getEnvFrom().get(0).getConfigMapRef().getName())
                .isEqualTo("cm-volume-primary");
        assertThat(spec.getVolumes().get(2).getProjected().getSources().get(1).getSecret().getName())
                .isEqualTo("secret-projected-primary");
        assertThat(spec.getVolumes().get(1).getSecret().getSecretName()).isEqualTo("secret-volume");
        assertThat(spec.getContainers().get(0).getEnv().get(0).getValueFrom().getConfigMapKeyRef().getName())
                .isEqualTo("cm-env");
    }

    @Test
    void aSecretAndAConfigMapOfTheSameNameAreDifferentObjects() {
        PodSpec spec = new PodSpecBuilder()
                .addNewVolume().withName("a").withNewConfigMap().withName("same").endConfigMap().endVolume()
                .addNewVolume().withName("b").withNewSecret().withSecretName("same").endSecret().endVolume().build();
        PodConfigRefs.rename(spec, Set.of(ConfigRef.secret("same")), name -> name + "-primary");
        assertThat(spec.getVolumes().get(0).getConfigMap().getName()).isEqualTo("same");
        assertThat(spec.getVolumes().get(1).getSecret().getSecretName()).isEqualTo("same-primary");
    }
}
