package org.cityeval.store.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.cityeval.api.service.Workspace;

/**
 * The child of {@link StoreCrashTest}: opens the store and saves for ever, each save a new version carrying
 * its sequence number and a SHA-256 of its own content. Prints {@code BEGIN seq kind key} before a save and
 * {@code ACK seq kind key} once it returned; the parent kills it with SIGKILL at a random moment.
 */
public final class CrashWriter {
    static final StoreLimits LIMITS = new StoreLimits(1_000_000, 1L << 40, null, 1_000_000, 100);
    static final int WORKSPACES = 5;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        long seq = Long.parseLong(args[1]);
        Random random = new Random(seq);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        FileWorkbenchStore store = FileWorkbenchStore.open(folder, LIMITS, Clock.systemUTC());
        out.println("OPEN");
        out.flush();
        while (true) {
            switch ((int) (seq % 3)) {
                case 0 -> {
                    String name = "w" + (seq % WORKSPACES);
                    begin(out, seq, "workspace", name);
                    String padding = padding(random, 200 + random.nextInt(8000));
                    String title = "seq " + seq;
                    store.putWorkspace(new Workspace(name, title, padding + "\nsum " + sha(title + "\n" + padding), null,
                            List.of("m" + seq), 2023, null, null));
                    ack(out, seq, "workspace", name);
                }
                case 1 -> {
                    String name = "d-" + seq + ".csv";
                    begin(out, seq, "dataset", name);
                    byte[] content = dataset(seq, random);
                    String token = store.putDataset(name, content, Map.of("seq", seq)).token();
                    ack(out, seq, "dataset", token);
                }
                default -> {
                    String title = "r-" + seq;
                    begin(out, seq, "result", title);
                    String payload = padding(random, 500 + random.nextInt(60_000));
                    String json = "{\"seq\":" + seq + ",\"payload\":\"" + payload + "\",\"sum\":\"" + sha(payload) + "\"}";
                    String id = store.putResult("m", title, json.getBytes(StandardCharsets.UTF_8)).id();
                    ack(out, seq, "result", id);
                }
            }
            seq++;
        }
    }

    /** Random letters. */
    static String padding(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    /** An upload: {@code seq,N}, rows of noise, then {@code sum,SHA-256 of everything before}. */
    static byte[] dataset(long seq, Random random) {
        StringBuilder b = new StringBuilder("seq," + seq + "\n");
        int rows = 10 + random.nextInt(2000);
        for (int i = 0; i < rows; i++) {
            b.append(i).append(',').append(random.nextLong()).append('\n');
        }
        return (b + "sum," + sha(b.toString()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String sha(String s) {
        return FileWorkbenchStore.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void begin(PrintStream out, long seq, String kind, String key) {
        out.println("BEGIN " + seq + " " + kind + " " + key);
        out.flush();
    }

    private static void ack(PrintStream out, long seq, String kind, String key) {
        out.println("ACK " + seq + " " + kind + " " + key);
        out.flush();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
