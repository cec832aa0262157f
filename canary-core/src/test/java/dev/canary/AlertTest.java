package dev.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertTest {
    final Instant at = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void a_line_shows_severity_canary_title_message_and_fields() {
        Alert alert = new Alert("demo/podinfo", at, Severity.WARN, "Waiting for approval", "confirm-promotion",
                Map.of("Phase", "WaitingPromotion"));

        assertThat(alert.line()).isEqualTo("[WARN] demo/podinfo: Waiting for approval: confirm-promotion "
                + "(Phase=WaitingPromotion)");
    }

    @Test
    void a_line_without_fields_has_no_parentheses() {
        assertThat(new Alert("demo/podinfo", at, Severity.INFO, "Promoted", "done", Map.of()).line())
                .isEqualTo("[INFO] demo/podinfo: Promoted: done");
    }

    @Test
    void fields_are_copied_and_unmodifiable() {
        Map<String, String> fields = new HashMap<>(Map.of("a", "1"));
        Alert alert = new Alert("demo/podinfo", at, Severity.INFO, "t", "m", fields);
        fields.put("b", "2");

        assertThat(alert.fields()).containsOnlyKeys("a");
        assertThatThrownBy(() -> alert.fields().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
