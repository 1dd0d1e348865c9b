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
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("cityeval " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
