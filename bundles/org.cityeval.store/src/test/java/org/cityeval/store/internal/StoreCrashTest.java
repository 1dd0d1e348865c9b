package org.cityeval.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.cityeval.api.service.WorkbenchStore.StoredDataset;
import org.cityeval.api.service.WorkbenchStore.StoredResult;
import org.cityeval.api.service.Workspace;
import org.cityeval.store.AtomicFiles;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kills a child JVM that saves uploads, results and workspaces in a loop ({@link CrashWriter}) with SIGKILL at
 * random moments, {@value #KILLS} times, restarting it on the same folder each time. After each kill the store
 * is opened with the real reading code and every entry must be whole (it parses; its own SHA-256 and the one
 * the store recorded match), be the last acknowledged version or the one in flight, and no acknowledged save
 * may be missing. The folder is under target/ (a real disk, not tmpfs), so the fsyncs are real.
 */
class StoreCrashTest {
    static final int KILLS = 50;
    /**
     * A child that has not opened the store, or not made the saves it is waited for, after this long is hung:
     * it opens in well under a second, even on a loaded machine. Every other wait here is for an event.
     */
    static final long HANG_GUARD_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** What the children said, across all runs. */
    private final Map<String, Long> lastAckedWorkspace = new HashMap<>();
    private final Map<String, Set<Long>> unackedWorkspace = new HashMap<>();
    private final Set<String> ackedDatasets = new HashSet<>();
    private final Set<String> ackedResults = new HashSet<>();
    private final Set<Long> unackedSeqs = new HashSet<>();
    private long nextSeq = 0;

    @Test
    void sigkillDuringSavesNeverLosesOrCorruptsWhatWasSaved() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "crash-store");
        Random random = new Random(20260501L);
        int interrupted = 0;
        int tempFilesSeen = 0;
        int saves = 0;
        long started = System.nanoTime();
        for (int run = 0; run < KILLS; run++) {
            List<String> lines = runAndKill(folder, random.nextInt(4), random.nextInt(60));
            boolean inFlight = false;
            for (String line : lines) {
                String[] w = line.split(" ");
                if (w[0].equals("BEGIN")) {
                    long seq = Long.parseLong(w[1]);
                    unackedSeqs.add(seq);
                    if (w[2].equals("workspace")) {
                        unackedWorkspace.computeIfAbsent(w[3], k -> new HashSet<>()).add(seq);
                    }
                    nextSeq = Math.max(nextSeq, seq + 1);
                    inFlight = true;
                } else if (w[0].equals("ACK")) {
                    long seq = Long.parseLong(w[1]);
                    unackedSeqs.remove(seq);
                    saves++;
                    inFlight = false;
                    switch (w[2]) {
                        case "workspace" -> {
                            lastAckedWorkspace.put(w[3], seq);
                            unackedWorkspace.getOrDefault(w[3], new HashSet<>()).removeIf(s -> s <= seq);
                        }
                        case "dataset" -> ackedDatasets.add(w[3]);
                        default -> ackedResults.add(w[3]);
                    }
                }
            }
            interrupted += inFlight ? 1 : 0;
            tempFilesSeen += temporaries(folder);
            check(folder, run);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("%d SIGKILLs in %d ms: %d saves acknowledged, %d kills during a save, %d temporary files "
                + "left by kills (removed on open)%n", KILLS, ms, saves, interrupted, tempFilesSeen);
        // each run waits (for events, however long they take) for its 0..3 acknowledgements before the kill: 66 in
        // all with this seed, on any machine
        assertTrue(saves > KILLS, "the children saved something: " + saves);
        // a child spends all but the microseconds between an ACK and the next BEGIN inside a save, on a slow
        // machine as on a fast one: a proportion of its own running time, not a race with the test's clock
        assertTrue(interrupted > KILLS / 2, "most kills hit a save in progress: " + interrupted);
        try (Stream<Path> files = Files.walk(folder)) { // kept for a look when the test fails
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * Starts a child, waits until it opened the store and acknowledged {@code acks} saves (events: so that every run
     * makes progress however slow the disk or the machine; only a hung child meets {@link #HANG_GUARD_NANOS}),
     * then {@code delayMs} more (where in its saves the kill lands: any moment is a valid one), and kills it.
     */
    private List<String> runAndKill(Path folder, int acks, int delayMs) throws Exception {
        Path err = Files.createTempFile(Path.of("target"), "crash-writer", ".err");
        Path log = Files.createTempFile(Path.of("target"), "crash-writer", ".log");
        // the child's log goes to a file, written with write(2) before and after each save: what reached the file
        // survives the SIGKILL (read through Process.getInputStream, the last lines were
        // sometimes missing after a kill in our runs)
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), folder.toString(),
                Long.toString(nextSeq)).redirectOutput(log.toFile()).redirectError(err.toFile()).start();
        long hangGuard = System.nanoTime() + HANG_GUARD_NANOS;
        while (!Files.readString(log).contains("OPEN\n") && p.isAlive() && System.nanoTime() < hangGuard) {
            Thread.sleep(2);
        }
        if (!Files.readString(log).contains("OPEN\n")) {
            p.destroyForcibly().waitFor();
            fail((p.isAlive() ? "hang guard: " : "") + "the child did not open the store: " + Files.readString(err));
        }
        while (countAcks(log) < acks && p.isAlive() && System.nanoTime() < hangGuard) {
            Thread.sleep(1);
        }
        if (countAcks(log) < acks && p.isAlive()) {
            p.destroyForcibly().waitFor();
            fail("hang guard: the child made fewer than " + acks + " saves in "
                    + TimeUnit.NANOSECONDS.toMinutes(HANG_GUARD_NANOS) + " min");
        }
        Thread.sleep(delayMs);
        assertTrue(p.isAlive(), () -> "the child died by itself: " + readQuietly(err));
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally, no flush
        p.waitFor(); // SIGKILL ends any process: an event, waited for without a bound
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(err);
        Files.deleteIfExists(log);
        // a line cut by the kill is not an acknowledgement
        List<String> whole = new ArrayList<>();
        for (String l : lines) {
            if (l.matches("(BEGIN|ACK) \\d+ (workspace|dataset|result) \\S+")) {
                whole.add(l);
            }
        }
        return whole;
    }

    private void check(Path folder, int run) throws IOException {
        String when = "after kill " + (run + 1) + ": ";
        try (FileWorkbenchStore s = FileWorkbenchStore.open(folder, CrashWriter.LIMITS, Clock.systemUTC())) {
            assertEquals(List.of(), s.status().unreadable(), when + "unreadable files");
            assertEquals(0, temporaries(folder), when + "opening removes temporary files");
            Set<String> names = new HashSet<>();
            for (Workspace w : s.workspaces()) {
                assertFalse(AtomicFiles.isTemporary(Path.of(w.name())), when + w.name());
                names.add(w.name());
                long seq = Long.parseLong(w.title().substring("seq ".length()));
                int nl = w.notes().lastIndexOf("\nsum ");
                assertEquals(CrashWriter.sha(w.title() + "\n" + w.notes().substring(0, nl)), w.notes().substring(nl + 5),
                        when + "workspace " + w.name() + " checksum");
                assertEquals(List.of("m" + seq), w.models(), when + w.name());
                Long acked = lastAckedWorkspace.get(w.name());
                boolean ok = acked != null && acked == seq
                        || unackedWorkspace.getOrDefault(w.name(), Set.of()).contains(seq) && (acked == null || seq > acked);
                assertTrue(ok, when + "workspace " + w.name() + " is version " + seq + "; last acknowledged " + acked
                        + ", in flight " + unackedWorkspace.get(w.name()));
            }
            assertTrue(names.containsAll(lastAckedWorkspace.keySet()), when + "acknowledged workspaces " + names);
            Set<String> tokens = new HashSet<>();
            for (StoredDataset d : s.datasets()) {
                tokens.add(d.token());
                String text = new String(s.datasetContent(d.token()).orElseThrow(), StandardCharsets.UTF_8);
                long seq = Long.parseLong(text.substring(4, text.indexOf('\n')));
                assertEquals("d-" + seq + ".csv", d.name(), when);
                int sum = text.lastIndexOf("sum,");
                assertEquals(CrashWriter.sha(text.substring(0, sum)) + "\n", text.substring(sum + 4), when + d.name());
                assertTrue(ackedDatasets.contains(d.token()) || unackedSeqs.contains(seq),
                        when + d.name() + " was neither acknowledged nor in flight");
            }
            assertTrue(tokens.containsAll(ackedDatasets), when + "an acknowledged upload is missing");
            Set<String> ids = new HashSet<>();
            for (StoredResult r : s.results()) {
                ids.add(r.id());
                JsonNode json = FileWorkbenchStore.JSON.readTree(s.resultJson(r.id()).orElseThrow());
                long seq = json.get("seq").asLong();
                assertEquals("r-" + seq, r.title(), when);
                assertEquals(CrashWriter.sha(json.get("payload").asText()), json.get("sum").asText(), when + r.title());
                assertTrue(ackedResults.contains(r.id()) || unackedSeqs.contains(seq),
                        when + r.title() + " was neither acknowledged nor in flight");
            }
            assertTrue(ids.containsAll(ackedResults), when + "an acknowledged result is missing");
        }
    }

    private static int temporaries(Path folder) throws IOException {
        int n = 0;
        for (String sub : List.of("datasets", "results", "workspaces")) {
            Path d = folder.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    n += (int) s.filter(AtomicFiles::isTemporary).count();
                }
            }
        }
        return n;
    }

    private static long countAcks(Path log) throws IOException {
        return Files.readString(log).lines().filter(l -> l.startsWith("ACK ")).count();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
