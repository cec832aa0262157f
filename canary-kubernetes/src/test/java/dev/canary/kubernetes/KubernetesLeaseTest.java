package dev.canary.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.ProviderException;
import dev.canary.testkit.MutableClock;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesLeaseTest {
    private static final String KEY = "demo/podinfo";
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/demo/leases";

    KubernetesMockServer server;
    KubernetesClient client;

    private final MutableClock clock = new MutableClock(START);

    private KubernetesLease lease(String identity) {
        return KubernetesLease.builder(client).identity(identity).clock(clock).build();
    }

    private static Status conflict() {
        return new StatusBuilder().withStatus("Failure").withCode(409).withReason("Conflict")
                .withMessage("the object has been modified").build();
    }

    private Lease stored() {
        return client.leases().inNamespace("demo").withName("canary-lease-podinfo").get();
    }

    @Nested
    class HeldElsewhere {
        @Test
        void answersTheKeysAnotherHolderHoldsNowFromOneListPerNamespace() {
            lease("b").acquire(KEY);
            lease("b").acquire("demo/other");
            lease("a").acquire("demo/mine");
            lease("b").acquire("prod/podinfo");
            KubernetesLease a = lease("a");

            assertThat(a.heldElsewhere(java.util.List.of(KEY, "demo/other", "demo/mine", "demo/free",
                    "prod/podinfo"))).containsExactlyInAnyOrder(KEY, "demo/other", "prod/podinfo");

            clock.advance(Duration.ofSeconds(16));
            assertThat(a.heldElsewhere(java.util.List.of(KEY, "demo/other", "prod/podinfo")))
                    .as("leases not renewed within their duration are free").isEmpty();
        }
    }

    @Nested
    class OneHolder {
        @Test
        void acquiresAFreeLeaseUntilItsDurationLessTheSafetyMargin() {
            Optional<Instant> until = lease("a").acquire(KEY);
            assertThat(until).contains(START.plusSeconds(15 - 5));
            Lease lease = stored();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("a");
            assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(15);
            assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(START);
            assertThat(lease.getMetadata().getLabels()).containsEntry("canary.dev/canary", "podinfo");
        }

        @Test
        void renewingMovesTheValidityForward() {
            KubernetesLease a = lease("a");
            a.acquire(KEY);
            clock.advance(Duration.ofSeconds(8));
            assertThat(a.acquire(KEY)).contains(START.plusSeconds(8 + 10));
            assertThat(stored().getSpec().getRenewTime().toInstant()).isEqualTo(START.plusSeconds(8));
            assertThat(stored().getSpec().getLeaseTransitions()).isZero();
        }

        @Test
        void usesTheConfiguredDurationAndMargin() {
            KubernetesLease a = KubernetesLease.builder(client).identity("a").clock(clock)
                    .leaseDuration(Duration.ofSeconds(30)).safetyMargin(Duration.ofSeconds(2)).build();
            assertThat(a.acquire(KEY)).contains(START.plusSeconds(28));
            assertThat(stored().getSpec().getLeaseDurationSeconds()).isEqualTo(30);
        }

        @Test
        void aDefaultIdentityIsUniquePerInstance() {
            assertThat(KubernetesLease.builder(client).build().identity())
                    .isNotEqualTo(KubernetesLease.builder(client).build().identity());
        }
    }

    @Nested
    class TwoHolders {
        @Test
        void onlyOneAcquires() {
            KubernetesLease a = lease("a");
            KubernetesLease b = lease("b");
            assertThat(a.acquire(KEY)).isPresent();
            assertThat(b.acquire(KEY)).isEmpty();
            clock.advance(Duration.ofSeconds(14));
            assertThat(b.acquire(KEY)).isEmpty();
            assertThat(a.acquire(KEY)).isPresent();
            assertThat(stored().getSpec().getHolderIdentity()).isEqualTo("a");
        }

        @Test
        void anotherTakesOverOnceTheHolderStopsRenewing() {
            KubernetesLease a = lease("a");
            KubernetesLease b = lease("b");
            Instant aUntil = a.acquire(KEY).orElseThrow();
            clock.advance(Duration.ofSeconds(15));

            Optional<Instant> bUntil = b.acquire(KEY);

            assertThat(bUntil).contains(START.plusSeconds(15 + 10));
            assertThat(aUntil).isBefore(clock.instant());
            assertThat(a.acquire(KEY)).isEmpty();
            Lease lease = stored();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("b");
            assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
            assertThat(lease.getSpec().getAcquireTime().toInstant()).isEqualTo(START.plusSeconds(15));
        }

        @Test
        void releasingLetsAnotherTakeItAtOnce() {
            KubernetesLease a = lease("a");
            KubernetesLease b = lease("b");
            a.acquire(KEY);
            a.release(KEY);
            assertThat(stored().getSpec().getHolderIdentity()).isNull();
            assertThat(b.acquire(KEY)).isPresent();
        }

        @Test
        void releasingALeaseHeldByAnotherChangesNothing() {
            KubernetesLease a = lease("a");
            a.acquire(KEY);
            lease("b").release(KEY);
            assertThat(stored().getSpec().getHolderIdentity()).isEqualTo("a");
        }

        @Test
        void losingTheRaceToTakeOverAnExpiredLeaseDoesNotAcquire() {
            lease("a").acquire(KEY);
            clock.advance(Duration.ofSeconds(20));
            // another process wrote the lease between this one's read and its write
            server.expect().put().withPath(LEASES + "/canary-lease-podinfo").andReturn(409, conflict()).once();

            assertThat(lease("b").acquire(KEY)).isEmpty();
            assertThat(stored().getSpec().getHolderIdentity()).isEqualTo("a");
        }

        @Test
        void losingTheRaceToCreateTheLeaseDoesNotAcquire() {
            server.expect().post().withPath(LEASES).andReturn(409, conflict()).once();
            assertThat(lease("b").acquire(KEY)).isEmpty();
        }

        @Test
        void aHolderRenewsWithOneWriteAndReadsAgainOnlyWhenAnotherChangedTheLease() {
            KubernetesLease a = lease("a");
            a.acquire(KEY);
            int before = server.getRequestCount();
            clock.advance(Duration.ofSeconds(5));
            assertThat(a.acquire(KEY)).contains(START.plusSeconds(5 + 10));
            assertThat(server.getRequestCount() - before).isEqualTo(1);
            assertThat(stored().getSpec().getRenewTime().toInstant()).isEqualTo(START.plusSeconds(5));

            clock.advance(Duration.ofSeconds(15));
            assertThat(lease("b").acquire(KEY)).isPresent();
            assertThat(a.acquire(KEY)).isEmpty();
            assertThat(stored().getSpec().getHolderIdentity()).isEqualTo("b");
        }

        @Test
        void leasesOfDifferentCanariesAreIndependent() {
            assertThat(lease("a").acquire(KEY)).isPresent();
            assertThat(lease("b").acquire("demo/other")).isPresent();
        }
    }

    @Nested
    class Errors {
        @Test
        void anUnreachableApiServerIsAnErrorNotAnAcquiredLease() {
            try (KubernetesClient broken = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build()) {
                KubernetesLease lease = KubernetesLease.builder(broken).identity("a").clock(clock).build();
                assertThatThrownBy(() -> lease.acquire(KEY)).isInstanceOf(ProviderException.class)
                        .hasMessageContaining("acquire lease demo/canary-lease-podinfo");
            }
        }

        @Test
        void rejectsAMarginNotShorterThanTheDuration() {
            assertThatThrownBy(() -> KubernetesLease.builder(client).leaseDuration(Duration.ofSeconds(5))
                    .safetyMargin(Duration.ofSeconds(5)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("safetyMargin");
        }

        @Test
        void rejectsADurationInFractionsOfASecond() {
            assertThatThrownBy(() -> KubernetesLease.builder(client).leaseDuration(Duration.ofMillis(1500)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of seconds");
        }
    }
}
