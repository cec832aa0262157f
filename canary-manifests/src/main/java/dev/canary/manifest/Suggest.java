package dev.canary.manifest;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

/** Finds the known name nearest to a misspelt one (Levenshtein distance). */
final class Suggest {
    private Suggest() {
    }

    /** "; did you mean 'stepWeight'?" or "; expected one of: a, b, c". */
    static String hint(String given, Collection<String> known) {
        return nearest(given, known).map(n -> "; did you mean '" + n + "'?")
                .orElseGet(() -> "; expected one of: " + String.join(", ", new TreeSet<>(known)));
    }

    /** The known name within a small edit distance of {@code given}, if any. */
    static Optional<String> nearest(String given, Collection<String> known) {
        int allowed = given.length() < 4 ? 1 : given.length() < 9 ? 2 : 3;
        return known.stream()
                .map(k -> new Scored(k, distance(given.toLowerCase(), k.toLowerCase())))
                .filter(s -> s.distance <= allowed)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .map(Scored::name);
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private record Scored(String name, int distance) {
    }
}
