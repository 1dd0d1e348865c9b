package org.cityeval.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.cityeval.api.service.WorkbenchStore.StoredDataset;
import org.cityeval.api.service.Workspace;
import org.cityeval.store.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWorkbenchStoreTest {
    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-05-01T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final MutableClock clock = new MutableClock();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Workspace ws(String name, String dataset) {
        return new Workspace(name, "T", "notes\nline 2", dataset, List.of("guomai-psdf-2024"), 2023, "mean", null);
    }

    @Test
    void everythingSurvivesAReopen() throws IOException {
        StoredDataset d;
        String resultId;
        Workspace saved;
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            d = s.putDataset("cities.csv", bytes("adcode,a\n110000,1\n"), Map.of("cities", 1, "columns", List.of("a")));
            resultId = s.putResult("m1", "first", bytes("{\"cities\": [1, 2.5]}")).id();
            saved = s.putWorkspace(ws("study-1", d.token()));
            assertEquals("2026-05-01T08:00:00Z", saved.updated());
            assertTrue(s.status().persistent());
        }
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            assertEquals(d, s.dataset(d.token()).orElseThrow());
            assertArrayEquals(bytes("adcode,a\n110000,1\n"), s.datasetContent(d.token()).orElseThrow());
            assertEquals("{\"cities\":[1,2.5]}", new String(s.resultJson(resultId).orElseThrow(), StandardCharsets.UTF_8));
            assertEquals("m1", s.result(resultId).orElseThrow().model());
            assertEquals(saved, s.workspace("study-1").orElseThrow());
            assertEquals(List.of(), s.status().unreadable());
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameFolder() throws IOException {
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            IOException e = assertThrows(IOException.class, () -> FileWorkbenchStore.open(dir, StoreLimits.DISK, clock));
            assertTrue(e.getMessage().contains("in use by another cityeval process"), e.getMessage());
        }
        FileWorkbenchStore.open(dir, StoreLimits.DISK, clock).close();
    }

    @Test
    void openingRemovesWhatACrashLeft() throws IOException {
        String token;
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            token = s.putDataset("a.csv", bytes("x"), Map.of()).token();
        }
        Path tmp = dir.resolve("workspaces/" + AtomicFiles.temporaryNameForTest("w.json"));
        Files.writeString(tmp, "{\"name\": \"w\", \"mode");
        Path orphan = dir.resolve("datasets/0123456789abcdef0123456789abcdef.data");
        Files.writeString(orphan, "an upload whose description was never written");
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            assertFalse(Files.exists(tmp));
            assertFalse(Files.exists(orphan));
            assertEquals(1, s.datasets().size());
            assertTrue(s.dataset(token).isPresent());
            assertEquals(List.of(), s.workspaces());
        }
    }

    @Test
    void unreadableFilesAreSkippedAndReported() throws IOException {
        FileWorkbenchStore.open(dir, StoreLimits.DISK, clock).close();
        Files.writeString(dir.resolve("workspaces/bad.json"), "{\"name\": \"bad\", ");
        Files.writeString(dir.resolve("workspaces/other.json"), "{\"name\": \"not-other\"}");
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            assertEquals(List.of(), s.workspaces());
            List<String> u = s.status().unreadable();
            assertEquals(2, u.size(), u.toString());
            assertTrue(u.get(0).contains("bad.json"), u.toString());
            assertTrue(u.get(1).contains("not the file's name"), u.toString());
        }
    }

    @Test
    void anAlteredUploadOrResultIsRefusedOnRead() throws IOException {
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            String token = s.putDataset("a.csv", bytes("abc"), Map.of()).token();
            Files.writeString(dir.resolve("datasets/" + token + ".data"), "abd");
            IOException e = assertThrows(IOException.class, () -> s.datasetContent(token));
            assertTrue(e.getMessage().contains("does not match the SHA-256"), e.getMessage());
        }
    }

    @Test
    void namesAndIdsCannotEscapeTheFolder() throws IOException {
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            for (String bad : List.of("../x", "a/b", ".hidden", "", "a\\b", "x".repeat(65), "a b", "..")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.putWorkspace(ws(bad, null)),
                        bad);
                assertTrue(e.getMessage().startsWith("name "), e.getMessage());
                assertTrue(s.workspace(bad).isEmpty());
            }
            assertThrows(IllegalArgumentException.class, () -> s.putWorkspace(ws("ok", "../../etc/passwd")));
            assertThrows(IllegalArgumentException.class, () -> s.putDataset("../up.csv", bytes("x"), Map.of()));
            assertTrue(s.dataset("../" + "0".repeat(32)).isEmpty());
            assertTrue(s.result("../x").isEmpty());
            assertThrows(IllegalArgumentException.class, () -> s.putResult("m", null, bytes("{not json")));
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".lock", "datasets", "results", "store.json", "workspaces"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aPanelStudysWorkspaceKeepsItsYearsAndNormalisationAndOlderFilesStillRead() throws IOException {
        Workspace panel = new Workspace("panel-1", "Panel", null, null, List.of("ccid-digital-city-2020"), null,
                "renormalise,interpolate", null, "2019-2023", "panel");
        Workspace saved;
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            saved = s.putWorkspace(panel);
            assertEquals("2019-2023", saved.years());
            assertEquals("panel", saved.normalise());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.putWorkspace(
                    new Workspace("p2", null, null, null, null, null, null, null, "2019-2023", "global")));
            assertTrue(e.getMessage().startsWith("normalise 'global'") || e.getMessage().startsWith("normalise \"global\""),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> s.putWorkspace(
                    new Workspace("p3", null, null, null, null, 2021, null, null, "all", null)));
            assertTrue(e.getMessage().contains("not both"), e.getMessage());
        }
        // a workspace file written before panels (no years, no normalise) reads as a one-year study
        Files.writeString(dir.resolve("workspaces/old.json"), "{\"name\":\"old\",\"title\":null,\"notes\":null,"
                + "\"dataset\":null,\"models\":[\"m\"],\"year\":2022,\"missing\":\"mean\","
                + "\"updated\":\"2026-05-01T07:00:00Z\",\"format\":1}");
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            assertEquals(saved, s.workspace("panel-1").orElseThrow());
            Workspace old = s.workspace("old").orElseThrow();
            assertEquals(2022, old.year());
            assertEquals(null, old.years());
            assertEquals(List.of(), s.status().unreadable());
        }
    }

    @Test
    void workspacesAreReplacedAndDeleted() throws IOException {
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, StoreLimits.DISK, clock)) {
            s.putWorkspace(ws("w", null));
            clock.advance(Duration.ofMinutes(5));
            Workspace second = s.putWorkspace(new Workspace("w", "Second", null, null, null, null, null, "ignored"));
            assertEquals("2026-05-01T08:05:00Z", second.updated());
            assertEquals(List.of(second), s.workspaces());
            assertTrue(s.deleteWorkspace("w"));
            assertFalse(s.deleteWorkspace("w"));
            assertFalse(Files.exists(dir.resolve("workspaces/w.json")));
        }
    }

    // the in-memory policy is the web API's former one for uploads: the latest 20 (here 3), an hour each

    @Test
    void inMemoryTokensAreRandomAndWellFormed() throws IOException {
        FileWorkbenchStore s = FileWorkbenchStore.inMemory(StoreLimits.MEMORY, clock);
        String a = s.putDataset("x.csv", bytes("1"), Map.of()).token();
        String b = s.putDataset("x.csv", bytes("1"), Map.of()).token();
        assertNotEquals(a, b);
        assertTrue(FileWorkbenchStore.ID.matcher(a).matches(), a);
        assertTrue(s.dataset(a).isPresent());
        assertTrue(s.dataset(null).isEmpty());
        assertFalse(s.status().persistent());
        assertNull(s.status().folder());
        assertTrue(s.status().retention().startsWith("in memory only"), s.status().retention());
    }

    @Test
    void evictsTheLeastRecentlyUsedUploadButNotOneAWorkspaceNames() throws IOException {
        FileWorkbenchStore s = FileWorkbenchStore.open(dir, new StoreLimits(3, 1000, Duration.ofHours(1), 10, 10), clock);
        String first = s.putDataset("1.csv", bytes("1"), Map.of()).token();
        String second = s.putDataset("2.csv", bytes("2"), Map.of()).token();
        String third = s.putDataset("3.csv", bytes("3"), Map.of()).token();
        assertTrue(s.dataset(first).isPresent()); // used: now second is the least recent
        String fourth = s.putDataset("4.csv", bytes("4"), Map.of()).token();
        assertEquals(3, s.datasets().size());
        assertTrue(s.dataset(second).isEmpty());
        assertFalse(Files.exists(dir.resolve("datasets/" + second + ".data")));
        assertTrue(s.dataset(first).isPresent());
        s.putWorkspace(ws("keep", third)); // third is now the least recent, but named
        String fifth = s.putDataset("5.csv", bytes("5"), Map.of()).token();
        assertTrue(s.dataset(third).isPresent());
        assertTrue(s.dataset(fourth).isEmpty());
        assertTrue(s.dataset(fifth).isPresent());
        s.close();
    }

    @Test
    void totalSizeIsCappedAndAFullStoreRefuses() throws IOException {
        FileWorkbenchStore s = FileWorkbenchStore.inMemory(new StoreLimits(10, 10, null, 10, 1), clock);
        String a = s.putDataset("a.csv", new byte[6], Map.of()).token();
        String b = s.putDataset("b.csv", new byte[6], Map.of()).token();
        assertTrue(s.dataset(a).isEmpty());
        s.putWorkspace(ws("w", b));
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> s.putDataset("c.csv", new byte[6], Map.of()));
        assertTrue(full.getMessage().contains("the store is full"), full.getMessage());
        assertThrows(IllegalStateException.class, () -> s.putDataset("d.csv", new byte[11], Map.of()));
        assertThrows(IllegalStateException.class, () -> s.putWorkspace(ws("w2", null)), "workspaces are never dropped");
        s.putWorkspace(ws("w", null)); // replacing is fine
    }

    @Test
    void forgetsUploadsAfterAnHour() throws IOException {
        FileWorkbenchStore s = FileWorkbenchStore.inMemory(new StoreLimits(3, 1000, Duration.ofHours(1), 10, 10), clock);
        String old = s.putDataset("old.csv", bytes("o"), Map.of()).token();
        clock.advance(Duration.ofMinutes(59));
        String young = s.putDataset("young.csv", bytes("y"), Map.of()).token();
        assertTrue(s.dataset(old).isPresent(), "use does not extend the hour");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(s.dataset(old).isEmpty());
        assertTrue(s.dataset(young).isPresent());
        clock.advance(Duration.ofHours(1));
        assertEquals(0, s.status().datasets());
    }

    @Test
    void theOldestResultGoesAtTheLimit() throws IOException {
        try (FileWorkbenchStore s = FileWorkbenchStore.open(dir, new StoreLimits(3, 1000, null, 2, 10), clock)) {
            String r1 = s.putResult("m", null, bytes("1")).id();
            clock.advance(Duration.ofSeconds(1));
            String r2 = s.putResult("m", null, bytes("2")).id();
            clock.advance(Duration.ofSeconds(1));
            String r3 = s.putResult("m", null, bytes("3")).id();
            assertEquals(List.of(r2, r3), s.results().stream().map(r -> r.id()).toList());
            assertFalse(Files.exists(dir.resolve("results/" + r1 + ".json")));
        }
    }

    @Test
    void theFolderComesFromTheProperty() {
        assertEquals(Path.of("/srv/store"), StoreComponent.folder(Map.of("cityeval.store", "/srv/store", "cityeval.home", "/opt")::get));
        assertEquals(Path.of("/opt/cityeval/store"), StoreComponent.folder(Map.of("cityeval.home", "/opt/cityeval")::get));
        assertNull(StoreComponent.folder(Map.<String, String>of()::get));
    }
}
