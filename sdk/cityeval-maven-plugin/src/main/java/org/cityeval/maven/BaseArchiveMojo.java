package org.cityeval.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * What the goals that start from the base distribution share ({@code cityeval:distribution}, {@code cityeval:run}):
 * the base archive, resolved through Maven's repository system when the goal runs (so from the local repository
 * {@code cityeval sdk install} filled), the project's packaged model bundle, and the skip flag.
 */
abstract class BaseArchiveMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    @Component
    RepositorySystem repositorySystem;

    /**
     * The base archive, {@code groupId:artifactId:extension:classifier:version}; default
     * {@code org.cityeval:cityeval-archives:zip:core:<the runtime version this plugin was built with>}.
     */
    @Parameter(property = "cityeval.base")
    String base;

    /** The model bundle: default the project's packaged jar ({@code mvn package cityeval:<goal>}). */
    @Parameter(property = "cityeval.model")
    File model;

    @Parameter(property = "cityeval.skip", defaultValue = "false")
    boolean skip;

    /** @return whether the goal is skipped ({@code cityeval.skip}), saying so */
    boolean skipped() {
        if (skip) {
            getLog().info("cityeval: skipped (cityeval.skip)");
        }
        return skip;
    }

    /** The project's packaged bundle, or a clear message saying to package first. */
    Path modelJar() throws MojoExecutionException {
        File f = model;
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

    /** Resolves the base archive through Maven's repository system (local repository first, as Maven does). */
    Path baseArchive() throws MojoExecutionException {
        String coordinates = base != null ? base : "org.cityeval:cityeval-archives:zip:core:" + runtimeVersion(plugin);
        try {
            DefaultArtifact artifact = new DefaultArtifact(coordinates);
            File f = repositorySystem.resolveArtifact(repositorySession, new ArtifactRequest(artifact,
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

    /** Gives a copied zip entry or file the POSIX mode of its source (bin/ stays executable), when it has one. */
    static void copyMode(Path from, Path to) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
            if (!perms.isEmpty()) {
                Files.setPosixFilePermissions(to, perms);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system, or no mode recorded: the entry keeps the default
        }
    }
}
