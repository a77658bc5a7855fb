package io.tfsync.cli;

import io.tfsync.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tfsync} command and its subcommands. */
@Command(
        name = "tfsync",
        mixinStandardHelpOptions = true,
        versionProvider = TfsyncCommand.Version.class,
        description = "Keeps a Backstage software catalog in sync with Terraform.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            SyncCommand.class,
            PreviewCommand.class,
            EventsCommand.class,
            SetupCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class TfsyncCommand implements Runnable {

    /** Exit codes every command keeps to. */
    public static final int OK = 0;

    public static final int RUNTIME_ERROR = 1;
    public static final int USAGE_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command, e.g. 'tfsync demo'");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tfsync " + Application.version()};
        }
    }
}
