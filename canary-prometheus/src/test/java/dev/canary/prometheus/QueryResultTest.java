package dev.canary.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryResultTest {
    private static final QueryResult.Sample SAMPLE = new QueryResult.Sample(Instant.EPOCH, 1);

    @Test
    void labelTextIsSortedPromQlWithEscapedValues() {
        QueryResult.VectorSample s = new QueryResult.VectorSample(Map.of("service", "a\"b", "code", "200"), SAMPLE);
        assertThat(s.labelText()).isEqualTo("{code=\"200\",service=\"a\\\"b\"}");
    }

    @Test
    void resultsAreImmutableCopies() {
        Map<String, String> labels = new HashMap<>(Map.of("a", "1"));
        List<QueryResult.Sample> samples = new ArrayList<>(List.of(SAMPLE));
        QueryResult.Series series = new QueryResult.Series(labels, samples);
        labels.put("b", "2");
        samples.clear();
        assertThat(series.labels()).containsOnlyKeys("a");
        assertThat(series.samples()).hasSize(1);
        assertThatThrownBy(() -> series.samples().add(SAMPLE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void resultTypesCarryTheirWarnings() {
        assertThat(new QueryResult.Matrix(List.of(), List.of("w")).warnings()).containsExactly("w");
        assertThat(new QueryResult.Text(Instant.EPOCH, "x", List.of()).warnings()).isEmpty();
    }
}
