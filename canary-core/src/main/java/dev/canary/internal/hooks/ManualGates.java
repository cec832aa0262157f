package dev.canary.internal.hooks;

import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import dev.canary.spec.HookType;
import dev.canary.spec.WebhookSpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The webhooks answered through the run handle ({@code approve} / {@code deny}). An answer is kept per hook type
 * until used: an approval until the hooks of its type all pass once, a denial until one manual gate reports it.
 * The runner stores the answers not yet used with the run state ({@link #snapshot()}) and gives them back when
 * the run is resumed; they are cleared at the end of a run. Thread-safe.
 */
final class ManualGates {
    private record Answer(GateAnswer answer, String reason) {
    }

    private final Set<String> names;
    private final Map<HookType, Answer> answers = new EnumMap<>(HookType.class);

    ManualGates(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    boolean contains(String name) {
        return names.contains(name);
    }

    synchronized void answer(HookType type, GateAnswer answer, String reason) {
        answers.put(type, new Answer(answer, reason));
    }

    /** The answer for one manual gate: what was given through the handle, else wait. */
    synchronized GateResult ask(WebhookSpec hook) {
        Answer given = answers.get(hook.type());
        if (given == null || given.answer() == GateAnswer.WAIT) {
            String constant = hook.type().name();
            return GateResult.waiting("manual gate, waiting for approve(HookType." + constant + ") or deny(HookType."
                    + constant + ", reason) on the CanaryExecution");
        }
        if (given.answer() == GateAnswer.DENY) {
            answers.remove(hook.type());
            return GateResult.deny("denied manually: " + given.reason());
        }
        return new GateResult(GateAnswer.APPROVE, "approved manually");
    }

    /** The hooks of {@code type} all passed: an approval given for them is used up. */
    synchronized void passed(HookType type) {
        Answer given = answers.get(type);
        if (given != null && given.answer() == GateAnswer.APPROVE) {
            answers.remove(type);
        }
    }

    /** The answers given and not used yet. */
    synchronized Map<HookType, GateResult> snapshot() {
        if (answers.isEmpty()) {
            return Map.of();
        }
        Map<HookType, GateResult> out = new EnumMap<>(HookType.class);
        answers.forEach((type, a) -> out.put(type, new GateResult(a.answer(), a.reason())));
        return out;
    }

    synchronized void clear() {
        answers.clear();
    }
}
