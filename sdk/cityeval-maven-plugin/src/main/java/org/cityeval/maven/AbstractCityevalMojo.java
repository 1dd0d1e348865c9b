package org.cityeval.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.cityeval.testkit.CityevalRuntime;

/**
 * What every goal shares: the skip flag, the project's bundle (its class folder, where bnd wrote the manifest at
 * {@code process-classes}), and one embedded runtime per module, booted by the first goal that needs it and kept
 * for the module's later goals (validate at process-classes, evaluate and reproduce at verify). One runtime at a
 * time, so the goals are not marked thread-safe: under {@code -T} Maven runs them one after another.
 */
abstract class AbstractCityevalMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    /** Skips every cityeval goal. */
    @Parameter(property = "cityeval.skip", defaultValue = "false")
    protected boolean skip;

    /** The model bundle: the class folder bnd wrote {@code META-INF/MANIFEST.MF} into. */
    @Parameter(property = "cityeval.bundle", defaultValue = "${project.build.outputDirectory}")
    protected File bundle;

    private static Path current;
    private static CityevalRuntime shared;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("cityeval: skipped (cityeval.skip)");
            return;
        }
        Path b = bundle.toPath().toAbsolutePath().normalize();
        if (!Files.isRegularFile(b.resolve("META-INF/MANIFEST.MF")) && !Files.isRegularFile(b)) {
            throw new MojoExecutionException(b + ": no bundle manifest (META-INF/MANIFEST.MF). The bnd-maven-plugin "
                    + "writes it at process-classes; bind cityeval goals after it (see docs/sdk.md)");
        }
        run(b);
    }

    protected abstract void run(Path bundle) throws MojoExecutionException, MojoFailureException;

    /** The module's runtime: booted once, closed when the next module needs one or when Maven exits. */
    protected CityevalRuntime runtime(Path bundle) throws MojoExecutionException {
        synchronized (AbstractCityevalMojo.class) {
            if (shared != null && bundle.equals(current)) {
                return shared;
            }
            closeShared();
            List<Path> jars = new ArrayList<>();
            for (Artifact a : plugin.getArtifacts()) {
                if (a.getFile() != null && a.getFile().getName().endsWith(".jar")) {
                    jars.add(a.getFile().toPath());
                }
            }
            try {
                // the framework's folder in target/, cleaned at each start: the framework of the last module is
                // left running until Maven exits (its class realm is gone by a shutdown hook's time)
                Path storage = Path.of(project.getBuild().getDirectory(), "cityeval-runtime");
                CityevalRuntime.Builder builder = CityevalRuntime.builder().classPath(false).model(bundle)
                        .storage(storage);
                for (Path jar : jars) {
                    if (isBundle(jar)) {
                        builder.bundle(jar);
                    }
                }
                getLog().info("cityeval: starting the embedded runtime for " + project.getBasedir().toPath()
                        .relativize(bundle));
                shared = builder.start();
                current = bundle;
                return shared;
            } catch (Exception e) {
                throw new MojoExecutionException("cityeval: the embedded runtime did not start: " + e.getMessage(), e);
            }
        }
    }

    private static boolean isBundle(Path jar) {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar.toFile())) {
            String bsn = j.getManifest() == null ? null
                    : j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                return false;
            }
            String name = bsn.split(";")[0].trim();
            return CityevalRuntime.RUNTIME.contains(name) || "org.cityeval.api".equals(name);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void closeShared() {
        if (shared != null) {
            try {
                shared.close();
            } catch (Exception e) {
                // the framework of a finished module: nothing depends on its stopping cleanly
            }
            shared = null;
            current = null;
        }
    }

    /** A path for messages: relative to the project folder when inside it. */
    protected String shown(Path p) {
        Path base = project.getBasedir().toPath().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
