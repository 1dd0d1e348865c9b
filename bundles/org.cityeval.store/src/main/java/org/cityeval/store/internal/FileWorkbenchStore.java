package org.cityeval.store.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.service.Workspace;
import org.cityeval.store.AtomicFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@link WorkbenchStore}, on disk under a folder or, without one, in memory. Plain Java (no OSGi), so that
 * the crash test can run it in a child JVM that it kills.
 * <p>
 * Layout of the folder (see docs/architecture.md, "The workbench store"):
 *
 * <pre>
 * store.json                 {"format": 1}
 * .lock                      held while a process has the store open (one process at a time)
 * datasets/TOKEN.data        an upload, byte for byte
 * datasets/TOKEN.json        its description: name, size, sha256, created, summary (written after the .data)
 * results/ID.json            {"id", "model", "title", "saved", "sha256", "result": the JSON}
 * workspaces/NAME.json       a Workspace
 * </pre>
 *
 * Every file is written with {@link AtomicFiles}, so each is whole (old or new) after a crash. An upload is two
 * files; its description is written last and removed first, so a crash leaves at worst a {@code .data} without
 * description, which opening the store removes, together with the temporary files of interrupted writes. The
 * index (descriptions, workspaces) is held in memory; contents are read from disk when asked for.
 */
public final class FileWorkbenchStore implements WorkbenchStore, Closeable {
    /** An upload's token and a result's id: 128 random bits, 32 hex digits. */
    static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    /** A workspace's name; it is also its file's name, so no separators, no leading dot. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int FORMAT = 1;
    private static final int MAX_TEXT = 10_000;

    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Path folder;
    private final StoreLimits limits;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<String> unreadable = new ArrayList<>();

    /** Access order: the least recently used first. */
    private final LinkedHashMap<String, StoredDataset> datasets = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, byte[]> memoryContent = new LinkedHashMap<>();
    private final LinkedHashMap<String, StoredResult> results = new LinkedHashMap<>();
    private final Map<String, byte[]> memoryResults = new LinkedHashMap<>();
    private final TreeMap<String, Workspace> workspaces = new TreeMap<>();

