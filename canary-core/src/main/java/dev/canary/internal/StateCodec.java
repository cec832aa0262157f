package dev.canary.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.canary.engine.Action;
import dev.canary.engine.RunState;
import dev.canary.spec.CanaryException;
import dev.canary.spi.StoredRun;

/**
 * Encodes a {@link RunState} as JSON and back: the document of a {@link StoredRun}. Unknown fields are ignored
 * when decoding, so state written by a newer version can still be read. Thread-safe.
 */
public final class StateCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addMixIn(Action.class, ActionMixin.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StateCodec() {
    }

    public static String encode(RunState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new CanaryException("cannot encode run state: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code state} as a state store keeps it: the JSON document and the fields copied out of it. */
    public static StoredRun stored(RunState state) {
        return new StoredRun(encode(state), state.phase(), state.canaryWeight(), state.failedChecks());
    }

    /**
     * The fields of a stored {@code document}, for stores that keep only the document.
     *
     * @throws CanaryException saying where the JSON is broken
     */
    public static StoredRun stored(String document) {
        RunState state = decode(document);
        return new StoredRun(document, state.phase(), state.canaryWeight(), state.failedChecks());
    }

    /**
     * @throws CanaryException saying where the JSON is broken
     */
    public static RunState decode(String json) {
        try {
            return MAPPER.readValue(json, RunState.class);
        } catch (JsonProcessingException e) {
            throw new CanaryException("stored run state is not readable: " + e.getOriginalMessage(), e);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Action.Initialize.class, name = "Initialize"),
        @JsonSubTypes.Type(value = Action.SetRoutes.class, name = "SetRoutes"),
        @JsonSubTypes.Type(value = Action.ScaleCanaryUp.class, name = "ScaleCanaryUp"),
        @JsonSubTypes.Type(value = Action.ScaleCanaryDown.class, name = "ScaleCanaryDown"),
        @JsonSubTypes.Type(value = Action.Promote.class, name = "Promote"),
        @JsonSubTypes.Type(value = Action.RunHooks.class, name = "RunHooks")
    })
    private interface ActionMixin {
    }
}
