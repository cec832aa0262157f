package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canary.engine.RunState;
import dev.canary.internal.StateCodec;
import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two replicas of a platform, each with its own lease and state store, ticking one canary. */
@EnableKubernetesMockClient(crud = true, https = false)
class SingleWriterTest {
    private static final String KEY = "demo/podinfo";
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    KubernetesMockServer server;
    KubernetesClient client;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

    /** A runner as the library's runner drives it: act only while the lease is held. */
    private final class Replica {
        final KubernetesLease lease;
        final KubernetesStateStore store = new KubernetesStateStore(client);
        final List<Instant> actedAt = new ArrayList<>();
        Instant validUntil = Instant.MIN;

        Replica(String identity) {
            lease = KubernetesLease.builder(client).identity(identity).clock(clock).build();
        }

        void tick() {
            Optional<Instant> until = lease.acquire(KEY);
            if (until.isEmpty() || !clock.instant().isBefore(until.get())) {
                return;
            }
            validUntil = until.get();
            RunState state = store.load(KEY).map(run -> StateCodec.decode(run.document())).orElse(RunState.initial());
            store.save(KEY, StateCodec.stored(state.toBuilder().ticks(state.ticks() + 1).build()));
            actedAt.add(clock.instant());
        }
    }

    @Test
    void onlyOneReplicaActsAndTheOtherTakesOverTheRunWhenTheHolderStops() {
        Replica a = new Replica("replica-a");
        Replica b = new Replica("replica-b");
        for (int i = 0; i < 6; i++) {
            a.tick();
            b.tick();
            clock.advance(INTERVAL);
        }
        assertThat(a.actedAt).hasSize(6);
        assertThat(b.actedAt).isEmpty();

        Instant aStoppedActing = a.validUntil;
        for (int i = 0; i < 6; i++) {
            b.tick();
            clock.advance(INTERVAL);
        }

        assertThat(b.actedAt).isNotEmpty();
        assertThat(b.actedAt.get(0)).isAfter(aStoppedActing);
        RunState stored = StateCodec.decode(b.store.load(KEY).orElseThrow().document());
        assertThat(stored.ticks()).isEqualTo(a.actedAt.size() + b.actedAt.size());
        a.tick();
        assertThat(a.actedAt).hasSize(6);
    }
}
