package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.CanaryEvent;
import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.Phase;
import dev.canary.spec.Severity;
import dev.canary.spec.ThresholdRange;
import dev.canary.spec.Verdict;
import dev.canary.testkit.ContractSpecs;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesEventsTest {
    static final String KEY = "demo-canary/podinfo";
    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    KubernetesClient client;

    static CheckEvaluation check(Verdict verdict) {
        return new CheckEvaluation("request-success-rate", verdict, 90.0, ThresholdRange.atLeast(99), 600,
                "90 is below 99", "query");
    }

    /** The events recorded for {@code events}, by message, with their type. */
    Map<String, String> record(CanaryEvent... events) {
        try (KubernetesEvents recorder = KubernetesEvents.forSpec(client, ContractSpecs.seed())) {
            for (CanaryEvent event : events) {
                recorder.onEvent(event);
            }
        }
        List<Event> recorded = client.v1().events().inNamespace("demo-canary").list().getItems();
        assertThat(recorded).allSatisfy(e -> assertThat(e.getReason()).isEqualTo(KubernetesEvents.REASON));
        return recorded.stream().collect(Collectors.toMap(Event::getMessage, Event::getType));
    }

    @Test
    void infoEventsAreNormalAndWarningsAndErrorsAreWarningAsFlaggersEventTypes() {
        Map<String, String> types = record(
                new CanaryEvent.PhaseChanged(KEY, AT, Phase.INITIALIZED, Phase.PROGRESSING, "new revision v2"),
                new CanaryEvent.CheckEvaluated(KEY, AT, check(Verdict.FAIL)),
                new CanaryEvent.Note(KEY, AT, Severity.WARN, "Router reports other weights"),
                new CanaryEvent.RolledBack(KEY, AT, "failed checks threshold reached 2", 2));

        assertThat(types).hasSize(4);
        assertThat(types.entrySet()).allSatisfy(e -> assertThat(e.getKey()).startsWith("podinfo.demo-canary "));
        assertThat(types.entrySet()).filteredOn(e -> e.getKey().contains("phase Initialized -> Progressing"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo("Normal"));
        assertThat(types.entrySet()).filteredOn(e -> !e.getKey().contains("phase Initialized"))
                .hasSize(3).allSatisfy(e -> assertThat(e.getValue()).isEqualTo("Warning"));
    }

    @Test
    void passingChecksAndTicksAreNotRecorded() {
        Map<String, String> types = record(new CanaryEvent.CheckEvaluated(KEY, AT, check(Verdict.PASS)),
                new CanaryEvent.WeightChanged(KEY, AT, 0, 5, false));

        assertThat(types).containsOnlyKeys("podinfo.demo-canary canary weight 0 -> 5");
    }
}
