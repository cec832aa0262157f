package dev.canary.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadReportTest {
    final LoadReport earlier = new LoadReport(10, new long[] {0, 8, 0, 1, 0}, 1, 0, 0);
    final LoadReport later = new LoadReport(25, new long[] {0, 20, 0, 1, 2}, 1, 1, 0);

    @Test
    void sinceIsWhatHappenedInBetween() {
        LoadReport delta = later.since(earlier);

        assertThat(delta).isEqualTo(new LoadReport(15, new long[] {0, 12, 0, 0, 2}, 0, 1, 0));
        assertThat(delta.responses()).isEqualTo(14);
    }

    @Test
    void describesOnlyWhatOccurred() {
        assertThat(later.describe()).isEqualTo("25 requests: 2xx=20 4xx=1 5xx=2 connect failures=1 timeouts=1");
        assertThat(LoadReport.EMPTY.describe()).isEqualTo("0 requests");
    }

    @Test
    void needsFiveStatusClasses() {
        assertThatThrownBy(() -> new LoadReport(0, new long[4], 0, 0, 0))
                .hasMessageContaining("byClass needs 5 entries");
    }
}
