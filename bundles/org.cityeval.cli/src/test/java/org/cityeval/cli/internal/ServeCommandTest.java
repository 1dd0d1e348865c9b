package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * {@code serve} and {@code shell} parse their options before they touch the runtime: {@code --help} and bad
 * options return at once without asking for a bundle context (here: none, as outside the framework).
 */
class ServeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void serveHelpPrintsUsageAndTouchesNothing() {
        assertEquals(0, run(new ServeCommand(() -> {
            throw new AssertionError("--help must not reach the runtime");
        }), "--help"));
        assertTrue(out.toString().contains("Usage: serve"), out.toString());
        assertTrue(out.toString().contains("--port=PORT") && out.toString().contains("--host=HOST"), out.toString());
        assertTrue(out.toString().contains("default: 8080") && out.toString().contains("default: 127.0.0.1"),
                out.toString());
    }

    @Test
    void shellHelpPrintsUsageAndTouchesNothing() {
        assertEquals(0, run(new ShellCommand(() -> {
            throw new AssertionError("--help must not reach the runtime");
        }), "--help"));
        assertTrue(out.toString().contains("Usage: shell"), out.toString());
    }

    @Test
    void aPortThatIsNotOneIsAUsageError() {
        ServeCommand serve = new ServeCommand(() -> {
            throw new AssertionError("a bad option must not reach the runtime");
        });
        assertEquals(2, run(serve, "--port", "eighty"));
        assertTrue(err.toString().contains("--port"), err.toString());
        assertEquals(2, run(serve, "--port", "70000"));
        assertTrue(err.toString().contains("70000"), err.toString());
    }

    @Test
    void outsideTheRuntimeServeSaysHowToStartIt() {
        assertEquals(1, run(new ServeCommand(() -> null)));
        assertTrue(err.toString().contains("bin/cityeval serve"), err.toString());
    }
}