    private FileWorkbenchStore(Path folder, StoreLimits limits, Clock clock, FileChannel lockChannel, FileLock lock) {
        this.folder = folder;
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** A store in memory only. */
    public static FileWorkbenchStore inMemory(StoreLimits limits, Clock clock) {
        return new FileWorkbenchStore(null, limits, clock, null, null);
    }

    /**
     * Opens (creating it if need be) the store in a folder: takes its lock, removes what a crash left (temporary
     * files, an upload without description) and reads the index. Unreadable files are left in place, skipped and
     * listed in {@link Status#unreadable()}.
     *
     * @throws IOException naming the folder when it cannot be used or another process has it open
     */
    public static FileWorkbenchStore open(Path folder, StoreLimits limits, Clock clock) throws IOException {
        Path dir = AtomicFiles.createDirectories(folder);
        FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException(dir + ": the store is in use by another cityeval process (it holds " + dir.resolve(".lock")
                    + "); give each server its own -D" + FOLDER);
        }
        FileWorkbenchStore store = new FileWorkbenchStore(dir, limits, clock, ch, lock);
        try {
            store.load();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void load() throws IOException {
        Path marker = folder.resolve("store.json");
        if (Files.exists(marker)) {
            JsonNode m = readJson(marker);
            if (m == null || m.path("format").asInt(-1) != FORMAT) {
                throw new IOException(marker + ": not a cityeval store of format " + FORMAT);
            }
        } else {
            AtomicFiles.write(marker, ("{\"format\": " + FORMAT + "}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String sub : List.of("datasets", "results", "workspaces")) {
            AtomicFiles.createDirectories(folder.resolve(sub));
            AtomicFiles.removeTemporaries(folder.resolve(sub));
        }
        List<StoredDataset> found = new ArrayList<>();
        for (Path p : list(folder.resolve("datasets"), ".json")) {
            StoredDataset d = readDataset(p);
            if (d != null) {
                found.add(d);
            }
        }
        found.sort(Comparator.comparing(StoredDataset::created).thenComparing(StoredDataset::token));
        found.forEach(d -> datasets.put(d.token(), d));
        for (Path p : list(folder.resolve("datasets"), ".data")) {
            String token = base(p, ".data");
            if (ID.matcher(token).matches() && !Files.exists(folder.resolve("datasets/" + token + ".json"))) {
                AtomicFiles.delete(p); // the upload in progress when the process stopped: never acknowledged
            }
        }
        List<StoredResult> saved = new ArrayList<>();
        for (Path p : list(folder.resolve("results"), ".json")) {
            StoredResult r = readResult(p);
            if (r != null) {
                saved.add(r);
            }
        }
        saved.sort(Comparator.comparing(StoredResult::saved).thenComparing(StoredResult::id));
        saved.forEach(r -> results.put(r.id(), r));
        for (Path p : list(folder.resolve("workspaces"), ".json")) {
            Workspace w = readWorkspace(p);
            if (w != null) {
                workspaces.put(w.name(), w);
            }
        }
    }

    @Override
    public synchronized Status status() {
        expire();
        return new Status(folder != null, folder == null ? null : folder.toString(), limits.describe(folder != null),
                datasets.size(), datasetBytes(), results.size(), workspaces.size(), unreadable);
    }

    // ---- datasets

    @Override
    public synchronized StoredDataset putDataset(String name, byte[] content, Map<String, Object> summary)
            throws IOException {
        String n = text("name", name, 255);
        if (n == null || n.contains("/") || n.contains("\\")) {
            throw new IllegalArgumentException("an upload's name is a file name without folders, not " + quote(name));
        }
        Objects.requireNonNull(content, "content");
        if (content.length > limits.maxDatasetBytes()) {
            throw new IllegalStateException("the file (" + content.length + " bytes) is larger than the store keeps ("
                    + limits.maxDatasetBytes() + " bytes)");
        }
        expire();
        makeRoom(content.length);
        String token = randomId();
        StoredDataset d = new StoredDataset(token, n, content.length, sha256(content), now(),
                summary == null ? Map.of() : summary);
        if (folder != null) {
            Path data = folder.resolve("datasets/" + token + ".data");
            try {
                AtomicFiles.write(data, content);
                AtomicFiles.write(folder.resolve("datasets/" + token + ".json"), JSON.writeValueAsBytes(datasetJson(d)));
            } catch (IOException | RuntimeException e) {
                deleteQuietly(folder.resolve("datasets/" + token + ".json"));
                deleteQuietly(data);
                throw e;
            }
        } else {
            memoryContent.put(token, content.clone());
        }
        datasets.put(token, d);
        return d;
    }

    @Override
    public synchronized Optional<StoredDataset> dataset(String token) {
        expire();
        if (token == null || !ID.matcher(token).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(datasets.get(token));
    }

    @Override
    public synchronized Optional<byte[]> datasetContent(String token) throws IOException {
        Optional<StoredDataset> d = dataset(token);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        if (folder == null) {
            return Optional.of(memoryContent.get(token).clone());
        }
        Path file = folder.resolve("datasets/" + token + ".data");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": missing (the store's folder was changed by hand?)");
        }
        if (bytes.length != d.get().size() || !sha256(bytes).equals(d.get().sha256())) {
            throw new IOException(file + ": its content does not match the SHA-256 recorded at upload");
        }
        return Optional.of(bytes);
    }

    @Override
    public synchronized List<StoredDataset> datasets() {
        expire();
        List<StoredDataset> out = new ArrayList<>(datasets.values());
        out.sort(Comparator.comparing(StoredDataset::created).thenComparing(StoredDataset::token));
        return out;
    }

    /** Drops uploads past their time, except those a workspace names. */
    private void expire() {
        if (limits.datasetTtl() == null) {
            return;
        }
        Instant oldest = clock.instant().minus(limits.datasetTtl());
        Set<String> named = named();
        for (StoredDataset d : List.copyOf(datasets.values())) {
            if (!Instant.parse(d.created()).isAfter(oldest) && !named.contains(d.token())) {
                dropDataset(d.token());
            }
        }
    }

    /** Drops the least recently used uploads no workspace names until one of {@code bytes} fits. */
    private void makeRoom(long bytes) {
        Set<String> named = named();
        Iterator<StoredDataset> lru = List.copyOf(datasets.values()).iterator();
        while (datasets.size() + 1 > limits.maxDatasets() || datasetBytes() + bytes > limits.maxDatasetBytes()) {
            StoredDataset victim = null;
            while (lru.hasNext() && victim == null) {
                StoredDataset d = lru.next();
                victim = named.contains(d.token()) ? null : d;
            }
            if (victim == null) {
                throw new IllegalStateException("the store is full: " + datasets.size() + " uploads, " + datasetBytes()
                        + " bytes, all named by workspaces; delete a workspace or raise the limits");
            }
            dropDataset(victim.token());
        }
    }

    private void dropDataset(String token) {
        datasets.remove(token);
        memoryContent.remove(token);
        if (folder != null) {
            // description first: a crash in between leaves a .data alone, which the next open removes
            deleteQuietly(folder.resolve("datasets/" + token + ".json"));
            deleteQuietly(folder.resolve("datasets/" + token + ".data"));
        }
    }

    private Set<String> named() {
        Set<String> out = new java.util.HashSet<>();
        for (Workspace w : workspaces.values()) {
            if (w.dataset() != null) {
                out.add(w.dataset());
            }
        }
        return out;
    }

    private long datasetBytes() {
        return datasets.values().stream().mapToLong(StoredDataset::size).sum();
    }

    private static ObjectNode datasetJson(StoredDataset d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("token", d.token());
        o.put("name", d.name());
        o.put("size", d.size());
        o.put("sha256", d.sha256());
        o.put("created", d.created());
        o.set("summary", JSON.valueToTree(d.summary()));
        return o;
    }

    private StoredDataset readDataset(Path p) {
        JsonNode o = readJson(p);
        if (o == null) {
            return null; // already listed as unreadable
        }
        try {
            String token = base(p, ".json");
            if (o == null || !token.equals(o.path("token").asText()) || !ID.matcher(token).matches()) {
                throw new IllegalArgumentException("not an upload's description");
            }
            Path data = folder.resolve("datasets/" + token + ".data");
            long size = o.path("size").asLong(-1);
            if (!Files.isRegularFile(data) || Files.size(data) != size) {
                throw new IllegalArgumentException("its file " + data.getFileName() + " is missing or not " + size
                        + " bytes");
            }
            Map<String, Object> summary = JSON.convertValue(o.path("summary"), new TypeReference<Map<String, Object>>() {
            });
            return new StoredDataset(token, required(o, "name"), size, required(o, "sha256"),
                    time(required(o, "created")), summary == null ? Map.of() : summary);
        } catch (IOException | RuntimeException e) {
            unreadable(p, e);
            return null;
        }
    }

    // ---- results

    @Override
    public synchronized StoredResult putResult(String model, String title, byte[] json) throws IOException {
        Objects.requireNonNull(json, "json");
        JsonNode value;
        try {
            value = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the result is not JSON: " + e.getOriginalMessage());
        }
        if (value == null || value.isMissingNode()) {
            throw new IllegalArgumentException("the result is empty");
        }
        byte[] canonical = JSON.writeValueAsBytes(value);
        StoredResult r = new StoredResult(randomId(), text("model", model, 200), text("title", title, 500), now(),
                canonical.length, sha256(canonical));
        while (results.size() + 1 > limits.maxResults()) {
            String oldest = results.keySet().iterator().next();
            results.remove(oldest);
            memoryResults.remove(oldest);
            if (folder != null) {
                deleteQuietly(folder.resolve("results/" + oldest + ".json"));
            }
        }
        if (folder != null) {
            ObjectNode o = JSON.createObjectNode();
            o.put("format", FORMAT);
            o.put("id", r.id());
            o.put("model", r.model());
            o.put("title", r.title());
            o.put("saved", r.saved());
            o.put("sha256", r.sha256());
            o.set("result", value);
            AtomicFiles.write(folder.resolve("results/" + r.id() + ".json"), JSON.writeValueAsBytes(o));
        } else {
            memoryResults.put(r.id(), canonical);
        }
        results.put(r.id(), r);
        return r;
    }

    @Override
    public synchronized Optional<StoredResult> result(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(results.get(id));
    }

    @Override
    public synchronized Optional<byte[]> resultJson(String id) throws IOException {
        Optional<StoredResult> r = result(id);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        if (folder == null) {
            return Optional.of(memoryResults.get(id).clone());
        }
        Path file = folder.resolve("results/" + id + ".json");
        JsonNode o;
        try {
            o = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": missing (the store's folder was changed by hand?)");
        }
        byte[] canonical = JSON.writeValueAsBytes(o.get("result"));
        if (!sha256(canonical).equals(r.get().sha256())) {
            throw new IOException(file + ": $.result does not match the SHA-256 recorded when it was saved");
        }
        return Optional.of(canonical);
    }

    @Override
    public synchronized List<StoredResult> results() {
        return List.copyOf(results.values());
    }

    private StoredResult readResult(Path p) {
        JsonNode o = readJson(p);
        if (o == null) {
            return null; // already listed as unreadable
        }
        try {
            String id = base(p, ".json");
            if (o == null || !id.equals(o.path("id").asText()) || !ID.matcher(id).matches() || !o.has("result")) {
                throw new IllegalArgumentException("not a saved result");
            }
            byte[] canonical = JSON.writeValueAsBytes(o.get("result"));
            String sha = required(o, "sha256");
            if (!sha256(canonical).equals(sha)) {
                throw new IllegalArgumentException("$.result does not match $.sha256");
            }
            return new StoredResult(id, o.path("model").isTextual() ? o.get("model").asText() : null,
                    o.path("title").isTextual() ? o.get("title").asText() : null, time(required(o, "saved")),
                    canonical.length, sha);
        } catch (IOException | RuntimeException e) {
            unreadable(p, e);
            return null;
        }
    }

    // ---- workspaces

    @Override
    public synchronized Workspace putWorkspace(Workspace workspace) throws IOException {
        Workspace w = check(workspace).withUpdated(now());
        if (!workspaces.containsKey(w.name()) && workspaces.size() >= limits.maxWorkspaces()) {
            throw new IllegalStateException("the store keeps " + limits.maxWorkspaces()
                    + " workspaces at most; delete one first");
        }
        if (folder != null) {
            AtomicFiles.write(folder.resolve("workspaces/" + w.name() + ".json"), JSON.writeValueAsBytes(workspaceJson(w)));
        }
        workspaces.put(w.name(), w);
        return w;
    }

    @Override
    public synchronized Optional<Workspace> workspace(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(workspaces.get(name));
    }

    @Override
    public synchronized List<Workspace> workspaces() {
        return List.copyOf(workspaces.values());
    }

    @Override
    public synchronized boolean deleteWorkspace(String name) throws IOException {
        if (workspace(name).isEmpty()) {
            return false;
        }
        if (folder != null) {
            AtomicFiles.delete(folder.resolve("workspaces/" + name + ".json"));
        }
        workspaces.remove(name);
        return true;
    }

    /**
     * @throws IllegalArgumentException naming the field
     */
    static Workspace check(Workspace w) {
        if (w == null) {
            throw new IllegalArgumentException("no workspace");
        }
        if (w.name() == null || !NAME.matcher(w.name()).matches()) {
            throw new IllegalArgumentException("name " + quote(w.name()) + ": 1 to 64 of A-Z a-z 0-9 . _ -, starting "
                    + "with a letter or digit");
        }
        text("title", w.title(), 500);
        text("notes", w.notes(), MAX_TEXT);
        if (w.dataset() != null && !ID.matcher(w.dataset()).matches()) {
            throw new IllegalArgumentException("dataset " + quote(w.dataset()) + ": an upload's token (32 hex digits)");
        }
        if (w.models().size() > 50) {
            throw new IllegalArgumentException("models: at most 50");
        }
        for (String m : w.models()) {
            if (m == null || !m.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                throw new IllegalArgumentException("models: " + quote(m) + " is not a model id");
            }
        }
        if (w.year() != null && (w.year() < 1000 || w.year() > 9999)) {
            throw new IllegalArgumentException("year " + w.year() + ": four digits");
        }
        text("missing", w.missing(), 100);
        text("years", w.years(), 100);
        if (w.normalise() != null && !w.normalise().equals("year") && !w.normalise().equals("panel")) {
            throw new IllegalArgumentException("normalise " + quote(w.normalise()) + ": year or panel");
        }
        if (w.normalise() != null && w.years() == null) {
            throw new IllegalArgumentException("normalise: only with years (a panel of several years)");
        }
        if (w.years() != null && w.year() != null) {
            throw new IllegalArgumentException("year and years: one year, or a panel of several, not both");
        }
        return w;
    }

    private static ObjectNode workspaceJson(Workspace w) {
        ObjectNode o = JSON.valueToTree(w);
        o.put("format", FORMAT);
        return o;
    }

    private Workspace readWorkspace(Path p) {
        JsonNode o = readJson(p);
        if (o == null) {
            return null; // already listed as unreadable
        }
        try {
            if (!(o instanceof ObjectNode obj)) {
                throw new IllegalArgumentException("not a workspace");
            }
            ObjectNode copy = obj.deepCopy();
            copy.remove("format");
            Workspace w = check(JSON.treeToValue(copy, Workspace.class));
            if (!w.name().equals(base(p, ".json"))) {
                throw new IllegalArgumentException("$.name " + quote(w.name()) + " is not the file's name");
            }
            return w.withUpdated(time(w.updated()));
        } catch (IOException | RuntimeException e) {
            unreadable(p, e);
            return null;
        }
    }

    // ---- helpers

    /** Closes the store and releases its folder for another process. */
    @Override
    public synchronized void close() throws IOException {
        if (lockChannel != null) {
            try {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
            } finally {
                lockChannel.close();
            }
        }
    }

    private JsonNode readJson(Path p) {
        try {
            return JSON.readTree(Files.readAllBytes(p));
        } catch (IOException e) {
            unreadable(p, e);
            return null;
        }
    }

    private void unreadable(Path p, Exception e) {
        String entry = p + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines()
                .findFirst().orElse(""));
        if (!unreadable.contains(entry)) {
            unreadable.add(entry);
        }
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().endsWith(suffix) && !AtomicFiles.isTemporary(p)
                        && !p.getFileName().toString().startsWith("."))) {
            s.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private static String base(Path p, String suffix) {
        String n = p.getFileName().toString();
        return n.substring(0, n.length() - suffix.length());
    }

    private static String required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("$." + field + ": expected a string");
        }
        return v.asText();
    }

    private static String time(String iso) {
        try {
            return Instant.parse(iso).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 time: " + quote(iso));
        }
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private String randomId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
    }

    /** @return the text, or {@code null}; refuses control characters (but line breaks in notes) and overlong text */
    private static String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new IllegalArgumentException(field + ": control characters are not allowed");
        }
        return value;
    }

    private static void deleteQuietly(Path p) {
        try {
            AtomicFiles.delete(p);
        } catch (IOException ignored) {
            // left for the next open to find: an upload's .data without description is removed then
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder("'");
        t.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.append('\'').toString();
    }
}
