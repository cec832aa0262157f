package dev.canary.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.canary.engine.Action;
import dev.canary.engine.RunState;
import dev.canary.spec.CanaryException;
import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spi.StoredRun;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a {@link RunState} as JSON and back: the document of a {@link StoredRun}. Unknown fields are ignored
 * when decoding, so state written by a newer version can still be read; anything after the JSON document is an
 * error, and so is a state with a field out of range. Thread-safe.
 */
public final class StateCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addMixIn(Action.class, ActionMixin.class)
            .addMixIn(Action.RunHooks.class, RunHooksMixin.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String MANUAL_ANSWERS = "manualAnswers";

    private StateCodec() {
    }

    public static String encode(RunState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new CanaryException("cannot encode run state: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code state} as a state store keeps it, with the answers given to manual gates and not used yet (kept in
     * the document as {@code manualAnswers}, so they survive a resume).
     */
    public static StoredRun stored(RunState state, Map<HookType, GateResult> manualAnswers) {
        if (manualAnswers.isEmpty()) {
            return stored(state);
        }
        ObjectNode tree = MAPPER.valueToTree(state);
        ObjectNode answers = tree.putObject(MANUAL_ANSWERS);
        manualAnswers.forEach((type, answer) -> answers.putObject(type.name())
                .put("answer", answer.answer().name()).put("detail", answer.detail()));
        return new StoredRun(tree.toString(), state.phase(), state.canaryWeight(), state.failedChecks());
    }

    /** The manual gate answers kept in a stored {@code document}; empty when there are none or they are unreadable. */
    public static Map<HookType, GateResult> manualAnswers(String document) {
        Map<HookType, GateResult> answers = new EnumMap<>(HookType.class);
        try {
            JsonNode kept = MAPPER.readTree(document).path(MANUAL_ANSWERS);
            kept.properties().forEach(e -> answers.put(HookType.valueOf(e.getKey()), new GateResult(
                    GateAnswer.valueOf(e.getValue().path("answer").asText()), e.getValue().path("detail").asText())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Map.of();
        }
        return answers;
    }

    /** {@code state} as a state store keeps it: the JSON document and the fields copied out of it. */
    public static StoredRun stored(RunState state) {
        return new StoredRun(encode(state), state.phase(), state.canaryWeight(), state.failedChecks());
    }

    /**
     * The fields of a stored {@code document}, for stores that keep only the document.
     *
     * @param where the store and the place read, as for {@link #decode(String, String)}
     * @throws CanaryException naming {@code where} and every invalid field, or saying where the JSON is broken
     */
    public static StoredRun stored(String document, String where) {
        RunState state = decode(document, where);
        return new StoredRun(document, state.phase(), state.canaryWeight(), state.failedChecks());
    }

    /**
     * Decodes a state read by an unnamed store; see {@link #decode(String, String)}.
     *
     * @throws CanaryException saying where the JSON is broken or which field is invalid
     */
    public static RunState decode(String json) {
        return decode(json, "state store");
    }

    /**
     * Decodes and checks a stored state: one JSON object and nothing after it, a known phase, a weight within
     * 0..100, counts that are not negative, known pending actions.
     *
     * @param where the store and the place read, such as {@code file state store /var/lib/canary/a.json};
     *              it starts the message of the exception
     * @throws CanaryException naming {@code where} and every invalid field, or saying where the JSON is broken
     */
    public static RunState decode(String json, String where) {
        RunState state;
        try {
            state = MAPPER.readValue(json, RunState.class);
        } catch (MismatchedInputException e) {
            if (json.isBlank()) {
                throw invalid(where, "the document is empty", e);
            }
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw invalid(where, "there is content after the JSON document"
                        + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr()), e);
            }
            throw invalid(where, StoredStateCheck.describe(e), e);
        } catch (JsonMappingException e) {
            throw invalid(where, StoredStateCheck.describe(e), e);
        } catch (JsonProcessingException e) {
            throw new CanaryException(where + ": stored run state is not readable: " + e.getOriginalMessage(), e);
        }
        if (state == null) {
            throw invalid(where, "the document is null", null);
        }
        List<String> problems = StoredStateCheck.problems(state);
        if (!problems.isEmpty()) {
            throw invalid(where, String.join("; ", problems), null);
        }
        return state;
    }

    private static CanaryException invalid(String where, String problem, @Nullable Throwable cause) {
        return new CanaryException(where + ": stored run state is invalid: " + problem
                + ". Fix or delete the stored state; no run starts over it", cause);
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

    /**
     * The hook type of {@code RunHooks} is written as {@code hooks}: as {@code type} it would repeat the key that
     * names the action. States written that way (two {@code type} keys) are still read.
     */
    private interface RunHooksMixin {
        @JsonProperty("hooks")
        @JsonAlias("type")
        HookType type();
    }
}
