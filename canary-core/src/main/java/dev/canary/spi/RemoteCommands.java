package dev.canary.spi;

import java.util.List;

/**
 * Where commands given from outside a run's process wait for it. A {@link StateStore} that also implements this
 * interface (such as the Kubernetes store, which reads annotations on the run's ConfigMap) delivers them: the run
 * owning a canary asks at the start of each tick, while it holds the run lease.
 *
 * <p>Thread-safe. {@link #take} must not block for long and must return each command once.
 */
public interface RemoteCommands {
    /**
     * The commands given for the run {@code key} since the last call, oldest first; they are removed.
     *
     * @throws dev.canary.ProviderException when they cannot be read (the run tries again at its next tick)
     */
    List<RemoteCommand> take(String key);
}
