package org.cityeval.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where the unpacked distribution is, and running its {@code bin/cityeval} as a user would. */
final class Dist {
    private Dist() {
    }

    /**
     * A {@code cityeval serve} process, started as a user starts it, on a free port of 127.0.0.1; its output is
     * collected in {@link #log()}. Closing it sends SIGTERM (the shutdown hook stops the framework), and SIGKILL
     * if it has not stopped within 30 s.
     */
    record Served(Process process, String base, StringBuffer log) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(Waits.HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /**
     * Starts {@code bin/cityeval serve} of the distribution at {@code home}, waiting until it serves (a hang guard
     * of {@link Waits#HANG_GUARD}).
     *
     * @param javaOpts {@code CITYEVAL_JAVA_OPTS} for it (heap, {@code -Dcityeval.*} properties), or {@code null}
     */
    static Served serve(Path home, String javaOpts) throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("bin/cityeval").toString(), "serve", "--port",
                Integer.toString(port)).redirectErrorStream(true);
        if (javaOpts != null) {
            pb.environment().put("CITYEVAL_JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuffer log = new StringBuffer();
        // read until the server says it serves, or ends: events, however long they take; only a hang meets the
        // guard, which kills the process and so ends the reading
        java.util.concurrent.CompletableFuture<Void> hangGuard = java.util.concurrent.CompletableFuture.runAsync(
                p::destroyForcibly, java.util.concurrent.CompletableFuture.delayedExecutor(Waits.HANG_GUARD.toMillis(),
                        TimeUnit.MILLISECONDS));
        for (String line; (line = out.readLine()) != null;) {
            log.append(line).append('\n');
            if (line.contains("cityeval serving on")) {
                hangGuard.cancel(false);
                Thread drain = new Thread(() -> out.lines().forEach(l -> log.append(l).append('\n')));
                drain.setDaemon(true);
                drain.start();
                return new Served(p, "http://127.0.0.1:" + port, log);
            }
        }
        boolean hung = !hangGuard.cancel(false);
        p.destroyForcibly();
        throw new AssertionError("server did not start" + (hung ? " (hang guard: " + Waits.HANG_GUARD.toMinutes()
                + " min)" : "") + ":\n" + log);
    }

    /** The full profile's unpacked archive. */
    static Path home() {
        return home("full");
    }

    /** A profile's unpacked archive: full, ccid, cstc or guomai. */
    static Path home(String profile) {
        Path p = Paths.get(System.getProperty("cityeval.dists", "target"), "dist-" + profile, "cityeval").toAbsolutePath();
        if (!Files.isDirectory(p.resolve("bundle/core"))) {
            throw new IllegalStateException("no distribution at " + p + "; run 'mvn verify' from the repository root");
        }
        return p;
    }

    static Path repo() {
        return Paths.get(System.getProperty("cityeval.repo", "..")).toAbsolutePath().normalize();
    }

    /** The result of one command. */
    record Run(int exit, String out, String err) {
    }

    static Run cityeval(Path workDir, String... args) throws IOException, InterruptedException {
        return cityevalIn(home(), workDir, args);
    }

    /** Runs bin/cityeval of the distribution at {@code home}. */
    static Run cityevalIn(Path home, Path workDir, String... args) throws IOException, InterruptedException {
        return cityevalWith(Map.of(), home, workDir, args);
    }

    /** Runs bin/cityeval with extra environment variables, say {@code CITYEVAL_JAVA_OPTS}. */
    static Run cityevalWith(Map<String, String> env, Path home, Path workDir, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", home.resolve("bin/cityeval").toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("cityeval-out", ".txt");
        Path err = Files.createTempFile("cityeval-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Process p = pb.directory(workDir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Waits.exit(p, "cityeval " + String.join(" ", args) + " did not finish");
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
