package dev.canary.kubernetes;

import dev.canary.ProviderException;
import dev.canary.spec.CanaryException;
import dev.canary.spec.Phase;
import dev.canary.spi.RemoteCommand;
import dev.canary.spi.RemoteCommands;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the state of each run in a ConfigMap {@code canary-state-<name>} in the canary's namespace, under the
 * key {@value #DATA_KEY} (the {@link StoredRun#document()}), labelled {@code canary.dev/canary: <name>}; the
 * phase, canary weight and failed checks are annotations ({@code canary.dev/phase},
 * {@code canary.dev/canary-weight}, {@code canary.dev/failed-checks}) and labels of the same names (the phase
 * by its display name), so {@code kubectl} shows and selects them:
 * {@code kubectl get configmaps -l canary.dev/canary -L canary.dev/phase -L canary.dev/canary-weight
 * -L canary.dev/failed-checks}.
 *
 * <p>Commands from outside the owning process are annotations on the same ConfigMap, written with
 * {@link #give} (the {@code canary} command does) or by hand: {@code kubectl annotate configmap canary-state-podinfo
 * canary.dev/abort="bad release"}; also {@code canary.dev/promote}, {@code canary.dev/approve=<hook type>} and
 * {@code canary.dev/deny=<hook type>[: reason]}. The process that owns the run {@link #take takes} them at its
 * next tick and removes them. A save that finds only such metadata changed since it last wrote keeps them and
 * retries at once.
 *
 * <p>Writes are optimistic: this store remembers the {@code resourceVersion} it last loaded or saved per key
 * and updates with it, so a write that would overwrite a change made by another process since fails with a
 * {@link ProviderException} of status 409 and stores nothing. It is never retried: the other writer's state
 * may be newer. {@link #load} again to continue (the run lease makes such conflicts rare: they mean two
 * processes drove one canary). After a load that found nothing, a save only creates: when another process
 * created the ConfigMap meanwhile it fails the same way. A key this store has not loaded yet is created, or
 * overwritten if it exists.
 *
 * <p>A ConfigMap holds at most 1 MiB. Thread-safe; the client is the caller's and is not closed.
 */
public final class KubernetesStateStore implements StateStore, RemoteCommands {
    /** The prefix of the ConfigMap names: {@value}. */
    public static final String DEFAULT_NAME_PREFIX = "canary-state-";
    /** The ConfigMap key holding the JSON state. */
    public static final String DATA_KEY = "state.json";

    private final KubernetesClient client;
    private final String namePrefix;
    /** The resourceVersion last read or written per key; {@link #ABSENT} when the last load found nothing. */
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private static final String ABSENT = "";

    /** A store over {@code client} with the default name prefix. */
    public KubernetesStateStore(KubernetesClient client) {
        this(client, DEFAULT_NAME_PREFIX);
    }

    /** A store over {@code client} whose ConfigMaps are named {@code namePrefix + <canary name>}. */
    public KubernetesStateStore(KubernetesClient client, String namePrefix) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.namePrefix = Objects.requireNonNull(namePrefix, "namePrefix == null");
    }

    @Override
    public synchronized Optional<StoredRun> load(String key) {
        CanaryKey canary = CanaryKey.parse(key);
        ConfigMap map = KubeCalls.call("read configmap " + configMapName(key), () -> client.configMaps()
                .inNamespace(canary.namespace()).withName(configMapName(key)).get());
        if (map == null) {
            versions.put(key, ABSENT);
            return Optional.empty();
        }
        String json = map.getData() != null ? map.getData().get(DATA_KEY) : null;
        if (json == null) {
            throw new CanaryException("configmap " + canary.namespace() + "/" + configMapName(key) + " has no "
                    + DATA_KEY + "; delete it to start the canary " + key + " from scratch");
        }
        StoredRun run = stored(json, map.getMetadata().getAnnotations());
        versions.put(key, map.getMetadata().getResourceVersion());
        documents.put(key, json);
        return Optional.of(run);
    }

    @Override
    public synchronized void save(String key, StoredRun run) {
        CanaryKey canary = CanaryKey.parse(key);
        String name = configMapName(key);
        ConfigMap map = new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(canary.namespace()).withLabels(Map.of(
                        Names.MANAGED_BY, Names.MANAGER, Names.CANARY, canary.name(),
                        Names.STATE_PHASE, run.phase().displayName(),
                        Names.STATE_WEIGHT, Integer.toString(run.canaryWeight()),
                        Names.STATE_FAILED_CHECKS, Integer.toString(run.failedChecks())))
                .withAnnotations(new HashMap<>(Map.of(Names.STATE_PHASE, run.phase().name(),
                        Names.STATE_WEIGHT, Integer.toString(run.canaryWeight()),
                        Names.STATE_FAILED_CHECKS, Integer.toString(run.failedChecks())))).endMetadata()
                .withData(Map.of(DATA_KEY, run.document())).build();
        try {
            String version = versions.get(key);
            ConfigMap saved;
            try {
                saved = version == null ? createOrReplace(map)
                        : version.equals(ABSENT) ? create(map) : update(map, version);
            } catch (KubernetesClientException e) {
                saved = retryAfterCommands(key, map, e);
            }
            versions.put(key, saved.getMetadata().getResourceVersion());
            documents.put(key, run.document());
        } catch (KubernetesClientException e) {
            if (KubeCalls.isConflict(e) || e.getCode() == KubeCalls.NOT_FOUND) {
                throw new ProviderException(Names.PROVIDER, "configmap " + canary.namespace() + "/" + name
                        + " was changed or deleted by another writer since this process last read it;"
                        + " nothing was saved. Load the state again before saving, and make sure one process"
                        + " drives canary " + key + " (the run lease)", e.getCode(), e);
            }
            throw KubeCalls.failure("save configmap " + canary.namespace() + "/" + name, e);
        }
    }

    @Override
    public synchronized void delete(String key) {
        CanaryKey canary = CanaryKey.parse(key);
        KubeCalls.call("delete configmap " + configMapName(key), () -> client.configMaps()
                .inNamespace(canary.namespace()).withName(configMapName(key)).delete());
        versions.remove(key);
        documents.remove(key);
    }

    /**
     * Takes the command annotations of the run {@code key} and removes them; empty when there are none, or when
     * the ConfigMap changed while they were removed (they are taken at the next call then).
     */
    @Override
    public synchronized List<RemoteCommand> take(String key) {
        CanaryKey canary = CanaryKey.parse(key);
        String name = configMapName(key);
        ConfigMap map = KubeCalls.call("read configmap " + name, () -> client.configMaps()
                .inNamespace(canary.namespace()).withName(name).get());
        Map<String, String> annotations = map == null || map.getMetadata().getAnnotations() == null ? Map.of()
                : map.getMetadata().getAnnotations();
        if (ConfigMapCommands.KEYS.stream().noneMatch(annotations::containsKey)) {
            return List.of();
        }
        List<RemoteCommand> commands = ConfigMapCommands.parse(canary.namespace() + "/" + name, annotations);
        ConfigMapCommands.KEYS.forEach(map.getMetadata().getAnnotations()::remove);
        try {
            ConfigMap saved = client.configMaps().inNamespace(canary.namespace()).resource(map).update();
            String document = map.getData() == null ? null : map.getData().get(DATA_KEY);
            if (document != null && document.equals(documents.get(key))) {
                // only annotations changed since this store wrote it: its next save builds on this version
                versions.put(key, saved.getMetadata().getResourceVersion());
            }
            return commands;
        } catch (KubernetesClientException e) {
            if (KubeCalls.isConflict(e)) {
                return List.of();
            }
            throw KubeCalls.failure("take the commands of configmap " + canary.namespace() + "/" + name, e);
        }
    }

    /**
     * Gives {@code command} to the run {@code key}: writes its annotation on the run's ConfigMap, where the
     * process owning the run takes it at its next tick.
     *
     * @throws ProviderException when the run has no ConfigMap (it was never stored) or it cannot be written
     */
    public void give(String key, RemoteCommand command) {
        CanaryKey canary = CanaryKey.parse(key);
        String name = configMapName(key);
        var resource = client.configMaps().inNamespace(canary.namespace()).withName(name);
        try {
            ConfigMap map = resource.get();
            if (map == null) {
                throw new ProviderException(Names.PROVIDER, "no run of " + key + " is stored: configmap "
                        + canary.namespace() + "/" + name + " does not exist", KubeCalls.NOT_FOUND, null);
            }
            Map<String, String> current = map.getMetadata().getAnnotations() == null ? Map.of()
                    : map.getMetadata().getAnnotations();
            resource.edit(m -> {
                Map<String, String> annotations = new HashMap<>(current);
                annotations.putAll(ConfigMapCommands.annotation(command, current));
                m.getMetadata().setAnnotations(annotations);
                return m;
            });
        } catch (KubernetesClientException e) {
            throw KubeCalls.failure("annotate configmap " + canary.namespace() + "/" + name, e);
        }
    }

    /**
     * A save that met a newer ConfigMap: when only its metadata changed since this store wrote it (a command was
     * annotated), the save is done again over it, keeping the command annotations; otherwise {@code conflict}.
     */
    private ConfigMap retryAfterCommands(String key, ConfigMap map, KubernetesClientException conflict) {
        if (!KubeCalls.isConflict(conflict) || !documents.containsKey(key)) {
            throw conflict;
        }
        ConfigMap current = client.configMaps().inNamespace(map.getMetadata().getNamespace())
                .withName(map.getMetadata().getName()).get();
        if (current == null || current.getData() == null
                || !documents.get(key).equals(current.getData().get(DATA_KEY))) {
            throw conflict;
        }
        Map<String, String> annotations = current.getMetadata().getAnnotations();
        if (annotations != null) {
            ConfigMapCommands.KEYS.stream().filter(annotations::containsKey)
                    .forEach(k -> map.getMetadata().getAnnotations().put(k, annotations.get(k)));
        }
        return update(map, current.getMetadata().getResourceVersion());
    }

    /** The name of the ConfigMap holding the state of {@code key} ({@code namespace/name}). */
    public String configMapName(String key) {
        return namePrefix + CanaryKey.parse(key).name();
    }

    /**
     * The run of a ConfigMap; one written before the fields were kept as annotations reads as phase
     * Initializing, weight 0 and no failed checks (the runner resumes from the document alone).
     */
    private static StoredRun stored(String json, @Nullable Map<String, String> annotations) {
        Map<String, String> a = annotations != null ? annotations : Map.of();
        Phase phase = Phase.INITIALIZING;
        int weight = 0;
        int failed = 0;
        try {
            phase = a.containsKey(Names.STATE_PHASE) ? Phase.valueOf(a.get(Names.STATE_PHASE)) : phase;
            weight = Integer.parseInt(a.getOrDefault(Names.STATE_WEIGHT, "0"));
            failed = Integer.parseInt(a.getOrDefault(Names.STATE_FAILED_CHECKS, "0"));
            return new StoredRun(json, phase, weight, failed);
        } catch (IllegalArgumentException e) {
            return new StoredRun(json, phase, 0, 0);
        }
    }

    private ConfigMap update(ConfigMap map, String version) {
        map.getMetadata().setResourceVersion(version);
        return client.configMaps().inNamespace(map.getMetadata().getNamespace()).resource(map).update();
    }

    private ConfigMap create(ConfigMap map) {
        return client.configMaps().inNamespace(map.getMetadata().getNamespace()).resource(map).create();
    }

    private ConfigMap createOrReplace(ConfigMap map) {
        try {
            return client.configMaps().inNamespace(map.getMetadata().getNamespace()).resource(map).create();
        } catch (KubernetesClientException e) {
            if (!KubeCalls.isConflict(e)) {
                throw e;
            }
            ConfigMap existing = client.configMaps().inNamespace(map.getMetadata().getNamespace())
                    .withName(map.getMetadata().getName()).get();
            if (existing == null) {
                throw e;
            }
            return update(map, existing.getMetadata().getResourceVersion());
        }
    }

    @Override
    public String toString() {
        return "KubernetesStateStore[" + namePrefix + "*]";
    }
}
