package org.cityeval.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Replaces a file all at once: readers see the old content or the new one, never a mix, and once
 * {@link #write(Path, byte[])} returns the new content survives a crash of the process and, as far as the
 * file system keeps its promises, a power loss.
 * <p>
 * How: the content goes to a hidden temporary file in the target's folder ({@code .NAME.RANDOM.tmp}), which is
 * forced to the device ({@link FileChannel#force(boolean) fsync}) and closed, then renamed over the target
 * ({@link StandardCopyOption#ATOMIC_MOVE}, POSIX {@code rename(2)}), and finally the folder itself is forced so
 * that the rename is on the device too. A file system that refuses to sync a folder (some network and Windows
 * file systems) is tolerated: the rename is still atomic, only its durability across a power loss is then up
 * to the file system. On any failure the temporary file is deleted and the target is left as it was.
 * <p>
 * Readers of a folder written this way skip names for which {@link #isTemporary(Path)} holds; a program that
 * owns a folder calls {@link #removeTemporaries(Path)} when it opens it, to clear what a crash left behind.
 */
public final class AtomicFiles {
    /** Writes a file's content to a stream; the stream is closed by the caller, not by the writer. */
    @FunctionalInterface
    public interface ContentWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Forces a folder to the device; replaceable in tests. */
    @FunctionalInterface
    interface FolderSync {
        void sync(Path folder) throws IOException;
    }

    private static final String SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final FolderSync FORCE = AtomicFiles::forceFolder;

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) {@code target} with {@code bytes}, atomically and durably.
     *
     * @throws java.nio.file.NoSuchFileException when the target's folder does not exist
     * @throws IOException                       when the file cannot be written; the old file is then untouched
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /** Replaces (or creates) {@code target} with what {@code content} writes, atomically and durably. */
    public static void write(Path target, ContentWriter content) throws IOException {
        write(target, content, FORCE);
    }

    static void write(Path target, ContentWriter content, FolderSync folderSync) throws IOException {
        Objects.requireNonNull(content, "content");
        Path file = target.toAbsolutePath();
        Path folder = file.getParent();
        if (folder == null || file.getFileName() == null) {
            throw new IOException(target + ": not a file path");
        }
        Path tmp = folder.resolve(temporaryName(file.getFileName().toString()));
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
                content.write(new NonClosing(out));
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the name is hidden and recognised as temporary: the owner's next removeTemporaries clears it
                }
            }
        }
        syncQuietly(folder, folderSync);
    }

    /**
     * Deletes a file and forces its folder, so that the deletion too survives a power loss.
     *
     * @return whether there was a file
     */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted && file.toAbsolutePath().getParent() != null) {
            syncQuietly(file.toAbsolutePath().getParent(), FORCE);
        }
        return deleted;
    }

    /**
     * Creates a folder and its missing parents, forcing each parent whose entries changed.
     *
     * @return the folder
     */
    public static Path createDirectories(Path folder) throws IOException {
        Path dir = folder.toAbsolutePath();
        List<Path> created = new ArrayList<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            created.add(0, p);
        }
        Files.createDirectories(dir);
        for (Path p : created) {
            if (p.getParent() != null) {
                syncQuietly(p.getParent(), FORCE);
            }
        }
        return dir;
    }

    /**
     * Forces a folder's entries (files created, renamed or deleted in it) to the device; a file system that
     * refuses is tolerated, as in {@link #write(Path, byte[])}.
     */
    public static void syncFolder(Path folder) {
        syncQuietly(folder.toAbsolutePath(), FORCE);
    }

    /** @return whether the name is one of this class's temporary files ({@code .NAME.RANDOM.tmp}) */
    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString();
        return n.startsWith(".") && n.endsWith(SUFFIX) && n.length() > 1 + 17 + SUFFIX.length()
                && n.charAt(n.length() - SUFFIX.length() - 17) == '.'
                && n.substring(n.length() - SUFFIX.length() - 16, n.length() - SUFFIX.length()).matches("[0-9a-f]{16}");
    }

    /**
     * Deletes the temporary files a crash left in a folder (not in its subfolders). Call it only on a folder the
     * program owns and while nothing else writes to it.
     *
     * @return the files deleted
     */
    public static List<Path> removeTemporaries(Path folder) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, AtomicFiles::isTemporary)) {
            for (Path p : files) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            }
        }
        if (!removed.isEmpty()) {
            syncQuietly(folder, FORCE);
        }
        return removed;
    }

    /** A temporary name as {@link #write} makes them, for tests that simulate a crash. */
    public static String temporaryNameForTest(String fileName) {
        return temporaryName(fileName);
    }

    static String temporaryName(String fileName) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return "." + fileName + "." + HexFormat.of().formatHex(r) + SUFFIX;
    }

    /** Opens the folder read-only and forces it: on Linux this is fsync(2) on the directory. */
    static void forceFolder(Path folder) throws IOException {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void syncQuietly(Path folder, FolderSync sync) {
        try {
            sync.sync(folder);
        } catch (IOException | UnsupportedOperationException e) {
            // the file system will not sync a folder: the rename is atomic all the same
        }
    }

    /** Keeps the content writer from closing the channel before it is forced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
