package io.tfsync;

import io.tfsync.cli.Cli;

/** {@code java -jar tfsync.jar}: the command line. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
