package dev.canary.kubernetes;

import dev.canary.CanaryEvent;
import dev.canary.CanaryListener;
import dev.canary.spec.CanarySpec;
import dev.canary.spec.Severity;
import dev.canary.spec.Verdict;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run's events as Kubernetes Events on its target (the {@code targetRef} workload), as Flagger does, so
 * {@code kubectl describe deployment podinfo} and {@code kubectl get events} tell the story: phase changes, weight
 * changes, failed checks, gate waits, warnings, the rollback or the promotion. Type {@code Normal} or
 * {@code Warning} by severity, reason {@code Synced} (Flagger's), source {@code canary}. Passing checks and the
 * per-tick status are not recorded.
 *
 * <p>Events are written on a background thread so the run never waits for the API server; one that cannot be
 * written is logged at WARN and dropped. {@link #close()} waits up to 10 s for those queued. Thread-safe.
 */
public final class KubernetesEvents implements CanaryListener, AutoCloseable {
    /** The reason of every event, as Flagger records them. */
    public static final String REASON = "Synced";
    private static final Logger logger = LoggerFactory.getLogger(KubernetesEvents.class);

    private final KubernetesClient client;
    private final CanarySpec spec;
    private final ExecutorService writer;
    private final AtomicLong sequence = new AtomicLong();

    private KubernetesEvents(KubernetesClient client, CanarySpec spec) {
        this.client = client;
        this.spec = spec;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "canary-events-" + spec.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Events of the run of {@code spec}, written with {@code client} (the caller's; it is not closed). */
    public static KubernetesEvents forSpec(KubernetesClient client, CanarySpec spec) {
        return new KubernetesEvents(Objects.requireNonNull(client, "client == null"),
                Objects.requireNonNull(spec, "spec == null"));
    }

    @Override
    public void onEvent(CanaryEvent event) {
        if (event instanceof CanaryEvent.Ticked || event instanceof CanaryEvent.CheckEvaluated checked
                && checked.evaluation().verdict() != Verdict.FAIL) {
            return;
        }
        try {
            writer.execute(() -> record(event));
        } catch (RejectedExecutionException e) {
            logger.debug("canary {}: closed, event not recorded: {}", spec.key(),
                    dev.canary.spec.Redaction.logged(event.message()));
        }
    }

    private void record(CanaryEvent event) {
        Instant at = event.at();
        String time = at.toString();
        String target = spec.targetRef().name();
        try {
            client.v1().events().inNamespace(spec.namespace()).resource(new EventBuilder()
                    .withNewMetadata().withNamespace(spec.namespace())
                    .withName(target + "." + Long.toHexString(at.toEpochMilli()) + "." + sequence.incrementAndGet())
                    .addToLabels(Names.CANARY, spec.name()).endMetadata()
                    .withNewInvolvedObject().withApiVersion(spec.targetRef().apiVersion())
                    .withKind(spec.targetRef().kind()).withName(target).withNamespace(spec.namespace())
                    .endInvolvedObject()
                    .withType(event.severity() == Severity.INFO ? "Normal" : "Warning")
                    .withReason(REASON)
                    .withMessage(message(event))
                    .withNewSource().withComponent(Names.MANAGER).endSource()
                    .withReportingComponent(Names.MANAGER).withReportingInstance(Names.MANAGER)
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                    .build()).create();
        } catch (RuntimeException e) {
            logger.warn("canary {}: cannot record the event '{}': {}", spec.key(),
                    dev.canary.spec.Redaction.logged(event.message()), dev.canary.spec.Redaction.logged(e));
        }
    }

    /** The event text, prefixed with the canary's name as Flagger's are ({@code podinfo.test}). */
    private String message(CanaryEvent event) {
        String text = event.message();
        if (event instanceof CanaryEvent.PhaseChanged) {
            text = "phase " + text;
        }
        return spec.name() + "." + spec.namespace() + " " + text.substring(0, 1).toLowerCase(Locale.ROOT)
                + text.substring(1);
    }

    /**
     * Events of the run of {@code spec}, written with the process-wide default client (configured the fabric8
     * way: in-cluster service account, {@code KUBECONFIG}, {@code ~/.kube/config}).
     */
    public static KubernetesEvents forSpec(CanarySpec spec) {
        return forSpec(DefaultClient.shared(), spec);
    }

    /** Stops recording; waits up to 10 s for the events queued. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("canary {}: events still queued after 10 s were dropped", spec.key());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }
}
