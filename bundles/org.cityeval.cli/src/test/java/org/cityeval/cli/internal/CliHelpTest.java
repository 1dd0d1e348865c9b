package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * {@code cityeval <command> --help} prints the command's usage and exits 0 for every command and subcommand,
 * before required options are checked (issue 11: it exited 2 with "Missing required options"); {@code help}
 * prints without picocli's format warnings. Help needs no runtime service, so the commands run over none.
 */
class CliHelpTest {
    private final Cli cli = new Cli(null, new Cli.Workflows(null, null, null, null, null, null));

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8)); // picocli warns on System.err
        int code;
        try {
            code = cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(stderr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8) + warnings.toString(StandardCharsets.UTF_8));
    }

    /** Every command path below the root, e.g. [evaluate], [coinr, evaluate]. */
    private static List<List<String>> commands(CommandLine cl, List<String> path) {
        List<List<String>> out = new ArrayList<>();
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            out.add(p);
            out.addAll(commands(e.getValue(), p));
        }
        return out;
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndZero() {
        List<List<String>> all = commands(cli.commandLine(), List.of());
        assertTrue(all.size() >= 17, all.toString());
        assertTrue(all.contains(List.of("coinr", "evaluate")), all.toString());
        for (List<String> command : all) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(command);
                args.add(flag);
                Run r = run(args.toArray(String[]::new));
                assertEquals(0, r.code(), args + ": " + r.err());
                if (!command.get(command.size() - 1).equals("help")) {
                    assertTrue(r.out().startsWith("Usage: cityeval " + String.join(" ", command)), args + ": " + r.out());
                }
                assertEquals("", r.err(), args.toString());
            }
        }
    }

    @Test
    void helpListsTheCommandsWithoutWarnings() {
        Run r = run("help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("uncertainty") && r.out().contains("5-95% band"), r.out());
        assertEquals("", r.err());
        Run e = run("help", "evaluate");
        assertEquals(0, e.code());
        assertTrue(e.out().startsWith("Usage: cityeval evaluate"), e.out());
    }

    @Test
    void aMissingOptionIsStillAUsageError() {
        Run r = run("evaluate");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("Missing required options") && r.err().contains("Try 'cityeval evaluate --help'"),
                r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void aFormatNameIsCheckedWithOneText() {
        Run r = run("models", "--format", "csv");
        assertEquals(Cli.BAD_INPUT, r.code());
        assertTrue(r.err().contains("'csv' is not one of table or json"), r.err());
    }
}
