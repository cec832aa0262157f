package dev.canary.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.canary.engine.RunState;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a decoded run state (a weight within 0..100, counts that are not negative) and names the field
 * of a decoding error. Stateless.
 */
final class StoredStateCheck {
    private StoredStateCheck() {
    }

    /** Every problem of {@code state}, each naming its field; empty when the state is valid. */
    static List<String> problems(RunState state) {
        List<String> problems = new ArrayList<>();
        if (state.canaryWeight() < 0 || state.canaryWeight() > 100) {
            problems.add("canaryWeight must be between 0 and 100 but was " + state.canaryWeight());
        }
        atLeastZero("failedChecks", state.failedChecks(), problems);
        atLeastZero("iterations", state.iterations(), problems);
        atLeastZero("ticks", state.ticks(), problems);
        for (int i = 0; i < state.history().size(); i++) {
            if (state.history().get(i).canaryWeight() < 0 || state.history().get(i).canaryWeight() > 100) {
                problems.add("history[" + i + "].canaryWeight must be between 0 and 100 but was "
                        + state.history().get(i).canaryWeight());
            }
        }
        return problems;
    }

    private static void atLeastZero(String field, long value, List<String> problems) {
        if (value < 0) {
            problems.add(field + " must be at least 0 but was " + value);
        }
    }

    /** What a decoding error says, led by the field it is about, such as {@code pendingActions[1]: ...}. */
    static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        String message = String.valueOf(e.getOriginalMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !(cause instanceof JsonMappingException)) {
            message = cause.getMessage();
        }
        return (path.length() == 0 ? "" : path + ": ") + message;
    }
}
