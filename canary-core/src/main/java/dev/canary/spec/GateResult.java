package dev.canary.spec;

import java.util.Objects;

/** The answer of one hook type, with what the hook said (response body, gate reason). */
public record GateResult(GateAnswer answer, String detail) {
    public GateResult {
        Objects.requireNonNull(answer, "answer == null");
        Objects.requireNonNull(detail, "detail == null");
    }

    public static GateResult approve() {
        return new GateResult(GateAnswer.APPROVE, "");
    }

    public static GateResult waiting(String detail) {
        return new GateResult(GateAnswer.WAIT, detail);
    }

    public static GateResult deny(String detail) {
        return new GateResult(GateAnswer.DENY, detail);
    }
}
