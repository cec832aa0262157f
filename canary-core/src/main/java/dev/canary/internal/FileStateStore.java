package dev.canary.internal;

import dev.canary.ProviderException;
import dev.canary.spi.StateStore;
import dev.canary.spi.StoredRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One JSON file per run in a directory (the document of the {@link StoredRun}; the other fields are read back
 * from it), written atomically: a temporary file is written and synced, then
 * renamed over the old one. A crash leaves either the old or the new state. Thread-safe within one process.
 */
public final class FileStateStore implements StateStore {
    private static final String PROVIDER = "file state store";

    private final Path directory;

    public FileStateStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<StoredRun> load(String key) {
        Path file = fileOf(key);
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(StateCodec.stored(json, PROVIDER + " " + file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ProviderException(PROVIDER, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(String key, StoredRun run) {
        Path file = fileOf(key);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(directory);
            byte[] bytes = run.document().getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp, file);
        } catch (IOException e) {
            throw new ProviderException(PROVIDER, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void delete(String key) {
        try {
            Files.deleteIfExists(fileOf(key));
        } catch (IOException e) {
            throw new ProviderException(PROVIDER, "cannot delete " + fileOf(key) + ": " + e.getMessage(), e);
        }
    }

    /** The file holding the state of {@code key} ({@code namespace/name} becomes {@code namespace_name.json}). */
    public Path fileOf(String key) {
        return directory.resolve(key.replaceAll("[^A-Za-z0-9.-]", "_") + ".json");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "FileStateStore[" + directory + "]";
    }
}
