package org.cityeval.maven;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn package cityeval:distribution}: an institution's own distribution as a zip in target/, laid out from
 * the cityeval base archive ({@code org.cityeval:cityeval-archives:zip:core}, resolved through Maven's repository
 * system when the goal runs, so from the local repository {@code cityeval sdk install} filled) with the core
 * bundles, the chosen profile's folders and this project's bundle as the only model in {@code models/}. Its
 * {@code bin/cityeval models} lists only this project's models.
 * <p>
 * Profiles: {@code core} (the command line), {@code server} (+ {@code cityeval serve}: web API, dashboard, hot
 * deploy), {@code shell} (+ the Gogo shell), {@code full} (both). The zip is written beside its final name and
 * renamed into place, so a failed run leaves no half-written zip; {@code bin/} keeps its executable mode.
 */
@Mojo(name = "distribution", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class DistributionMojo extends BaseArchiveMojo {
    /** The profiles and the bundle folders each adds to {@code bundle/core}. */
    static final Map<String, List<String>> PROFILES = Map.of("core", List.of(), "server", List.of("bundle/server"),
            "shell", List.of("bundle/shell"), "full", List.of("bundle/server", "bundle/shell"));
    static final String[] OPTIONAL = {"bundle/server", "bundle/shell"};

    /** core, server, shell or full: what the distribution can do besides this model. */
    @Parameter(property = "cityeval.profile", defaultValue = "server")
    String profile;

    /** The zip to write. */
    @Parameter(property = "cityeval.distribution.file",
            defaultValue = "${project.build.directory}/${project.build.finalName}-cityeval.zip")
    File output;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        List<String> folders = PROFILES.get(profile);
        if (folders == null) {
            throw new MojoFailureException("cityeval.profile '" + profile + "': one of core, server, shell, full");
        }
        Path jar = modelJar();
        Path baseZip = baseArchive();
        Path zip = output.toPath().toAbsolutePath().normalize();
        Path tmp = zip.resolveSibling("." + zip.getFileName() + ".tmp");
        try {
            Files.createDirectories(zip.getParent());
            Files.deleteIfExists(tmp);
            try (FileSystem in = FileSystems.newFileSystem(baseZip, Map.of("enablePosixFileAttributes", "true"));
                    FileSystem out = FileSystems.newFileSystem(URI.create("jar:" + tmp.toUri()),
                            Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
                Path root = in.getPath("/");
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path p : (Iterable<Path>) walk::iterator) {
                        String rel = root.relativize(p).toString();
                        if (rel.isEmpty() || excluded(rel, folders)) {
                            continue;
                        }
                        Path target = out.getPath("/" + rel);
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                            continue;
                        }
                        Files.copy(p, target);
                        Files.setLastModifiedTime(target, Files.getLastModifiedTime(p));
                        copyMode(p, target);
                    }
                }
                Path models = out.getPath("/cityeval/models");
                Files.createDirectories(models);
                Path dropped = models.resolve(project.getArtifactId() + "-" + project.getVersion() + ".jar");
                Files.copy(jar, dropped);
                Files.setLastModifiedTime(dropped, Files.getLastModifiedTime(jar));
                Files.writeString(out.getPath("/cityeval/conf/profile"), project.getArtifactId() + " (" + profile
                        + ")\n");
            }
            Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MojoExecutionException("cityeval: could not write " + zip + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                getLog().warn("cityeval: could not delete " + tmp);
            }
        }
        getLog().info("cityeval: wrote " + zip + " (profile " + profile + ": bundle/core"
                + (folders.isEmpty() ? "" : ", " + String.join(", ", folders)) + ", models/" + jar.getFileName()
                + "); unzip it and run cityeval/bin/cityeval models");
    }

    private static boolean excluded(String rel, List<String> folders) {
        for (String optional : OPTIONAL) {
            String prefix = "cityeval/" + optional;
            if ((rel.equals(prefix) || rel.startsWith(prefix + "/")) && !folders.contains(optional)) {
                return true;
            }
        }
        // the base archive has no models, but one built by hand might; and it carries no SDK
        return rel.startsWith("cityeval/models/") || rel.equals("cityeval/sdk") || rel.startsWith("cityeval/sdk/");
    }
}
