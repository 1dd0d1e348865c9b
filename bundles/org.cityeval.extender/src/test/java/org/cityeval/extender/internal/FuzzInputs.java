package org.cityeval.extender.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The fixed inputs of a fuzz target, for its plain JUnit replay in the default build (no Jazzer agent, no
 * time limit): the target's seeds, then every committed input in Jazzer's inputs folder,
 * {@code src/test/resources/<package>/<Class>Inputs/<method>/} (the folder Jazzer itself replays and starts
 * fuzzing from under {@code -Pfuzz}). Each argument is a name for the report and the bytes.
 */
final class FuzzInputs {
    private FuzzInputs() {
    }

    static Stream<Arguments> replay(Class<?> fuzzTest, String method, Stream<Arguments> seeds) {
        AtomicInteger n = new AtomicInteger();
        Stream<Arguments> named = seeds.map(a -> Arguments.of("seed " + n.incrementAndGet(), a.get()[0]));
        return Stream.concat(named, committed(fuzzTest, method).stream()
                .map(p -> Arguments.of("input " + p.getFileName(), read(p))));
    }

    /** The committed inputs, in name order; none when the target has no inputs folder yet. */
    static List<Path> committed(Class<?> fuzzTest, String method) {
        URL dir = fuzzTest.getResource(fuzzTest.getSimpleName() + "Inputs/" + method);
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
