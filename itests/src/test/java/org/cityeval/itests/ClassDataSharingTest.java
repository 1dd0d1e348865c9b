package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data sharing ({@code bin/cityeval}, docs/cli.md): the first one-shot command writes an archive into
 * {@code CITYEVAL_CDS_DIR}, later commands map it, and the command's behaviour is the same with it, without it
 * ({@code CITYEVAL_CDS=off}) and with a broken or unusable archive: the same standard output, the same (empty)
 * standard error, the same exit code.
 */
class ClassDataSharingTest {
    static final String[] REPRODUCE = { "reproduce", "guomai-psdf-2024", "--format", "json" };

    @TempDir
    Path work;

    @Test
    void outputIsTheSameWithAndWithoutTheArchive() throws Exception {
        Path cds = work.resolve("cds");
        Dist.Run without = run(Map.of("CITYEVAL_CDS", "off", "CITYEVAL_CDS_DIR", cds.toString()), REPRODUCE);
        assertEquals(0, without.exit(), without.err());
        assertFalse(Files.exists(cds), "CITYEVAL_CDS=off writes no archive");

        Dist.Run first = run(Map.of("CITYEVAL_CDS_DIR", cds.toString()), REPRODUCE);
        same(without, first, "the first run, which writes the archive");
        List<Path> files = files(cds);
        assertEquals(1, files.size(), "one archive and no temporary file: " + files);
        assertTrue(files.get(0).getFileName().toString().matches("cityeval-[0-9]+-[0-9]+\\.jsa"), files.toString());

        // the archive is used: classes of the launcher and Felix come from it
        Path classes = work.resolve("classes.log");
        Dist.Run shared = run(Map.of("CITYEVAL_CDS_DIR", cds.toString(), "CITYEVAL_JAVA_OPTS",
                "-Xlog:class+load:file=" + classes), REPRODUCE);
        same(without, shared, "a run with the archive");
        String log = Files.readString(classes);
        assertTrue(log.lines().anyMatch(l -> l.contains("org.apache.felix.framework.Felix ")
                && l.contains("shared objects file (top)")), "Felix's classes come from the archive");
        assertEquals(files, files(cds), "a run with an archive writes none");

        // the same for another command, whose output is a table
        same(run(Map.of("CITYEVAL_CDS", "off"), "models"), run(Map.of("CITYEVAL_CDS_DIR", cds.toString()), "models"),
                "models");
    }

    /**
     * Only a one-shot command writes the archive ({@code serve} and {@code shell} may run for days: no archive at
     * their exit); {@code CITYEVAL_CDS=new} writes it again, in place of the old one.
     */
    @Test
    void longRunningCommandsWriteNoArchiveAndNewReplacesIt() throws Exception {
        Path cds = work.resolve("cds");
        Dist.Run help = run(Map.of("CITYEVAL_CDS_DIR", cds.toString()), "serve", "--help");
        assertEquals(0, help.exit(), help.err());
        assertFalse(Files.exists(cds) && !files(cds).isEmpty(), "serve wrote an archive");

        same(run(Map.of("CITYEVAL_CDS", "off"), "models"), run(Map.of("CITYEVAL_CDS_DIR", cds.toString()), "models"),
                "models, writing the archive");
        Path archive = files(cds).get(0);
        Object before = Files.readAttributes(archive, BasicFileAttributes.class).fileKey();
        // cityeval-<this folder>-<java and jars>.jsa: one left by an earlier build of this folder goes, another
        // folder's stays
        String name = archive.getFileName().toString();
        Path earlierBuild = Files.writeString(cds.resolve(name.substring(0, name.lastIndexOf('-')) + "-1.jsa"), "x");
        Path otherFolder = Files.writeString(cds.resolve("cityeval-1-1.jsa"), "x");
        Dist.Run again = run(Map.of("CITYEVAL_CDS_DIR", cds.toString(), "CITYEVAL_CDS", "new"), "models");
        assertEquals(0, again.exit(), again.err());
        assertEquals(List.of(otherFolder, archive).stream().sorted().toList(), files(cds),
                "the new archive under the same name, the earlier build's removed (" + earlierBuild + ")");
        assertFalse(before.equals(Files.readAttributes(archive, BasicFileAttributes.class).fileKey()),
                "CITYEVAL_CDS=new wrote a new file");
    }

    /** A damaged archive under the name in use, or a folder that cannot be written, only costs the sharing. */
    @Test
    void aBrokenOrUnwritableArchiveStartsNormally() throws Exception {
        Dist.Run reference = run(Map.of("CITYEVAL_CDS", "off"), REPRODUCE);
        assertEquals(0, reference.exit(), reference.err());

        Path cds = work.resolve("cds");
        run(Map.of("CITYEVAL_CDS_DIR", cds.toString()), "models");
        Path archive = files(cds).get(0);
        byte[] junk = new byte[4096];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 + 7);
        }
        archive.toFile().setWritable(true);
        Files.write(archive, junk);
        same(reference, run(Map.of("CITYEVAL_CDS_DIR", cds.toString()), REPRODUCE), "a damaged archive");

        // JVM options under which no archive can be written (the JVM would refuse to start with
        // -XX:ArchiveClassesAtExit): the command runs as without sharing, and nothing is written
        Path other = work.resolve("cds-other");
        same(reference, run(Map.of("CITYEVAL_CDS_DIR", other.toString(), "CITYEVAL_JAVA_OPTS", "-Xshare:off"),
                REPRODUCE), "a first run with -Xshare:off");
        assertTrue(!Files.exists(other) || files(other).isEmpty(), "no archive with -Xshare:off");

        // the archive folder is a file: nothing can be written there
        Path notADir = Files.writeString(work.resolve("not-a-folder"), "x");
        same(reference, run(Map.of("CITYEVAL_CDS_DIR", notADir.resolve("cds").toString()), REPRODUCE),
                "an archive folder that cannot be made");
        assertEquals("x", Files.readString(notADir));
    }

    private Dist.Run run(Map<String, String> env, String... args) throws Exception {
        return Dist.cityevalWith(env, Dist.home(), work, args);
    }

    private static void same(Dist.Run expected, Dist.Run actual, String what) {
        assertEquals(expected.exit(), actual.exit(), what + ": exit code; " + actual.err());
        assertEquals(expected.err(), actual.err(), what + ": standard error");
        assertEquals(expected.out(), actual.out(), what + ": standard output");
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
