package org.cityeval.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A closed-loop load test of {@code POST /api/evaluate}: {@code clients} threads, each sending one request after
 * the other (the next when the previous has been answered) for a warm-up and then a measured period, against a
 * running {@code cityeval serve}. Used by {@code scripts/bench-load.sh} (as a process) and by the itests'
 * {@code LoadSmokeTest} (through {@link #run(Options)}).
 * <p>
 * The requests are a fixed mix, taken in turn by every client from a different starting point:
 * <ul>
 * <li>every model on the shipped data pack ({@code "pack"}, with {@code "missing": "renormalise"}, as the
 * distribution's tests run them);</li>
 * <li>with {@code --upload FILE}: the file is uploaded once ({@code POST /api/upload}) and every model is
 * evaluated on its token ({@code "dataset"}); or with {@code --dataset TOKEN}, on an earlier upload;</li>
 * <li>with {@code --inline FILE}: one model on the file's text sent in the body ({@code "csv"}).</li>
 * </ul>
 * Before the load each kind is sent once and its answer checked (200, the model asked for, ranked cities with
 * scores); that answer is the reference, and every answer under load must be byte for byte the same (an
 * evaluation is deterministic), so a truncated, mixed-up or partial answer counts as an error.
 * <p>
 * Counted: requests, answers other than 2xx, answers that differ from the reference, timeouts, other
 * exceptions (all must be 0), throughput and latency percentiles. Latency is per request from sending to
 * having the whole body; only requests started in the measured period count towards latency and throughput
 * (the warm-up is excluded), but errors count over the whole run. Being closed-loop, the latencies are those
 * of 200 outstanding requests at all times, not of a fixed arrival rate.
 */
public final class LoadClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private LoadClient() {
    }

    /**
     * @param base     e.g. {@code http://127.0.0.1:8080}
     * @param clients  concurrent clients (threads, each with its own connection in practice)
     * @param warmup   not measured
     * @param duration measured
     * @param timeout  for one request, from sending to the whole answer
     * @param models   the model ids to mix, or empty for every model the server lists
     * @param pack     data pack name, or {@code null} for no pack requests
     * @param upload   file uploaded once and evaluated by token, or {@code null}
     * @param dataset  the token of an earlier upload to evaluate on instead, or {@code null}
     * @param inline   file sent as {@code "csv"} text, or {@code null}
     * @param inlineModel the model the inline file is evaluated with
     * @param minimum  rounds of every kind of request each client makes in the measured period, even if that
     *                 takes longer than {@code duration} (0: none): a test's counts then do not depend on the
     *                 machine's speed
     */
    public record Options(URI base, int clients, Duration warmup, Duration duration, Duration timeout,
            List<String> models, String pack, Path upload, String dataset, Path inline, String inlineModel,
            int minimum) {
        public Options {
            if (clients < 1) {
                throw new IllegalArgumentException("clients: at least 1, not " + clients);
            }
            if (minimum < 0) {
                throw new IllegalArgumentException("minimum: 0 or more, not " + minimum);
            }
            models = List.copyOf(models);
        }

        /** No minimum: the measured period is {@code duration}. */
        public Options(URI base, int clients, Duration warmup, Duration duration, Duration timeout, List<String> models,
                String pack, Path upload, String dataset, Path inline, String inlineModel) {
            this(base, clients, warmup, duration, timeout, models, pack, upload, dataset, inline, inlineModel, 0);
        }
    }

    /** One kind of request and the answer it must get. */
    public record Kind(String name, String model, byte[] body, byte[] expected) {
    }

    /**
     * The outcome.
     *
     * @param kinds       the request kinds, with their reference answers
     * @param total       requests answered or failed over the whole run (warm-up included)
     * @param measured    requests started in the measured period
     * @param non2xx      answers other than 2xx, by status
     * @param wrong       2xx answers that differ from the reference
     * @param timeouts    requests that timed out
     * @param exceptions  other failures, by exception class
     * @param samples     the first few failures, described
     * @param seconds     the measured period, seconds
     * @param latencyMs   the measured requests' latencies, sorted, in milliseconds
     * @param byKind      the same by request kind (index in {@code kinds}), each sorted
     * @param perSecond   measured completions in each second of the measured period
     */
    public record Report(List<Kind> kinds, long total, long measured, Map<Integer, Long> non2xx, long wrong,
            long timeouts, Map<String, Long> exceptions, List<String> samples, double seconds, double[] latencyMs,
            double[][] byKind, long[] perSecond) {

        public long errors() {
            return non2xx.values().stream().mapToLong(Long::longValue).sum() + wrong + timeouts
                    + exceptions.values().stream().mapToLong(Long::longValue).sum();
        }

        public double throughput() {
            return measured / seconds;
        }

        /** @param p in [0, 100]; nearest-rank */
        public double percentile(double p) {
            return percentile(latencyMs, p);
        }

        static double percentile(double[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        public double max() {
            return latencyMs.length == 0 ? Double.NaN : latencyMs[latencyMs.length - 1];
        }

        /** The human-readable summary and a last {@code RESULT key=value ...} line for scripts. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "requests: %d measured (%d in all, warm-up included)%n", measured, total));
            b.append(String.format(Locale.ROOT, "errors: %d non-2xx %s, %d wrong answers, %d timeouts, %d exceptions %s%n",
                    non2xx.values().stream().mapToLong(Long::longValue).sum(), non2xx, wrong, timeouts,
                    exceptions.values().stream().mapToLong(Long::longValue).sum(), exceptions));
            for (String s : samples) {
                b.append("  e.g. ").append(s).append('\n');
            }
            long[] sorted = perSecond.clone();
            Arrays.sort(sorted);
            b.append(String.format(Locale.ROOT, "throughput: %.1f req/s (per second: min %d, median %d, max %d)%n",
                    throughput(), sorted.length == 0 ? 0 : sorted[0], sorted.length == 0 ? 0 : sorted[sorted.length / 2],
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
            b.append(String.format(Locale.ROOT, "latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", percentile(50),
                    percentile(90), percentile(99), max()));
            for (int k = 0; k < kinds.size(); k++) {
                b.append(String.format(Locale.ROOT, "  %-40s %6d requests, p50 %7.1f ms, p99 %7.1f ms%n",
                        kinds.get(k).name(), byKind[k].length, percentile(byKind[k], 50), percentile(byKind[k], 99)));
            }
            b.append(String.format(Locale.ROOT,
                    "RESULT requests=%d errors=%d throughput=%.1f p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", measured,
                    errors(), throughput(), percentile(50), percentile(90), percentile(99), max()));
            return b.toString();
        }
    }

    /** Runs the load and returns what happened; the server must already be serving. */
    public static Report run(Options o) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Kind> kinds = prepare(http, o);
        int n = kinds.size();
        URI evaluate = o.base().resolve("/api/evaluate");

        AtomicLong total = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        Map<Integer, AtomicLong> non2xx = new ConcurrentHashMap<>();
        Map<String, AtomicLong> exceptions = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        int seconds = (int) Math.max(1, o.duration().toSeconds());
        AtomicLongArray perSecond = new AtomicLongArray(seconds);
        long[][] latencies = new long[o.clients()][];
        int[][] kindOf = new int[o.clients()][];
        int[] counts = new int[o.clients()];

        long start = System.nanoTime() + 50_000_000L; // every thread is up before the clock starts
        long measureFrom = start + o.warmup().toNanos();
        long end = measureFrom + o.duration().toNanos();
        CountDownLatch done = new CountDownLatch(o.clients());
        for (int c = 0; c < o.clients(); c++) {
            int client = c;
            Thread t = new Thread(() -> {
                long[] lat = new long[4096];
                int[] kindIndex = new int[4096];
                int count = 0;
                try {
                    while (System.nanoTime() < start) {
                        Thread.onSpinWait();
                    }
                    for (int i = client; ; i++) {
                        long t0 = System.nanoTime();
                        if (t0 >= end && count >= o.minimum() * n) {
                            break;
                        }
                        Kind k = kinds.get(i % n);
                        HttpRequest req = HttpRequest.newBuilder(evaluate).timeout(o.timeout())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(k.body())).build();
                        try {
                            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            long t1 = System.nanoTime();
                            if (r.statusCode() / 100 != 2) {
                                non2xx.computeIfAbsent(r.statusCode(), s -> new AtomicLong()).incrementAndGet();
                                sample(samples, k.name() + ": HTTP " + r.statusCode() + " "
                                        + new String(r.body(), 0, Math.min(300, r.body().length), StandardCharsets.UTF_8));
                            } else if (!Arrays.equals(r.body(), k.expected())) {
                                wrong.incrementAndGet();
                                sample(samples, k.name() + ": answer of " + r.body().length + " bytes differs from the "
                                        + k.expected().length + "-byte reference");
                            }
                            if (t0 >= measureFrom) {
                                if (count == lat.length) {
                                    lat = Arrays.copyOf(lat, count * 2);
                                    kindIndex = Arrays.copyOf(kindIndex, count * 2);
                                }
                                kindIndex[count] = i % n;
                                lat[count++] = t1 - t0;
                                int second = (int) ((t1 - measureFrom) / 1_000_000_000L);
                                if (second < seconds) {
                                    perSecond.incrementAndGet(second);
                                }
                            }
                        } catch (HttpTimeoutException e) {
                            timeouts.incrementAndGet();
                            sample(samples, k.name() + ": " + e);
                        } catch (IOException e) {
                            exceptions.computeIfAbsent(e.getClass().getName(), s -> new AtomicLong()).incrementAndGet();
                            sample(samples, k.name() + ": " + e);
                        }
                        total.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    exceptions.computeIfAbsent(e.getClass().getName(), s -> new AtomicLong()).incrementAndGet();
                    sample(samples, "client " + client + " stopped: " + e);
                } finally {
                    latencies[client] = lat;
                    kindOf[client] = kindIndex;
                    counts[client] = count;
                    done.countDown();
                }
            }, "load-client-" + c);
            t.setDaemon(true);
            t.start();
        }
        long slack = o.timeout().toMillis() * (1 + (long) o.minimum() * n) + 30_000;
        if (!done.await(o.warmup().toMillis() + o.duration().toMillis() + slack, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the clients did not finish " + slack / 1000 + " s after the end");
        }
        int measured = Arrays.stream(counts).sum();
        double[] ms = new double[measured];
        double[][] byKind = new double[n][measured];
        int[] inKind = new int[n];
        int at = 0;
        for (int c = 0; c < o.clients(); c++) {
            for (int i = 0; i < counts[c]; i++) {
                ms[at++] = latencies[c][i] / 1e6;
                int k = kindOf[c][i];
                byKind[k][inKind[k]++] = latencies[c][i] / 1e6;
            }
        }
        Arrays.sort(ms);
        for (int k = 0; k < n; k++) {
            byKind[k] = Arrays.copyOf(byKind[k], inKind[k]);
            Arrays.sort(byKind[k]);
        }
        long[] ps = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            ps[i] = perSecond.get(i);
        }
        Map<Integer, Long> statuses = new LinkedHashMap<>();
        non2xx.forEach((k, v) -> statuses.put(k, v.get()));
        Map<String, Long> failures = new LinkedHashMap<>();
        exceptions.forEach((k, v) -> failures.put(k, v.get()));
        return new Report(kinds, total.get(), measured, statuses, wrong.get(), timeouts.get(), failures,
                List.copyOf(samples), o.duration().toNanos() / 1e9, ms, byKind, ps);
    }

    private static void sample(ConcurrentLinkedQueue<String> samples, String s) {
        if (samples.size() < 5) {
            samples.add(s);
        }
    }

    /** The request kinds, each sent once and its answer checked: the references. */
    static List<Kind> prepare(HttpClient http, Options o) throws IOException, InterruptedException {
        List<String> models = o.models();
        if (models.isEmpty()) {
            JsonNode listed = JSON.readTree(send(http, HttpRequest.newBuilder(o.base().resolve("/api/models")).GET()
                    .build(), "GET /api/models"));
            List<String> ids = new ArrayList<>();
            listed.get("models").forEach(m -> ids.add(m.get("id").asText()));
            models = ids;
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("the server lists no models");
        }
        List<Kind> kinds = new ArrayList<>();
        if (o.pack() != null) {
            for (String m : models) {
                ObjectNode body = JSON.createObjectNode().put("model", m).put("pack", o.pack()).put("missing", "renormalise");
                kinds.add(reference(http, o, "pack " + m, m, body));
            }
        }
        String token = o.dataset();
        if (token == null && o.upload() != null) {
            token = upload(http, o.base(), o.upload());
        }
        if (token != null) {
            for (String m : models) {
                ObjectNode body = JSON.createObjectNode().put("model", m).put("dataset", token).put("missing", "renormalise");
                kinds.add(reference(http, o, "upload " + m, m, body));
            }
        }
        if (o.inline() != null) {
            ObjectNode body = JSON.createObjectNode().put("model", o.inlineModel())
                    .put("csv", Files.readString(o.inline(), StandardCharsets.UTF_8));
            kinds.add(reference(http, o, "inline " + o.inlineModel(), o.inlineModel(), body));
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no requests: give a pack, an upload or an inline file");
        }
        return List.copyOf(kinds);
    }

    /** Uploads a file ({@code POST /api/upload}) and returns its token. */
    public static String upload(HttpClient http, URI base, Path file) throws IOException, InterruptedException {
        String name = file.getFileName().toString();
            byte[] answer = send(http, HttpRequest.newBuilder(base.resolve("/api/upload?name=" + name))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), "upload of " + file);
            String token = JSON.readTree(answer).path("dataset").asText("");
            if (token.isEmpty()) {
                throw new IllegalStateException("the upload of " + file + " answered no token: "
                        + new String(answer, StandardCharsets.UTF_8));
            }
        return token;
    }

    private static Kind reference(HttpClient http, Options o, String name, String model, ObjectNode body)
            throws IOException, InterruptedException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        byte[] answer = send(http, HttpRequest.newBuilder(o.base().resolve("/api/evaluate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                name);
        check(name, model, JSON.readTree(answer));
        return new Kind(name, model, bytes, answer);
    }

    /**
     * An evaluation result as the API documents it: the model asked for, a city list with at least one ranked
     * city, every ranked city with a finite score, ranks 1, 2, ... in order.
     */
    static void check(String name, String model, JsonNode r) {
        String id = r.path("model").path("id").asText();
        if (!id.equals(model)) {
            throw new IllegalStateException(name + ": $.model.id is '" + id + "', expected '" + model + "'");
        }
        JsonNode cities = r.path("cities");
        if (!cities.isArray() || cities.isEmpty()) {
            throw new IllegalStateException(name + ": $.cities is empty or missing");
        }
        int ranked = 0;
        for (int i = 0; i < cities.size(); i++) {
            JsonNode c = cities.get(i);
            if (c.path("rank").isNull() || c.path("rank").isMissingNode()) {
                continue;
            }
            ranked++;
            if (!c.path("score").isNumber() || !Double.isFinite(c.path("score").asDouble())) {
                throw new IllegalStateException(name + ": $.cities[" + i + "].score is not a number");
            }
            if (c.path("rank").asInt() < 1 || c.path("rank").asInt() > ranked) {
                throw new IllegalStateException(name + ": $.cities[" + i + "].rank is " + c.path("rank")
                        + " after " + (ranked - 1) + " ranked cities");
            }
        }
        if (ranked == 0) {
            throw new IllegalStateException(name + ": no city is ranked");
        }
        for (String field : List.of("tiers", "statistics", "warnings")) {
            if (r.path(field).isMissingNode()) {
                throw new IllegalStateException(name + ": $." + field + " is missing");
            }
        }
    }

    private static byte[] send(HttpClient http, HttpRequest req, String what) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    /**
     * {@code java -cp benchmarks.jar org.cityeval.benchmarks.LoadClient --url http://127.0.0.1:PORT [--clients 200]
     * [--duration 60] [--warmup 10] [--timeout 30] [--models a,b] [--pack china-cities|none] [--upload FILE |
     * --dataset TOKEN] [--inline FILE [--inline-model ID]]}; exits 1 when any request failed.
     * {@code LoadClient --url URL --upload-only FILE} uploads the file and prints its token.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--url") && args[2].equals("--upload-only")) {
            System.out.println(upload(HttpClient.newHttpClient(), URI.create(args[1]), Path.of(args[3])));
            return;
        }
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: LoadClient --url http://127.0.0.1:PORT [--clients 200] [--duration 60] "
                        + "[--warmup 10] [--timeout 30] [--models a,b] [--pack china-cities|none] [--upload FILE | --dataset TOKEN] "
                        + "[--inline FILE] [--inline-model ID]; not understood: " + args[i]);
                System.exit(2);
            }
            a.put(args[i].substring(2), args[++i]);
        }
        String url = a.get("url");
        if (url == null) {
            System.err.println("LoadClient: --url is required, e.g. --url http://127.0.0.1:8080");
            System.exit(2);
        }
        String pack = a.getOrDefault("pack", "china-cities");
        Options o = new Options(URI.create(url), Integer.parseInt(a.getOrDefault("clients", "200")),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("warmup", "10"))),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("duration", "60"))),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("timeout", "30"))),
                a.containsKey("models") ? List.of(a.get("models").split(",")) : List.of(),
                pack.equals("none") ? null : pack, a.containsKey("upload") ? Path.of(a.get("upload")) : null,
                a.get("dataset"), a.containsKey("inline") ? Path.of(a.get("inline")) : null,
                a.getOrDefault("inline-model", "guomai-psdf-2024"));
        Report r = run(o);
        System.out.printf(Locale.ROOT, "load: %d clients, %d s warm-up (excluded), %d s measured, %s, %d request kinds:%n",
                o.clients(), o.warmup().toSeconds(), o.duration().toSeconds(), o.base(), r.kinds().size());
        for (Kind k : r.kinds()) {
            System.out.printf(Locale.ROOT, "  %-40s request %7d B, answer %7d B%n", k.name(), k.body().length,
                    k.expected().length);
        }
        System.out.print(r.describe());
        // the client shares the machine with the server: what it used is CPU the server did not have
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            System.out.printf(Locale.ROOT, "CLIENT cpu=%.1f%n", os.getProcessCpuTime() / 1e9);
        }
        System.out.flush();
        System.exit(r.errors() == 0 && r.measured() > 0 ? 0 : 1);
    }
}
