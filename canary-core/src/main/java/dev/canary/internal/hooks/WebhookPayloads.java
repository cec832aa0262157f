package dev.canary.internal.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary.CanaryEvent;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import dev.canary.spec.WebhookSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flagger's webhook payload: {@code name}, {@code namespace}, {@code phase}, {@code checksum}, {@code metadata};
 * event hooks add {@code eventMessage}, {@code eventType} ({@code Normal} / {@code Warning}) and
 * {@code timestamp} (Unix milliseconds, a string) to the metadata. Stateless.
 */
final class WebhookPayloads {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookPayloads() {
    }

    /** The payload of a gate or hook: the analysis hooks report {@code Progressing} as Flagger does. */
    static byte[] forHook(CanarySpec spec, RunState state, WebhookSpec hook) {
        return encode(spec, state, phase(hook.type(), state), hook.metadata());
    }

    /** The payload of an event hook for {@code event}; the hook's metadata never overrides the event keys. */
    static byte[] forEvent(CanarySpec spec, RunState state, WebhookSpec hook, CanaryEvent event) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("eventMessage", event.message());
        metadata.put("eventType", event.severity() == Severity.INFO ? "Normal" : "Warning");
        metadata.put("timestamp", Long.toString(event.at().toEpochMilli()));
        hook.metadata().forEach(metadata::putIfAbsent);
        return encode(spec, state, state.phase(), metadata);
    }

    private static Phase phase(HookType type, RunState state) {
        return switch (type) {
            case PRE_ROLLOUT, ROLLOUT, CONFIRM_TRAFFIC_INCREASE, CONFIRM_PROMOTION -> Phase.PROGRESSING;
            default -> state.phase();
        };
    }

    private static byte[] encode(CanarySpec spec, RunState state, Phase phase, Map<String, String> metadata) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", spec.name());
        payload.put("namespace", spec.namespace());
        payload.put("phase", phase.displayName());
        String revision = state.lastAppliedRevision();
        payload.put("checksum", revision == null ? "" : revision);
        payload.put("metadata", metadata);
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a webhook payload of strings: " + e, e);
        }
    }
}
