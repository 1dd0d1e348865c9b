package org.cityeval.cli.internal;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.startlevel.FrameworkStartLevel;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cityeval shell}: the Gogo shell on the running framework, until it stops ({@code exit 0}, SIGTERM,
 * Ctrl-C). As for {@code serve}, the launcher installs {@code bundle/shell} at a start level where it does not
 * run yet; this command raises the level once picocli has parsed the arguments, so {@code shell --help} opens
 * no shell. Without a terminal, Gogo is told not to read one ({@code gosh.args=--nointeractive}; it would stop
 * the framework at the end of its input, PLATFORM-NOTES trap 2), unless {@code -Dgosh.args} says otherwise.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = { "An interactive Gogo shell on the runtime: cityeval:models, cityeval:tree ID, "
                + "cityeval:evaluate, cityeval:reproduce ID, cityeval:validate FILE and Gogo's own commands "
                + "(lb, inspect, ...). 'exit 0' leaves." })
final class ShellCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<BundleContext> context;

    /** In the runtime: the context of the command line's bundle. */
    ShellCommand() {
        this(() -> {
            Bundle b = FrameworkUtil.getBundle(ShellCommand.class);
            return b == null ? null : b.getBundleContext();
        });
    }

    ShellCommand(Supplier<BundleContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        BundleContext ctx = context.get();
        if (ctx == null) {
            spec.commandLine().getErr().println("cityeval: shell runs in the cityeval runtime: start it with "
                    + "bin/cityeval shell");
            return 1;
        }
        if (System.console() == null && ctx.getProperty("gosh.args") == null) {
            // read by Gogo through BundleContext.getProperty, which falls back to system properties
            System.setProperty("gosh.args", "--nointeractive");
        }
        Bundle system = ctx.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        String level = ctx.getProperty(ServeCommand.LEVEL);
        system.adapt(FrameworkStartLevel.class).setStartLevel(level == null ? 2 : Integer.parseInt(level.trim()));
        ServeCommand.untilStopping(ctx);
        return 0;
    }
}
