package dev.canary.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code canary} command. Exit codes: 0 success (a run that succeeded, a manifest without problems), 1 the
 * thing checked failed (a run rolled back, a manifest with problems), 2 bad usage, 3 could not finish (such as a
 * provider that cannot be reached).
 */
@Command(name = "canary", mixinStandardHelpOptions = true, versionProvider = CanaryCli.Version.class,
        description = "Canary releases from the command line: Flagger manifests, runs and their reports.",
        subcommands = {ValidateCommand.class, RunCommand.class, ReportCommand.class, StatusCommand.class,
                SteerCommands.Abort.class, SteerCommands.Promote.class, SteerCommands.Approve.class,
                SteerCommands.Deny.class, BacktestCommand.class, SimulateCommand.class,
                CommandLine.HelpCommand.class})
public final class CanaryCli {
    /** The command did what was asked and found nothing wrong. */
    public static final int OK = 0;
    /** What was checked failed: problems in a manifest, a run rolled back. */
    public static final int FAILED = 1;
    /** Bad usage: unknown options, missing files. */
    public static final int USAGE = 2;
    /** The command could not finish, such as a provider that cannot be reached. */
    public static final int ERROR = 3;

    /** Runs {@code args} and exits with the command's exit code. */
    public static void main(String[] args) {
        System.exit(execute(new Environment(System.out, System.err), args));
    }

    /** Runs {@code args} in {@code environment} and returns the exit code. */
    public static int execute(Environment environment, String... args) {
        return commandLine(environment).execute(args);
    }

    /** The picocli command line with its subcommands created in {@code environment}. */
    static CommandLine commandLine(Environment environment) {
        CommandLine cli = new CommandLine(new CanaryCli(), new Factory(environment));
        cli.setOut(writer(environment.out()));
        cli.setErr(writer(environment.err()));
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : ERROR);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + e.getMessage());
            line.getErr().flush();
            return ERROR;
        });
        return cli;
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** Creates the subcommands with the environment they print to. */
    private record Factory(Environment environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Environment.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(environment));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The version of the jar, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CanaryCli.class.getPackage().getImplementationVersion();
            return new String[] {"canary " + (version == null ? "(development build)" : version)};
        }
    }
}
