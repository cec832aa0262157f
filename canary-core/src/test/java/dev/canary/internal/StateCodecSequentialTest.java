package dev.canary.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.engine.RunState;
import dev.canary.engine.SequentialState;
import dev.canary.engine.judge.CheckStatistics;
import dev.canary.engine.judge.SequentialJudge;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.RequestCounts;
import dev.canary.spec.SequentialSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateCodecSequentialTest {

    @Test
    void storesTheSequentialTestsSoThatAResumedRunContinuesThem() {
        SequentialJudge judge = SequentialJudge.of(MetricCheck.p99LatencyMillis(500), SequentialSpec.ofDefaults());
        RequestCounts counts = new RequestCounts(120, 3, List.of(new RequestCounts.Bucket(0.1, 100),
                new RequestCounts.Bucket(0.3, 118)));
        CheckStatistics stats = judge.update(null, counts, counts);
        RunState state = RunState.initial().toBuilder().sequential(SequentialState.start(Instant.parse(
                "2026-01-01T00:00:00Z")).withCheck("request-duration", stats)).build();

        RunState decoded = StateCodec.decode(StateCodec.encode(state));

        assertThat(decoded.sequential()).isEqualTo(state.sequential());
        assertThat(judge.update(decoded.sequential().checks().get("request-duration"), counts, counts))
                .isEqualTo(judge.update(stats, counts, counts));
    }
}
