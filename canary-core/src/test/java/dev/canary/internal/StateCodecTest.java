package dev.canary.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canary.engine.RunState;
import dev.canary.spec.CanaryException;
import dev.canary.testkit.AbstractStateStoreContractTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    static final String STORE = "file state store /var/lib/canary/demo_podinfo.json";
    static final ObjectMapper JSON = new ObjectMapper();

    static String valid() {
        return StateCodec.encode(AbstractStateStoreContractTest.richState(30));
    }

    static String with(String field, Object value) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(valid());
        tree.set(field, JSON.valueToTree(value));
        return tree.toString();
    }

    static void rejected(String json, String... parts) {
        assertThatThrownBy(() -> StateCodec.decode(json, STORE))
                .isInstanceOf(CanaryException.class)
                .hasMessageStartingWith(STORE + ": stored run state is")
                .hasMessageContainingAll(parts);
    }

    @Test
    void aValidStateRoundTrips() {
        RunState state = AbstractStateStoreContractTest.richState(30);
        assertThat(StateCodec.decode(StateCodec.encode(state), STORE)).isEqualTo(state);
    }

    @Test
    void theHookTypeOfRunHooksIsNotWrittenUnderTheActionKey() {
        assertThat(valid()).contains("{\"type\":\"RunHooks\",\"hooks\":\"POST_ROLLOUT\"}");
    }

    @Test
    void aStateWrittenWithTwoTypeKeysIsStillRead() {
        String old = valid().replace("\"hooks\":\"POST_ROLLOUT\"", "\"type\":\"POST_ROLLOUT\"");
        assertThat(old).contains("{\"type\":\"RunHooks\",\"type\":\"POST_ROLLOUT\"}");
        assertThat(StateCodec.decode(old, STORE)).isEqualTo(AbstractStateStoreContractTest.richState(30));
    }

    @Nested
    class TheDocument {
        @Test
        void nullIsAnErrorNotANullPointerException() {
            rejected("null", "the document is null");
            rejected("", "the document is empty");
        }

        @Test
        void trailingContentAfterTheDocumentIsAnError() {
            rejected(valid() + " garbage", "not readable", "garbage");
            rejected(valid() + "\n{}", "there is content after the JSON document at line 2, column 1");
        }

        @Test
        void aDocumentThatIsNotAnObjectIsAnError() {
            rejected("[1, 2]", "invalid");
        }
    }

    @Nested
    class Fields {
        @Test
        void aWeightOutsideZeroToHundredIsAnErrorNamingTheField() throws Exception {
            rejected(with("canaryWeight", 500), "canaryWeight must be between 0 and 100 but was 500");
            rejected(with("canaryWeight", -20), "canaryWeight must be between 0 and 100 but was -20");
        }

        @Test
        void negativeCountsAreErrors() throws Exception {
            rejected(with("failedChecks", -5), "failedChecks must be at least 0 but was -5");
            rejected(with("iterations", -1), "iterations must be");
            rejected(with("ticks", -1), "ticks must be");
        }

        @Test
        void anUnknownPhaseIsAnError() throws Exception {
            rejected(with("phase", "Exploding"), "phase: ", "Exploding", "PROGRESSING");
            rejected(with("phase", null), "phase == null");
        }

        @Test
        void anUnknownPendingActionIsAnError() throws Exception {
            ObjectNode tree = (ObjectNode) JSON.readTree(valid());
            ((ObjectNode) tree.get("pendingActions").get(1)).put("type", "DeleteEverything");
            rejected(tree.toString(), "pendingActions[1]: ", "DeleteEverything");
        }

        @Test
        void everyProblemIsReportedAtOnce() throws Exception {
            ObjectNode tree = (ObjectNode) JSON.readTree(valid());
            tree.put("canaryWeight", 101).put("failedChecks", -1);
            rejected(tree.toString(), "canaryWeight", "failedChecks");
        }

        @Test
        void aMissingListIsAnErrorNamingIt() throws Exception {
            ObjectNode tree = (ObjectNode) JSON.readTree(valid());
            tree.remove("history");
            rejected(tree.toString(), "history == null");
        }
    }
}
