package dev.canary.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canary.engine.RunState;
import dev.canary.spec.CanaryException;
import dev.canary.spi.StateStore;
import dev.canary.testkit.AbstractStateStoreContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest extends AbstractStateStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected StateStore store() {
        return new FileStateStore(dir);
    }

    @Test
    void aLeftoverTemporaryFileFromACrashDoesNotReplaceTheState() throws IOException {
        FileStateStore store = new FileStateStore(dir);
        store.save("demo/podinfo", richRun(5));
        Path file = store.fileOf("demo/podinfo");
        // a crash after writing the temporary file but before the rename
        Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), "{\"phase\":\"PROGR");
        assertThat(store.load("demo/podinfo")).contains(richRun(5));
        store.save("demo/podinfo", richRun(10));
        assertThat(store.load("demo/podinfo")).contains(richRun(10));
    }

    @Test
    void aCorruptFileIsAnErrorThatSaysSo() throws IOException {
        FileStateStore store = new FileStateStore(dir);
        Files.writeString(store.fileOf("demo/podinfo"), "not json");
        assertThatThrownBy(() -> store.load("demo/podinfo"))
                .isInstanceOf(CanaryException.class)
                .hasMessageContaining("stored run state is not readable");
    }

    @Test
    void trailingContentOrAnInvalidFieldIsAnErrorNamingTheFile() throws IOException {
        FileStateStore store = new FileStateStore(dir);
        store.save("demo/podinfo", richRun(5));
        Path file = store.fileOf("demo/podinfo");
        String json = Files.readString(file);
        Files.writeString(file, json + "garbage");
        assertThatThrownBy(() -> store.load("demo/podinfo"))
                .hasMessageStartingWith("file state store " + file + ": stored run state is");
        Files.writeString(file, json.replace("\"canaryWeight\":5,", "\"canaryWeight\":500,"));
        assertThatThrownBy(() -> store.load("demo/podinfo"))
                .hasMessageContaining("file state store " + file)
                .hasMessageContaining("canaryWeight must be between 0 and 100 but was 500");
    }

    @Test
    void keysBecomeSafeFileNames() {
        FileStateStore store = new FileStateStore(dir);
        store.save("../../etc/passwd", StateCodec.stored(RunState.initial()));
        assertThat(store.fileOf("../../etc/passwd").getParent()).isEqualTo(dir);
    }

    @Test
    void isFoundByNameWithItsDirectory() {
        StateStore store = new dev.canary.StateStores.FileFactory().create(
                        dev.canary.spi.ProviderConfig.of(java.util.Map.of("directory", dir.toString())));
        store.save("demo/podinfo", richRun(5));
        assertThat(new FileStateStore(dir).load("demo/podinfo")).contains(richRun(5));
        assertThat(dev.canary.internal.ProviderSelector.discover(StateStore.Factory.class,
                getClass().getClassLoader())).extracting(StateStore.Factory::name).contains("memory", "file");
    }

    @Test
    void theFactoryNeedsADirectory() {
        assertThatThrownBy(() -> new dev.canary.StateStores.FileFactory().create(dev.canary.spi.ProviderConfig.EMPTY))
                .hasMessage("setting 'directory' is required: where the state files are kept");
    }
}
