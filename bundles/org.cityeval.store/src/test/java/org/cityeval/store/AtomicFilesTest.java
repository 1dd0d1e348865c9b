package org.cityeval.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
        assertEquals("one", Files.readString(f));
        AtomicFiles.write(f, out -> out.write("two, longer".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two, longer", Files.readString(f));
        assertEquals(List.of(f), listing(), "no temporary file left");
    }

    @Test
    void aFailureHalfWayLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("a.json");
        AtomicFiles.write(f, "old".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]); // more than the buffer: part of it reached the temporary file
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listing());
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listing());
    }

    @Test
    void aFailedRenameLeavesTheTargetAndNoTemporary() throws IOException {
        Path target = dir.resolve("busy");
        Files.createDirectories(target.resolve("child")); // a non-empty folder cannot be replaced by a file
        assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] { 1 }));
        assertTrue(Files.isDirectory(target.resolve("child")));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aMissingFolderIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(dir.resolve("no/such/a.json"), new byte[0]));
    }

    @Test
    void aFolderThatCannotBeSyncedIsTolerated() throws IOException {
        Path f = dir.resolve("a.bin");
        AtomicInteger calls = new AtomicInteger();
        AtomicFiles.write(f, out -> out.write(new byte[] { 7, 8 }), folder -> {
            calls.incrementAndGet();
            assertEquals(dir.toAbsolutePath(), folder);
            throw new IOException("Invalid argument (fsync on a directory)");
        });
        assertEquals(1, calls.get());
        assertArrayEquals(new byte[] { 7, 8 }, Files.readAllBytes(f));
        AtomicFiles.write(f, out -> out.write(9), folder -> {
            throw new UnsupportedOperationException();
        });
        assertArrayEquals(new byte[] { 9 }, Files.readAllBytes(f));
    }

    @Test
    void theRealFolderSyncWorksHere() throws IOException {
        AtomicFiles.forceFolder(dir); // Linux: fsync on a directory opened read-only is allowed
    }

    @Test
    void temporaryNamesAreRecognisedAndRemoved() throws IOException {
        String tmp = AtomicFiles.temporaryName("w.json");
        assertTrue(tmp.startsWith(".w.json."), tmp);
        assertTrue(AtomicFiles.isTemporary(Path.of(tmp)), tmp);
        assertFalse(AtomicFiles.isTemporary(Path.of("w.json")));
        assertFalse(AtomicFiles.isTemporary(Path.of(".hidden.tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of(".w.json.0123456789abcdeg.tmp")));
        Files.writeString(dir.resolve(tmp), "half");
        Files.writeString(dir.resolve("w.json"), "kept");
        Files.writeString(dir.resolve(".keep.tmp"), "not ours");
        assertEquals(List.of(dir.resolve(tmp)), AtomicFiles.removeTemporaries(dir));
        assertEquals(List.of(dir.resolve(".keep.tmp"), dir.resolve("w.json")), listing());
        assertEquals(List.of(), AtomicFiles.removeTemporaries(dir.resolve("absent")));
    }

    @Test
    void deletesAndCreatesFolders() throws IOException {
        Path sub = AtomicFiles.createDirectories(dir.resolve("x/y"));
        assertTrue(Files.isDirectory(sub));
        Path f = sub.resolve("f");
        AtomicFiles.write(f, new byte[] { 1 });
        assertTrue(AtomicFiles.delete(f));
        assertFalse(AtomicFiles.delete(f));
    }
}
