package dev.canary;

import dev.canary.internal.FileStateStore;
import dev.canary.internal.InMemoryStateStore;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.StateStore;
import java.nio.file.Path;

/**
 * The state stores that come with the core. {@code canary-kubernetes} adds one that keeps the state in the
 * cluster.
 */
public final class StateStores {
    private StateStores() {
    }

    /** Keeps states in memory: lost with the process. The default of {@link CanaryRun.Builder}. Thread-safe. */
    public static StateStore inMemory() {
        return new InMemoryStateStore();
    }

    /**
     * One JSON file per canary in {@code directory}, written atomically (temporary file, fsync, rename): a crash
     * leaves the old or the new state, never a mix. Thread-safe within one process.
     */
    public static StateStore file(Path directory) {
        return new FileStateStore(directory);
    }

    /** Registered as {@code memory}. */
    public static final class InMemoryFactory implements StateStore.Factory {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public int priority() {
            return -1;
        }

        @Override
        public StateStore create(ProviderConfig config) {
            return inMemory();
        }
    }

    /** Registered as {@code file}; setting {@code directory} (required). */
    public static final class FileFactory implements StateStore.Factory {
        @Override
        public String name() {
            return "file";
        }

        @Override
        public int priority() {
            return -1;
        }

        @Override
        public StateStore create(ProviderConfig config) {
            String directory = config.get("directory")
                    .orElseThrow(() -> new IllegalArgumentException("setting 'directory' is required: where the "
                            + "state files are kept"));
            return file(Path.of(directory));
        }
    }
}
