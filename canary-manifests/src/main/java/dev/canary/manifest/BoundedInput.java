package dev.canary.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads manifest text without ever holding more than the configured number of characters. */
final class BoundedInput {
    private BoundedInput() {
    }

    static String of(String text, int max, Problems problems) {
        if (text.length() > max) {
            throw tooLarge(max, problems);
        }
        return stripBom(text);
    }

    static String of(Reader reader, int max, Problems problems) {
        StringBuilder b = new StringBuilder(Math.min(max, 8192));
        char[] buffer = new char[8192];
        try {
            int n;
            while ((n = reader.read(buffer)) != -1) {
                if (b.length() + n > max) {
                    throw tooLarge(max, problems);
                }
                b.append(buffer, 0, n);
            }
        } catch (CharacterCodingException e) {
            throw problems.fatal(null, "the input is not UTF-8 text (binary data?): " + e.getMessage());
        } catch (IOException e) {
            throw problems.fatal(null, "cannot read the input: " + e);
        }
        return stripBom(b.toString());
    }

    static String of(InputStream in, int max, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return of(new InputStreamReader(in, decoder), max, problems);
    }

    static String of(Path path, int max, Problems problems) {
        try {
            // UTF-8 needs at most 4 bytes per character: a larger file certainly has too many characters.
            if (Files.size(path) > 4L * max) {
                throw tooLarge(max, problems);
            }
            try (InputStream in = Files.newInputStream(path)) {
                return of(in, max, problems);
            }
        } catch (NoSuchFileException e) {
            throw problems.fatal(null, "no such file: " + path);
        } catch (IOException e) {
            throw problems.fatal(null, "cannot read " + path + ": " + e);
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static ManifestException tooLarge(int max, Problems problems) {
        return problems.fatal(null, "the input is larger than " + max + " characters; split it, or raise "
                + "ManifestOptions.maxInputChars if it really is one manifest");
    }
}
