package io.tfsync.cli;

import io.tfsync.config.ConfigException;
import io.tfsync.store.DatabaseException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs the command line: usage and configuration mistakes exit 2, runtime failures exit 1, and either
 * prints one clear sentence to stderr, never a stack trace (set {@code TFSYNC_DEBUG=1} for one).
 */
public final class Cli {

    private Cli() {}

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs with the given streams for data ({@code out}) and messages ({@code err}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new TfsyncCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Cli::handle);
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter messages = e.getCommandLine().getErr();
            messages.println("tfsync: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, messages)) {
                messages.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return TfsyncCommand.USAGE_ERROR;
        });
        return cli.execute(args);
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (System.getenv("TFSYNC_DEBUG") != null) {
            e.printStackTrace(err);
        }
        if (e instanceof ConfigException config) {
            err.println(config.getMessage());
            return TfsyncCommand.USAGE_ERROR;
        }
        if (e instanceof UsageException usage) {
            err.println("tfsync: " + usage.getMessage());
            return TfsyncCommand.USAGE_ERROR;
        }
        if (e instanceof PreviewCommand.PreviewFailure failure) {
            err.println("tfsync: " + failure.getMessage());
            return TfsyncCommand.RUNTIME_ERROR;
        }
        if (e instanceof DatabaseException db) {
            err.println("tfsync: " + db.getMessage());
            return TfsyncCommand.RUNTIME_ERROR;
        }
        err.println("tfsync: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return TfsyncCommand.RUNTIME_ERROR;
    }
}
