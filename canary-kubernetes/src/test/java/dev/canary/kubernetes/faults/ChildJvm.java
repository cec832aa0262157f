package dev.canary.kubernetes.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The command line of the child JVMs of {@link RestartFaultsTest}, which start faster when they share a warm-up:
 * the first child archives the classes it loaded when it exits (AppCDS, {@code -XX:ArchiveClassesAtExit}) and the
 * later ones map that archive instead of loading and verifying the same classes again. An archive holds classes of
 * jars only, so the class directories of the test's class path are packed into jars once. A child whose archive is
 * missing or does not match starts without it (the JVM's default), only slower. Thread-safe.
 */
final class ChildJvm {
    private static final Path WORK = work();
    private static final Path ARCHIVE = WORK.resolve("children.jsa");
    private static String classPath;
    private static boolean archiving;

    private ChildJvm() {
    }

    /** The command that runs {@code main} with {@code args} in a child JVM on the test's class path. */
    static synchronized List<String> command(Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                // C1 only and the serial collector: a short-lived JVM starts faster
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // the JVM's warnings (such as an archive that does not match) to the child's log, not its output
                "-Xlog:disable", "-Xlog:all=warning:stderr"));
        if (classPath == null) {
            classPath = jarsOnly(System.getProperty("java.class.path"));
            Files.deleteIfExists(ARCHIVE);
        }
        if (Files.isRegularFile(ARCHIVE)) {
            command.add("-XX:SharedArchiveFile=" + ARCHIVE);
        } else if (!archiving) {
            // the first child writes the archive when it exits; the others started before it do without
            archiving = true;
            command.add("-XX:ArchiveClassesAtExit=" + ARCHIVE);
        }
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(args);
        return command;
    }

    /** {@code path} with each class directory replaced by a jar of its content. */
    private static String jarsOnly(String path) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path dir = Path.of(entry);
            if (!Files.isDirectory(dir)) {
                entries.add(entry);
                continue;
            }
            Path jar = WORK.resolve("classes-" + n++ + ".jar");
            pack(dir, jar);
            entries.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void pack(Path dir, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /** A directory beside the test classes (under the module's {@code target}). */
    private static Path work() {
        try {
            Path classes = Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.createDirectories(classes.getParent().resolve("restart-children"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
