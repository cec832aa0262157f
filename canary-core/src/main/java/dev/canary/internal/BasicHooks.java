package dev.canary.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canary.CanaryEvent;
import dev.canary.Gate;
import dev.canary.GateRequest;
import dev.canary.engine.GateAnswer;
import dev.canary.engine.GateResult;
import dev.canary.engine.RunState;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers hooks from in-process {@link Gate}s registered by name, else by POSTing Flagger's webhook payload to
 * the hook's URL (success = 2xx). Thread-safe.
 */
public final class BasicHooks implements Hooks {
    private static final Logger logger = LoggerFactory.getLogger(BasicHooks.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Gate> gates;
    private final OkHttpClient http;

    public BasicHooks(Map<String, Gate> gates, OkHttpClient http) {
        this.gates = Map.copyOf(gates);
        this.http = http;
    }

    @Override
    public GateResult consult(CanarySpec spec, RunState state, HookType type) {
        for (WebhookSpec hook : spec.analysis().webhooks(type)) {
            GateResult result = ask(spec, state, hook);
            if (result.answer() != GateAnswer.APPROVE) {
                return result;
            }
        }
        return GateResult.approve();
    }

    @Override
    public void fire(CanarySpec spec, RunState state, HookType type) {
        for (WebhookSpec hook : spec.analysis().webhooks(type)) {
            GateResult result = ask(spec, state, hook);
            if (result.answer() != GateAnswer.APPROVE) {
                logger.warn("{} hook '{}' of {} failed: {}", type.wireName(), hook.name(), spec.key(),
                        result.detail());
            }
        }
    }

    @Override
    public void publish(CanarySpec spec, RunState state, CanaryEvent event) {
        // event hooks and alerts are delivered by the alerting support; nothing to do here
    }

    private GateResult ask(CanarySpec spec, RunState state, WebhookSpec hook) {
        Gate gate = gates.get(hook.name());
        if (gate != null) {
            try {
                return gate.decide(new GateRequest(spec, hook, state.phase(), state.canaryWeight(),
                        state.failedChecks()));
            } catch (RuntimeException e) {
                return onFailure(hook, "gate '" + hook.name() + "' threw " + e);
            }
        }
        return post(spec, state, hook);
    }

    private GateResult post(CanarySpec spec, RunState state, WebhookSpec hook) {
        if (hook.url() == null) {
            return onFailure(hook, "no gate registered under '" + hook.name() + "' and no url");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("name", spec.name());
        payload.put("namespace", spec.namespace());
        payload.put("phase", state.phase().displayName());
        payload.put("checksum", String.valueOf(state.lastAppliedRevision()));
        payload.put("metadata", hook.metadata());
        OkHttpClient client = http.newBuilder().callTimeout(hook.timeout()).build();
        try {
            Request request = new Request.Builder().url(hook.url().toString())
                    .post(RequestBody.create(MAPPER.writeValueAsBytes(payload), JSON)).build();
            try (Response response = client.newCall(request).execute()) {
                if (response.isSuccessful()) {
                    return GateResult.approve();
                }
                String body = response.body().string();
                return onFailure(hook, "HTTP " + response.code() + (body.isBlank() ? "" : ": " + body.strip()));
            }
        } catch (JsonProcessingException e) {
            return onFailure(hook, "cannot encode payload: " + e.getOriginalMessage());
        } catch (IOException e) {
            return onFailure(hook, e.toString());
        }
    }

    /** What a failed hook means depends on its type: confirm gates wait, rollout hooks fail a check. */
    private static GateResult onFailure(WebhookSpec hook, String detail) {
        String message = hook.type().wireName() + " hook '" + hook.name() + "': " + detail;
        return switch (hook.type()) {
            case PRE_ROLLOUT, ROLLOUT -> GateResult.deny(message);
            default -> GateResult.waiting(message);
        };
    }
}
