package dev.canary.kubernetes;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Builds the primary Deployment from the target, and copies the target into it on promotion. */
final class PrimaryDeployment {

    private PrimaryDeployment() {
    }

    /**
     * The primary's pod template: the target's, with the selector label set to its primary value, references
     * to tracked configs renamed to their {@code -primary} copies, spread/anti-affinity selectors that match
     * the target's pods pointed at the primary's, and the {@code canary.dev/config-checksum} pod annotation
     * (when configs are tracked), so that new config data rolls the primary's pods and nothing else does.
     */
    static PodTemplateSpec template(KubernetesSerialization serialization, Deployment target, SelectorLabel label,
            TrackedConfigs configs) {
        PodTemplateSpec template = serialization.clone(target.getSpec().getTemplate());
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> labels = new LinkedHashMap<>(orEmpty(template.getMetadata().getLabels()));
        labels.put(label.key(), label.primaryValue());
        template.getMetadata().setLabels(labels);
        Map<String, Object> content = configs.content();
        if (!content.isEmpty()) {
            Map<String, String> annotations = new LinkedHashMap<>(orEmpty(template.getMetadata().getAnnotations()));
            annotations.put(Names.CONFIG_CHECKSUM, Revisions.checksum(serialization, content));
            template.getMetadata().setAnnotations(annotations);
        }
        PodSpec pod = template.getSpec();
        PodConfigRefs.rename(pod, configs.tracked(), Names::primary);
        for (TopologySpreadConstraint spread : orEmpty(pod.getTopologySpreadConstraints())) {
            retarget(spread.getLabelSelector(), label);
        }
        Affinity affinity = pod.getAffinity();
        if (affinity != null && affinity.getPodAntiAffinity() != null) {
            orEmpty(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                    .forEach(term -> retarget(term.getLabelSelector(), label));
            orEmpty(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).stream()
                    .map(WeightedPodAffinityTerm::getPodAffinityTerm).filter(Objects::nonNull)
                    .map(PodAffinityTerm::getLabelSelector).forEach(selector -> retarget(selector, label));
        }
        return template;
    }

    /** A new primary Deployment running {@code template} at {@code revision}. */
    static Deployment create(Deployment target, PodTemplateSpec template, SelectorLabel label, String revision,
            int replicas) {
        Map<String, String> labels = new HashMap<>(Names.MANAGED);
        labels.put(label.key(), label.primaryValue());
        Deployment primary = new DeploymentBuilder()
                .withNewMetadata()
                    .withName(Names.primary(target.getMetadata().getName()))
                    .withNamespace(target.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(Map.of(Names.REVISION, revision))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(label.primarySelector()).endSelector()
                .endSpec()
                .build();
        copyInto(primary.getSpec(), target.getSpec(), template);
        return primary;
    }

    /**
     * Copies the target's template (as {@code template}), strategy, minReadySeconds, revisionHistoryLimit and
     * progressDeadlineSeconds into {@code primary}, its replicas too when {@code replicas} is not null, and
     * records {@code revision}. Nothing else is touched: no restart is forced when the template is unchanged.
     *
     * @return whether {@code primary} changed
     */
    static boolean promote(Deployment primary, Deployment target, PodTemplateSpec template, String revision,
            @Nullable Integer replicas) {
        DeploymentSpec spec = primary.getSpec();
        DeploymentSpec before = new DeploymentSpecBuilder(spec).build();
        copyInto(spec, target.getSpec(), template);
        if (replicas != null) {
            spec.setReplicas(replicas);
        }
        Map<String, String> annotations = new LinkedHashMap<>(orEmpty(primary.getMetadata().getAnnotations()));
        String previous = annotations.put(Names.REVISION, revision);
        primary.getMetadata().setAnnotations(annotations);
        return !before.equals(spec) || !revision.equals(previous);
    }

    private static void copyInto(DeploymentSpec primary, DeploymentSpec target, PodTemplateSpec template) {
        primary.setTemplate(template);
        primary.setStrategy(target.getStrategy());
        primary.setMinReadySeconds(target.getMinReadySeconds());
        primary.setRevisionHistoryLimit(target.getRevisionHistoryLimit());
        primary.setProgressDeadlineSeconds(target.getProgressDeadlineSeconds());
    }

    private static void retarget(@Nullable LabelSelector selector, SelectorLabel label) {
        if (selector != null && label.value().equals(orEmpty(selector.getMatchLabels()).get(label.key()))) {
            Map<String, String> matchLabels = new LinkedHashMap<>(selector.getMatchLabels());
            matchLabels.put(label.key(), label.primaryValue());
            selector.setMatchLabels(matchLabels);
        }
    }

    private static Map<String, String> orEmpty(@Nullable Map<String, String> map) {
        return map != null ? map : Map.of();
    }

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list != null ? new ArrayList<>(list) : List.of();
    }
}
