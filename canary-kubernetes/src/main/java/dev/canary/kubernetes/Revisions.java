package dev.canary.kubernetes;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The revision of a target: the first 16 hex digits of the SHA-256 of its pod template and the data of the
 * ConfigMaps and Secrets it references, as canonical JSON (object keys sorted at every level), so the order
 * in which keys were written never changes the revision.
 */
final class Revisions {
    private static final int HEX_DIGITS = 16;

    private Revisions() {
    }

    static String of(KubernetesSerialization serialization, PodTemplateSpec template, TrackedConfigs configs) {
        Map<String, Object> tree = new TreeMap<>();
        tree.put("template", canonical(serialization.convertValue(template, Object.class)));
        tree.put("configs", canonical(configs.content()));
        return checksum(serialization, tree);
    }

    /** The first 16 hex digits of the SHA-256 of {@code tree} as canonical JSON. */
    static String checksum(KubernetesSerialization serialization, Map<String, ?> tree) {
        return sha256(serialization.asJson(canonical(tree))).substring(0, HEX_DIGITS);
    }

    /** Maps become sorted maps, recursively; lists keep their order (it matters in a pod template). */
    static @Nullable Object canonical(@Nullable Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> sorted = new TreeMap<>();
            map.forEach((key, value) -> sorted.put(String.valueOf(key), canonical(value)));
            return sorted;
        }
        if (node instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(canonical(item)));
            return copy;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
