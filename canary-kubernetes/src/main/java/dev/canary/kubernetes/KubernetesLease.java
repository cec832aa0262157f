package dev.canary.kubernetes;

import dev.canary.spi.RunLease;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * One writer per canary across processes: a {@code coordination.k8s.io/v1} Lease {@code canary-lease-<name>}
 * in the canary's namespace. {@link #acquire} creates the lease, renews it when this holder has it, or takes it
 * over once its holder has not renewed it for its lease duration; every write carries the resourceVersion
 * read, so of two processes racing for it one gets 409 Conflict and does not acquire. A holder renews with
 * one write: it keeps the Lease it wrote last, and reads the Lease again only when that write conflicts
 * (another process changed it).
 *
 * <p>The instant returned is {@code renewTime + leaseDuration - safetyMargin}: a holder that stops renewing
 * stops acting a safety margin before another may take over, which absorbs clock skew between processes and
 * the length of one action. Renew more often than the lease duration (call {@link #acquire} each tick with
 * an interval shorter than it), or another process may take over between ticks.
 *
 * <p>Thread-safe; the client is the caller's and is not closed.
 */
public final class KubernetesLease implements RunLease {
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofSeconds(5);
    public static final String DEFAULT_NAME_PREFIX = "canary-lease-";

    private final KubernetesClient client;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration safetyMargin;
    private final String namePrefix;
    private final Clock clock;
    /** The Lease this holder wrote last, per key, while it believes it holds it. */
    private final Map<String, Lease> written = new ConcurrentHashMap<>();

    private KubernetesLease(Builder builder) {
        this.client = builder.client;
        this.identity = builder.identity != null ? builder.identity : defaultIdentity();
        this.leaseDuration = builder.leaseDuration;
        this.safetyMargin = builder.safetyMargin;
        this.namePrefix = builder.namePrefix;
        this.clock = builder.clock;
    }

    /** A builder over {@code client}, every other setting at its default. */
    public static Builder builder(KubernetesClient client) {
        return new Builder(client);
    }

    /**
     * @throws dev.canary.ProviderException when the API server fails (other than a conflict); do not act then
     */
    @Override
    public Optional<Instant> acquire(String key) {
        CanaryKey canary = CanaryKey.parse(key);
        Instant now = clock.instant();
        Lease last = written.remove(key);
        if (last != null && renewed(canary, key, last, now)) {
            return Optional.of(validUntil(now));
        }
        try {
            Lease lease = client.leases().inNamespace(canary.namespace()).withName(leaseName(key)).get();
            if (lease == null) {
                written.put(key, client.leases().inNamespace(canary.namespace())
                        .resource(newLease(canary, key, now)).create());
                return Optional.of(validUntil(now));
            }
            LeaseSpec spec = lease.getSpec() != null ? lease.getSpec() : new LeaseSpec();
            boolean mine = identity.equals(spec.getHolderIdentity());
            if (!mine && heldAt(spec, now)) {
                return Optional.empty();
            }
            if (!mine) {
                spec.setAcquireTime(time(now));
                spec.setLeaseTransitions(spec.getLeaseTransitions() != null ? spec.getLeaseTransitions() + 1 : 1);
            }
            spec.setHolderIdentity(identity);
            spec.setLeaseDurationSeconds((int) leaseDuration.toSeconds());
            spec.setRenewTime(time(now));
            lease.setSpec(spec);
            written.put(key, client.leases().inNamespace(canary.namespace()).resource(lease).update());
            return Optional.of(validUntil(now));
        } catch (KubernetesClientException e) {
            if (KubeCalls.isConflict(e)) {
                return Optional.empty();
            }
            throw KubeCalls.failure("acquire lease " + canary.namespace() + "/" + leaseName(key), e);
        }
    }

    /**
     * Lists the Leases this library manages ({@code app.kubernetes.io/managed-by} label) once per namespace of
     * {@code keys} and answers the keys whose Lease another holder has renewed within its lease duration.
     *
     * @throws dev.canary.ProviderException when the API server fails
     */
    @Override
    public java.util.Set<String> heldElsewhere(java.util.Collection<String> keys) {
        Instant now = clock.instant();
        Map<String, java.util.List<String>> byNamespace = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            byNamespace.computeIfAbsent(CanaryKey.parse(key).namespace(), ns -> new java.util.ArrayList<>()).add(key);
        }
        java.util.Set<String> held = new java.util.HashSet<>();
        byNamespace.forEach((namespace, inNamespace) -> {
            Map<String, Lease> leases = new java.util.HashMap<>();
            try {
                client.leases().inNamespace(namespace).withLabel(Names.MANAGED_BY, Names.MANAGER).list().getItems()
                        .forEach(lease -> leases.put(lease.getMetadata().getName(), lease));
            } catch (KubernetesClientException e) {
                throw KubeCalls.failure("list leases in namespace " + namespace, e);
            }
            for (String key : inNamespace) {
                Lease lease = leases.get(leaseName(key));
                LeaseSpec spec = lease == null ? null : lease.getSpec();
                if (spec != null && !identity.equals(spec.getHolderIdentity()) && heldAt(spec, now)) {
                    held.add(key);
                }
            }
        });
        return held;
    }

    /** Renews with the Lease written last; false when another process changed or deleted it since. */
    private boolean renewed(CanaryKey canary, String key, Lease last, Instant now) {
        LeaseSpec spec = last.getSpec();
        spec.setRenewTime(time(now));
        spec.setLeaseDurationSeconds((int) leaseDuration.toSeconds());
        try {
            written.put(key, client.leases().inNamespace(canary.namespace()).resource(last).update());
            return true;
        } catch (KubernetesClientException e) {
            if (KubeCalls.isConflict(e) || e.getCode() == KubeCalls.NOT_FOUND) {
                return false;
            }
            throw KubeCalls.failure("renew lease " + canary.namespace() + "/" + leaseName(key), e);
        }
    }

    /** Clears the holder when it is this one, so another process can take the lease at once. */
    @Override
    public void release(String key) {
        written.remove(key);
        CanaryKey canary = CanaryKey.parse(key);
        try {
            Lease lease = client.leases().inNamespace(canary.namespace()).withName(leaseName(key)).get();
            if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setRenewTime(null);
            client.leases().inNamespace(canary.namespace()).resource(lease).update();
        } catch (KubernetesClientException e) {
            if (!KubeCalls.isConflict(e) && e.getCode() != KubeCalls.NOT_FOUND) {
                throw KubeCalls.failure("release lease " + canary.namespace() + "/" + leaseName(key), e);
            }
        }
    }

    /** This holder's identity. */
    public String identity() {
        return identity;
    }

    /** The name of the Lease of {@code key} ({@code namespace/name}). */
    public String leaseName(String key) {
        return namePrefix + CanaryKey.parse(key).name();
    }

    private boolean heldAt(LeaseSpec spec, Instant now) {
        String holder = spec.getHolderIdentity();
        if (holder == null || holder.isEmpty() || spec.getRenewTime() == null) {
            return false;
        }
        Integer seconds = spec.getLeaseDurationSeconds();
        Duration duration = seconds != null ? Duration.ofSeconds(seconds) : leaseDuration;
        return now.isBefore(spec.getRenewTime().toInstant().plus(duration));
    }

    private Lease newLease(CanaryKey canary, String key, Instant now) {
        return new LeaseBuilder()
                .withNewMetadata().withName(leaseName(key)).withNamespace(canary.namespace())
                    .withLabels(Map.of(Names.MANAGED_BY, Names.MANAGER, Names.CANARY, canary.name())).endMetadata()
                .withNewSpec().withHolderIdentity(identity).withLeaseDurationSeconds((int) leaseDuration.toSeconds())
                    .withAcquireTime(time(now)).withRenewTime(time(now)).withLeaseTransitions(0).endSpec()
                .build();
    }

    private Instant validUntil(Instant renewed) {
        return renewed.plus(leaseDuration).minus(safetyMargin);
    }

    private static ZonedDateTime time(Instant instant) {
        return ZonedDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "KubernetesLease[identity=" + identity + ", leaseDuration=" + leaseDuration + ", safetyMargin="
                + safetyMargin + "]";
    }

    /** {@code $HOSTNAME} (the pod name in a cluster), else {@code canary}, with a random suffix. */
    static String defaultIdentity() {
        String host = System.getenv("HOSTNAME");
        String base = host != null && !host.isBlank() ? host : "canary";
        byte[] suffix = new byte[4];
        ThreadLocalRandom.current().nextBytes(suffix);
        return base + "-" + HexFormat.of().formatHex(suffix);
    }

    /** Settings of a {@link KubernetesLease}; not thread-safe. */
    public static final class Builder {
        private final KubernetesClient client;
        private @Nullable String identity;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;
        private Duration safetyMargin = DEFAULT_SAFETY_MARGIN;
        private String namePrefix = DEFAULT_NAME_PREFIX;
        private Clock clock = Clock.systemUTC();

        private Builder(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client == null");
        }

        /** The holder identity written into the Lease; default {@code $HOSTNAME-<random hex>}, unique per instance. */
        public Builder identity(String identity) {
            if (identity.isBlank()) {
                throw new IllegalArgumentException("identity must not be blank");
            }
            this.identity = identity;
            return this;
        }

        /** How long a lease lasts without renewal, whole seconds; default 15 s. */
        public Builder leaseDuration(Duration leaseDuration) {
            if (leaseDuration.getNano() != 0 || leaseDuration.getSeconds() < 1) {
                throw new IllegalArgumentException(
                        "leaseDuration must be a whole number of seconds, at least 1s, but was " + leaseDuration);
            }
            this.leaseDuration = leaseDuration;
            return this;
        }

        /** How long before the lease expires the holder stops acting; default 5 s, less than the lease duration. */
        public Builder safetyMargin(Duration safetyMargin) {
            if (safetyMargin.isNegative()) {
                throw new IllegalArgumentException("safetyMargin must not be negative but was " + safetyMargin);
            }
            this.safetyMargin = safetyMargin;
            return this;
        }

        /** The prefix of Lease names; default {@value #DEFAULT_NAME_PREFIX}. */
        public Builder namePrefix(String namePrefix) {
            this.namePrefix = Objects.requireNonNull(namePrefix, "namePrefix == null");
            return this;
        }

        /** The clock renew times come from; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * @throws IllegalArgumentException when the safety margin is not shorter than the lease duration
         */
        public KubernetesLease build() {
            if (safetyMargin.compareTo(leaseDuration) >= 0) {
                throw new IllegalArgumentException("safetyMargin (" + safetyMargin
                        + ") must be shorter than leaseDuration (" + leaseDuration + ")");
            }
            return new KubernetesLease(this);
        }
    }
}
