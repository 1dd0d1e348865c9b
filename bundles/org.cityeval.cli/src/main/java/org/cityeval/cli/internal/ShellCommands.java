package org.cityeval.cli.internal;

import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The same commands in the Gogo shell, e.g. {@code cityeval:models --format json} or
 * {@code cityeval:reproduce guomai-psdf-2024}. Gogo calls these methods by name; each hands its
 * arguments to the command line unchanged, so the shell and {@code bin/cityeval} cannot drift apart.
 */
@Component(service = ShellCommands.class, property = {
        "osgi.command.scope=cityeval",
        "osgi.command.function=models",
        "osgi.command.function=tree",
        "osgi.command.function=evaluate",
        "osgi.command.function=reproduce",
        "osgi.command.function=validate",
        "osgi.command.function=variables",
        "osgi.command.function=stats",
        "osgi.command.function=form",
        "osgi.command.function=provenance" })
public class ShellCommands {
    private final Function<String[], Integer> cli;

    @Activate
    public ShellCommands(@Reference(target = "(" + CliComponent.MAIN + "=true)") Function<String[], Integer> cli) {
        this.cli = cli;
    }

    public int models(String... args) {
        return run("models", args);
    }

    public int tree(String... args) {
        return run("tree", args);
    }

    public int evaluate(String... args) {
        return run("evaluate", args);
    }

    public int reproduce(String... args) {
        return run("reproduce", args);
    }

    public int validate(String... args) {
        return run("validate", args);
    }

    public int variables(String... args) {
        return run("variables", args);
    }

    /** {@code cityeval:stats MODEL --data ... --node N}: the statistics workflow, as {@code cityeval stats}. */
    public int stats(String... args) {
        return run("stats", args);
    }

    /** {@code cityeval:form --model ID --province 浙江省 --year 2023 --out f.xlsx}: as {@code cityeval form}. */
    public int form(String... args) {
        return run("form", args);
    }

    /** {@code cityeval:provenance --model ID --data A+B --city C --leaf L}: where a city's leaf value came from. */
    public int provenance(String... args) {
        return run("provenance", args);
    }

    private int run(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.apply(all);
    }
}
