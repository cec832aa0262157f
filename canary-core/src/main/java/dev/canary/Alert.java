package dev.canary;

import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One alert about a run, as handed to an {@link AlertProvider}.
 *
 * @param canary   {@code namespace/name}
 * @param at       when the transition happened
 * @param severity info, warn or error; decides which subscriptions receive it
 * @param title    a short headline, such as {@code Rolling back}
 * @param message  what happened and why, in one or two sentences
 * @param fields   details in display order (phase, canary weight, failed checks, ...)
 */
public record Alert(String canary, Instant at, Severity severity, String title, String message,
        Map<String, String> fields) {

    public Alert {
        Objects.requireNonNull(canary, "canary == null");
        Objects.requireNonNull(at, "at == null");
        Objects.requireNonNull(severity, "severity == null");
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(message, "message == null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** One line: {@code [WARN] demo/podinfo: Waiting for approval: ... (Phase=Waiting, ...)}. */
    public String line() {
        String details = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return "[" + severity + "] " + canary + ": " + title + ": " + message
                + (details.isEmpty() ? "" : " (" + details + ")");
    }
}
