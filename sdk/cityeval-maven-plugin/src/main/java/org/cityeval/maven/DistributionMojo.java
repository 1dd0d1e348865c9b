package org.cityeval.maven;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

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
public class DistributionMojo extends AbstractMojo {
    /** The profiles and the bundle folders each adds to {@code bundle/core}. */
    static final Map<String, List<String>> PROFILES = Map.of("core", List.of(), "server", List.of("bundle/server"),
            "shell", List.of("bundle/shell"), "full", List.of("bundle/server", "bundle/shell"));
    static final String[] OPTIONAL = {"bundle/server", "bundle/shell"};

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    @Component
    RepositorySystem repositorySystem;

    /** core, server, shell or full: what the distribution can do besides this model. */
    @Parameter(property = "cityeval.profile", defaultValue = "server")
    String profile;

    /**
     * The base archive, {@code groupId:artifactId:extension:classifier:version}; default
     * {@code org.cityeval:cityeval-archives:zip:core:<the runtime version this plugin was built with>}.
     */
    @Parameter(property = "cityeval.base")
    String base;

    /** The model bundle: default the project's packaged jar ({@code mvn package cityeval:distribution}). */
    @Parameter(property = "cityeval.model")
    File model;

    /** The zip to write. */
    @Parameter(property = "cityeval.distribution.file",
            defaultValue = "${project.build.directory}/${project.build.finalName}-cityeval.zip")
    File output;

    @Parameter(property = "cityeval.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("cityeval: skipped (cityeval.skip)");
            return;
        }
        List<String> folders = PROFILES.get(profile);
        if (folders == null) {
            throw new MojoFailureException("cityeval.profile '" + profile + "': one of core, server, shell, full");
        }
        Path jar = modelJar(project, model);
        Path baseZip = resolveBase(this, base);
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
                        copyAttributes(p, target);
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

    private static void copyAttributes(Path from, Path to) throws IOException {
        Files.setLastModifiedTime(to, Files.getLastModifiedTime(from));
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
            if (!perms.isEmpty()) {
                Files.setPosixFilePermissions(to, perms);
            }
        } catch (UnsupportedOperationException e) {
            // no permissions recorded: the entry keeps the default
        }
    }

    /** The project's packaged bundle, or a clear message saying to package first. */
    static Path modelJar(MavenProject project, File given) throws MojoExecutionException {
        File f = given;
        if (f == null) {
            Artifact a = project.getArtifact();
            f = a != null && a.getFile() != null && a.getFile().isFile() ? a.getFile()
                    : new File(project.getBuild().getDirectory(), project.getBuild().getFinalName() + ".jar");
        }
        if (!f.isFile()) {
            throw new MojoExecutionException("cityeval: " + f + ": no model bundle; package it first "
                    + "(mvn package cityeval:" + "distribution, or mvn package cityeval:run)");
        }
        return f.toPath().toAbsolutePath().normalize();
    }

    /** The runtime version this plugin was built with: its cityeval runtime bundles' version. */
    static String runtimeVersion(PluginDescriptor plugin) throws MojoExecutionException {
        for (Artifact a : plugin.getArtifacts()) {
            if ("org.cityeval".equals(a.getGroupId()) && "org.cityeval.engine".equals(a.getArtifactId())) {
                return a.getBaseVersion();
            }
        }
        throw new MojoExecutionException("cityeval: the plugin's dependencies name no org.cityeval.engine; give the "
                + "base archive with -Dcityeval.base=org.cityeval:cityeval-archives:zip:core:VERSION");
    }

    /** Resolves the base archive through Maven's repository system (local repository first, as Maven does). */
    static Path resolveBase(DistributionMojo m, String coordinates) throws MojoExecutionException {
        return resolve(m.repositorySystem, m.repositorySession, m.project, coordinates != null ? coordinates
                : "org.cityeval:cityeval-archives:zip:core:" + runtimeVersion(m.plugin));
    }

    static Path resolve(RepositorySystem system, RepositorySystemSession session, MavenProject project,
            String coordinates) throws MojoExecutionException {
        try {
            DefaultArtifact artifact = new DefaultArtifact(coordinates);
            File f = system.resolveArtifact(session, new ArtifactRequest(artifact,
                    project.getRemoteProjectRepositories(), null)).getArtifact().getFile();
            return f.toPath();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("cityeval.base '" + coordinates + "': " + e.getMessage(), e);
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("cityeval: the base distribution " + coordinates + " is in no repository "
                    + "Maven can reach; run 'cityeval sdk install' from the full distribution (docs/model-authoring.md): "
                    + e.getMessage(), e);
        }
    }
}
