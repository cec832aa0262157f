package dev.canary.traefik;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML file read as a map and replaced atomically: the new content goes to a temporary file in the same
 * directory (named {@code .<file>.<random>.tmp}, which Traefik's directory watch ignores), is synced, and is
 * renamed over the file. A crash leaves the old or the new file, never a torn one. Keeps the file's POSIX
 * permissions (a new file is {@code rw-r--r--}). Comments are not preserved. Not thread-safe on its own.
 */
final class DynamicConfigFile {
    /** The rename step, replaceable to simulate a crash before it. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

    private final Path file;
    private final Mover mover;

    DynamicConfigFile(Path file, Mover mover) {
        this.file = file.toAbsolutePath();
        this.mover = mover;
    }

    DynamicConfigFile(Path file) {
        this(file, DynamicConfigFile::atomicMove);
    }

    Path path() {
        return file;
    }

    /** The content, or empty when the file does not exist; a file without content is an empty map. */
    Optional<Map<String, Object>> read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        JsonNode tree = YAML.readTree(bytes);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return Optional.of(new LinkedHashMap<>());
        }
        if (!tree.isObject()) {
            throw new IOException("its top level is not a YAML mapping");
        }
        return Optional.of(YAML.convertValue(tree, new TypeReference<LinkedHashMap<String, Object>>() { }));
    }

    /** Replaces the content atomically. */
    void write(Map<String, Object> content) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            copyPermissions(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(YAML.writeValueAsBytes(content));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            mover.move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    private void copyPermissions(Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        view.setPermissions(Files.exists(file) ? Files.getPosixFilePermissions(file)
                : PosixFilePermissions.fromString("rw-r--r--"));
    }

    static void atomicMove(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable where the platform allows syncing a directory (Linux); elsewhere a no-op. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform; the rename itself is still atomic
        }
    }
}
