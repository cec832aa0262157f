package dev.canary.prometheus;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces known secret values (tokens, passwords, header values) in text that came from a server. */
final class Redactor {
    static final String MASK = "***";
    static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    Redactor(Collection<String> secrets) {
        // longest first, so that a secret containing another is masked whole
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String apply(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
