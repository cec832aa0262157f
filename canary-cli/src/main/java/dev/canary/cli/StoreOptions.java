package dev.canary.cli;

import dev.canary.CanaryRun;
import dev.canary.StateStores;
import dev.canary.internal.ProviderSelector;
import dev.canary.spi.ProviderConfig;
import dev.canary.spi.StateStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where runs are kept: {@code --state-dir DIR} (files) or {@code --state-store NAME} with settings. */
final class StoreOptions {
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Runs are kept in files in DIR.")
    @Nullable Path stateDir;

    @Option(names = "--state-store", paramLabel = "NAME", description = "Runs are kept in this store, such as "
            + "kubernetes (settings with --store-setting KEY=VALUE).")
    @Nullable String stateStore;

    @Option(names = "--store-setting", paramLabel = "KEY=VALUE", description = "A setting of the state store.")
    List<String> settings = List.of();

    /** Whether a store was chosen. */
    boolean chosen() {
        return stateDir != null || stateStore != null;
    }

    /**
     * The chosen store; in memory when none was chosen.
     *
     * @throws IllegalArgumentException naming a setting without {@code =}
     */
    StateStore open() {
        if (stateDir != null) {
            return StateStores.file(stateDir);
        }
        if (stateStore == null) {
            return StateStores.inMemory();
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--store-setting must be KEY=VALUE but was '"
                        + setting.replaceAll("=.*", "=...") + "'");
            }
            config.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return ProviderSelector.create("state store", ProviderSelector.select("state store",
                ProviderSelector.discover(StateStore.Factory.class, CanaryRun.class.getClassLoader()), stateStore,
                "dev.canary:canary-kubernetes"), ProviderConfig.of(config));
    }
}
