package dev.canary.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.canary.LoadTest;
import dev.canary.internal.hooks.HttpClients;
import dev.canary.spec.GateAnswer;
import dev.canary.spec.GateResult;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoadTestsTest {
    static final String CANARY = "demo/podinfo";
    LoopbackServer server;
    LoadTests tests;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        if (tests != null) {
            tests.stopAll();
        }
        server.close();
    }

    LoadTests tests(String... allowed) {
        tests = new LoadTests(HttpClients.shared(), Set.of(allowed));
        return tests;
    }

    /** Calls the hook until its answer's detail contains {@code text}; returns that answer. */
    GateResult pollUntil(String command, String text) {
        AtomicReference<GateResult> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last.set(tests.command(CANARY, command));
            return last.get().detail().contains(text);
        });
        return last.get();
    }

    @Nested
    class BuiltInGenerator {
        @Test
        void runs_a_hey_command_once_per_canary_and_command_while_it_runs() {
            String hey = "hey -z 1m -q 5 -c 1 " + server.url("/");
            LoadTests tests = tests();

            GateResult first = tests.command(CANARY, hey);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.count() >= 2);
            GateResult second = tests.command(CANARY, hey);
            GateResult otherCanary = tests.command("demo/other", hey);

            assertThat(first).isEqualTo(new GateResult(GateAnswer.APPROVE, "started"));
            assertThat(second.answer()).isEqualTo(GateAnswer.APPROVE);
            assertThat(second.detail()).startsWith("built-in load generator [" + hey + "]: ")
                    .contains("since the last tick").contains("2xx=");
            assertThat(otherCanary.detail()).isEqualTo("started");
            assertThat(server.seen()).allMatch(s -> s.userAgent().startsWith("okhttp"));
        }

        @Test
        void reports_a_finished_run_and_starts_it_again() {
            String hey = "hey -n 3 -c 1 " + server.url("/");
            tests().command(CANARY, hey);

            GateResult again = pollUntil(hey, "started again");

            assertThat(again.answer()).isEqualTo(GateAnswer.APPROVE);
            assertThat(again.detail()).contains("finished").contains("2xx=3");
        }

        @Test
        void fails_when_no_request_got_a_response() {
            String hey = "hey -n 2 -c 1 http://127.0.0.1:1/";
            tests().command(CANARY, hey);

            GateResult result = pollUntil(hey, "connect failures=2");

            assertThat(result.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(result.detail()).contains("got no response to any request since the last tick");
        }

        @Test
        void a_registered_load_test_runs_under_the_webhook_name() {
            LoadTest test = LoadTest.builder(server.url("/")).ratePerSecond(5).duration(Duration.ofMinutes(1))
                    .build();
            LoadTests tests = tests();

            tests.loadTest(CANARY, "load", test);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.count() >= 1);

            assertThat(tests.loadTest(CANARY, "load", test).detail()).startsWith("load test 'load': ");
        }
    }

    @Nested
    class Commands {
        @Test
        void runs_the_real_hey_when_it_is_allowed() {
            String hey = "hey -n 4 -c 1 " + server.url("/");
            LoadTests tests = tests("hey");

            GateResult started = tests.command(CANARY, hey);
            GateResult finished = pollUntil(hey, "finished");

            assertThat(started.answer()).isEqualTo(GateAnswer.APPROVE);
            assertThat(finished.answer()).isEqualTo(GateAnswer.APPROVE);
            assertThat(finished.detail()).startsWith("command [" + hey + "] finished: 4 responses");
            assertThat(server.seen()).isNotEmpty().allMatch(s -> s.userAgent().startsWith("hey/"));
        }

        @Test
        void refuses_any_other_command_unless_allowed() {
            GateResult result = tests().command(CANARY, "curl -s " + server.url("/"));

            assertThat(result.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(result.detail()).isEqualTo("command 'curl' is not run: commands from a spec run only when "
                    + "allowed with CanaryRun.builder().allowCommands(\"curl\") (hey commands run on the built-in "
                    + "load generator without that)");
            assertThat(server.count()).isZero();
        }

        @Test
        void an_allowed_program_that_is_not_installed_is_reported() {
            GateResult result = tests("no-such-program-xyz").command(CANARY, "no-such-program-xyz --now");

            assertThat(result.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(result.detail()).startsWith("cannot start the command: ").contains("install it");
        }

        @Test
        void shell_syntax_is_refused_even_for_allowed_programs() {
            GateResult result = tests("hey").command(CANARY, "hey " + server.url("/") + " | tee /tmp/out");

            assertThat(result.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(result.detail()).contains("commands run without a shell");
        }

        @Test
        void a_real_hey_without_any_response_fails_the_hook_unlike_flaggers_load_tester() {
            String refused = "hey -n 2 -c 1 http://127.0.0.1:1/";
            tests("hey").command(CANARY, refused);

            GateResult result = pollUntil(refused, "finished without any response");

            assertThat(result.answer()).isEqualTo(GateAnswer.DENY);
        }

        @Test
        void a_failing_command_fails_the_hook_with_its_output() {
            String bad = "hey -bogus " + server.url("/");
            tests("hey").command(CANARY, bad);

            GateResult result = pollUntil(bad, "exited with code");

            assertThat(result.answer()).isEqualTo(GateAnswer.DENY);
            assertThat(result.detail()).contains("-bogus");
        }
    }

    @Test
    void heys_summary_is_read_for_the_responses() {
        String summary = "Status code distribution:\n  [200]\t17 responses\n  [503]\t3 responses\n";

        assertThat(ProcessJob.heyResponses(summary)).isEqualTo(20);
        assertThat(ProcessJob.heyResponses("Error distribution:\n  [2] dial tcp: refused")).isZero();
    }

    @Test
    void problem_says_why_a_command_would_not_start() {
        assertThat(LoadTests.problem("hey -z 1m http://app.test/", Set.of())).isNull();
        assertThat(LoadTests.problem("wrk http://app.test/", Set.of("wrk"))).isNull();
        assertThat(LoadTests.problem("wrk http://app.test/", Set.of())).contains("allowCommands(\"wrk\")");
    }
}
