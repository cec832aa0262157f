package dev.canary.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Finds and renames the ConfigMaps and Secrets a pod spec references: volumes (projected ones included),
 * {@code env[].valueFrom} and {@code envFrom[]} of containers and init containers.
 */
final class PodConfigRefs {

    /** One reference: its target, whether it is optional, and how to point it at another name. */
    private record Site(ConfigRef ref, boolean optional, Consumer<String> rename) {
    }

    private PodConfigRefs() {
    }

    /** Every referenced object, with {@code true} when all its references are optional. */
    static Map<ConfigRef, Boolean> find(PodSpec spec) {
        Map<ConfigRef, Boolean> found = new TreeMap<>();
        for (Site site : sites(spec)) {
            found.merge(site.ref(), site.optional(), Boolean::logicalAnd);
        }
        return found;
    }

    /** Renames, in place, every reference to one of {@code refs}. */
    static void rename(PodSpec spec, Set<ConfigRef> refs, UnaryOperator<String> renamer) {
        for (Site site : sites(spec)) {
            if (refs.contains(site.ref())) {
                site.rename().accept(renamer.apply(site.ref().name()));
            }
        }
    }

    private static List<Site> sites(PodSpec spec) {
        List<Site> sites = new ArrayList<>();
        for (Volume volume : orEmpty(spec.getVolumes())) {
            volumeSites(volume, sites);
        }
        List<Container> containers = new ArrayList<>(orEmpty(spec.getContainers()));
        containers.addAll(orEmpty(spec.getInitContainers()));
        for (Container container : containers) {
            containerSites(container, sites);
        }
        return sites;
    }

    private static void volumeSites(Volume volume, List<Site> sites) {
        ConfigMapVolumeSource cm = volume.getConfigMap();
        if (cm != null && cm.getName() != null) {
            sites.add(new Site(ConfigRef.configMap(cm.getName()), isTrue(cm.getOptional()), cm::setName));
        }
        SecretVolumeSource secret = volume.getSecret();
        if (secret != null && secret.getSecretName() != null) {
            sites.add(new Site(ConfigRef.secret(secret.getSecretName()), isTrue(secret.getOptional()),
                    secret::setSecretName));
        }
        if (volume.getProjected() != null) {
            for (VolumeProjection source : orEmpty(volume.getProjected().getSources())) {
                ConfigMapProjection pcm = source.getConfigMap();
                if (pcm != null && pcm.getName() != null) {
                    sites.add(new Site(ConfigRef.configMap(pcm.getName()), isTrue(pcm.getOptional()), pcm::setName));
                }
                SecretProjection ps = source.getSecret();
                if (ps != null && ps.getName() != null) {
                    sites.add(new Site(ConfigRef.secret(ps.getName()), isTrue(ps.getOptional()), ps::setName));
                }
            }
        }
    }

    private static void containerSites(Container container, List<Site> sites) {
        for (EnvVar env : orEmpty(container.getEnv())) {
            if (env.getValueFrom() == null) {
                continue;
            }
            ConfigMapKeySelector cm = env.getValueFrom().getConfigMapKeyRef();
            if (cm != null && cm.getName() != null) {
                sites.add(new Site(ConfigRef.configMap(cm.getName()), isTrue(cm.getOptional()), cm::setName));
            }
            SecretKeySelector secret = env.getValueFrom().getSecretKeyRef();
            if (secret != null && secret.getName() != null) {
                sites.add(new Site(ConfigRef.secret(secret.getName()), isTrue(secret.getOptional()), secret::setName));
            }
        }
        for (EnvFromSource from : orEmpty(container.getEnvFrom())) {
            ConfigMapEnvSource cm = from.getConfigMapRef();
            if (cm != null && cm.getName() != null) {
                sites.add(new Site(ConfigRef.configMap(cm.getName()), isTrue(cm.getOptional()), cm::setName));
            }
            SecretEnvSource secret = from.getSecretRef();
            if (secret != null && secret.getName() != null) {
                sites.add(new Site(ConfigRef.secret(secret.getName()), isTrue(secret.getOptional()), secret::setName));
            }
        }
    }

    private static boolean isTrue(@Nullable Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list != null ? list : List.of();
    }
}
