package dev.canary.engine;

import dev.canary.spec.CheckEvaluation;
import dev.canary.spec.Verdict;
import dev.canary.engine.judge.CheckStatistics;
import dev.canary.engine.judge.Finding;
import dev.canary.engine.judge.SequentialJudge;
import dev.canary.spec.AnalysisSpec;
import dev.canary.spec.MetricCheck;
import dev.canary.spec.SequentialSpec;
import dev.canary.spec.Severity;
import dev.canary.spec.MetricResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sequential checks in the engine: updates their tests from the counts of the tick (kept in
 * {@link RunState#sequential()}), and holds promotion until every one has shown no harm, for at most its
 * {@code maxHold}, then follows its {@code onUndecided}. Counts that are missing or failed are judged by the
 * check's {@code onNoData} / {@code onError} like a value. Stateless.
 */
final class Sequential {
    private Sequential() {
    }

    static boolean any(AnalysisSpec analysis) {
        return analysis.metrics().stream().anyMatch(MetricCheck::isSequential);
    }

    /** The result of judging the sequential checks of a tick. */
    record Judged(List<CheckEvaluation> evaluations, List<CheckEvaluation> verdicts, List<CheckEvaluation> harm,
            List<String> leaning) {
    }

    /**
     * Updates every sequential check from the tick's counts. {@code evaluations} are all of them, for the record;
     * {@code verdicts} those that count like a threshold check's (missing or failed counts); {@code harm} those
     * whose tests showed harm; {@code leaning} the names of those that lean toward harm (the weight holds; see
     * {@link SequentialSpec#holdAt()}).
     */
    static Judged judge(Tick t) {
        SequentialState state = t.cur().sequential();
        if (state == null) {
            state = SequentialState.start(t.now);
        }
        var counts = Objects.requireNonNull(t.obs.counts(), "counts not observed");
        List<CheckEvaluation> all = new ArrayList<>();
        List<CheckEvaluation> verdicts = new ArrayList<>();
        List<CheckEvaluation> harm = new ArrayList<>();
        List<String> leaning = new ArrayList<>();
        for (MetricCheck check : t.analysis.metrics()) {
            SequentialSpec settings = check.sequential();
            if (settings == null) {
                continue;
            }
            SubjectCounts answer = counts.get(check.name());
            CheckEvaluation unusable = unusable(check, answer);
            if (unusable != null) {
                all.add(unusable);
                verdicts.add(unusable);
                continue;
            }
            MetricResult.Counts canary = (MetricResult.Counts) Objects.requireNonNull(answer).canary();
            MetricResult.Counts primary = (MetricResult.Counts) answer.primary();
            CheckStatistics next = SequentialJudge.of(check, settings).update(state.checks().get(check.name()),
                    canary.counts(), primary == null ? null : primary.counts());
            state = state.withCheck(check.name(), next);
            CheckEvaluation e = evaluation(check, next, canary.source());
            all.add(e);
            if (next.finding() == Finding.HARM) {
                harm.add(e);
            } else if (next.leansTowardHarm(settings.holdAt(), settings.holdAtPrimary())) {
                leaning.add(check.name());
            }
        }
        SequentialState updated = state;
        t.update(b -> b.sequential(updated));
        return new Judged(all, verdicts, harm, leaning);
    }

    private static @Nullable CheckEvaluation unusable(MetricCheck check, @Nullable SubjectCounts answer) {
        if (answer == null) {
            return Checks.evaluate(check, null);
        }
        if (!(answer.canary() instanceof MetricResult.Counts)) {
            return Checks.evaluate(check, answer.canary());
        }
        SequentialSpec settings = Objects.requireNonNull(check.sequential());
        if (settings.against().primary() && !(answer.primary() instanceof MetricResult.Counts)) {
            return Checks.evaluate(check, answer.primary());
        }
        SequentialJudge judge = SequentialJudge.of(check, settings);
        MetricResult.Counts canary = (MetricResult.Counts) answer.canary();
        String problem = judge.unusable(canary.counts(), "canary");
        if (problem == null && answer.primary() instanceof MetricResult.Counts primary) {
            problem = judge.unusable(primary.counts(), "primary");
        }
        return problem == null ? null : Checks.evaluate(check, new MetricResult.Failed(problem, canary.source()));
    }

    private static CheckEvaluation evaluation(MetricCheck check, CheckStatistics s, String source) {
        Verdict verdict = switch (s.finding()) {
            case HARM -> Verdict.FAIL;
            case NO_HARM -> Verdict.PASS;
            case UNDECIDED -> Verdict.INCONCLUSIVE;
        };
        long requests = (long) s.canarySeen().requests();
        String shown = switch (s.finding()) {
            case HARM -> "harm shown";
            case NO_HARM -> "no harm shown";
            case UNDECIDED -> "not yet decided";
        };
        return new CheckEvaluation(check.name(), verdict, null, check.thresholdRange(), requests,
                "sequential, " + shown + " (" + s.describe() + ")", source);
    }

    /**
     * Before promotion: {@code null} when every sequential check has shown no harm (or the hold ran out for checks
     * that promote when undecided); else the decision to hold, or to roll back when the hold ran out.
     */
    static @Nullable Decision holdBeforePromotion(Tick t, String why) {
        SequentialState state = t.cur().sequential();
        if (!any(t.analysis)) {
            return null;
        }
        List<MetricCheck> undecided = t.analysis.metrics().stream().filter(MetricCheck::isSequential)
                .filter(c -> state == null || state.checks().get(c.name()) == null
                        || state.checks().get(c.name()).finding() != Finding.NO_HARM)
                .toList();
        if (undecided.isEmpty()) {
            return null;
        }
        SequentialState current = state != null ? state : SequentialState.start(t.now);
        Instant since = current.holdingSince() != null ? current.holdingSince() : t.now;
        t.update(b -> b.sequential(current.holdingSince(since)));
        Duration held = Duration.between(since, t.now);
        String names = String.join(", ", undecided.stream().map(MetricCheck::name).toList());
        List<MetricCheck> waiting = undecided.stream()
                .filter(c -> held.compareTo(Objects.requireNonNull(c.sequential()).maxHold()) < 0).toList();
        List<MetricCheck> rollback = undecided.stream().filter(c -> !waiting.contains(c))
                .filter(c -> Objects.requireNonNull(c.sequential()).onUndecided()
                        == SequentialSpec.OnUndecided.ROLLBACK).toList();
        if (!rollback.isEmpty()) {
            return t.rollback("sequential checks " + String.join(", ", rollback.stream().map(MetricCheck::name)
                    .toList()) + " showed no harm within maxHold "
                    + Objects.requireNonNull(rollback.get(0).sequential()).maxHold()
                    + " at the ceiling (onUndecided ROLLBACK)");
        }
        if (waiting.isEmpty()) {
            t.note(Severity.WARN, "promoting although sequential checks " + names + " showed no harm within "
                    + "maxHold (onUndecided PROMOTE)");
            return null;
        }
        return t.decide(why + "; holding at weight " + t.cur().canaryWeight() + ": waiting for sequential checks "
                + names + " to show no harm (held " + held.toSeconds() + "s)");
    }
}
