package org.cityeval.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn package cityeval:run}: runs {@code cityeval serve} of the cityeval base distribution (resolved through
 * Maven's repository system when the goal runs, unpacked into {@code target/cityeval-run}) with this project's
 * bundle hot-deployed in its {@code models/} folder, in the foreground until Ctrl-C. While it runs, a newer
 * project jar ({@code mvn package} in another terminal) is copied into {@code models/} again (under a temporary
 * name, then renamed), and the running server reloads the model.
 */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends BaseArchiveMojo {
    /** The port to serve on. */
    @Parameter(property = "cityeval.port", defaultValue = "8080")
    int port;

    /** The address to bind (loopback unless you mean otherwise). */
    @Parameter(property = "cityeval.host", defaultValue = "127.0.0.1")
    String host;

    /** Where the distribution is unpacked (afresh on each run). */
    @Parameter(property = "cityeval.run.directory", defaultValue = "${project.build.directory}/cityeval-run")
    File directory;

    /** JVM options for the server ({@code CITYEVAL_JAVA_OPTS}). */
    @Parameter(property = "cityeval.javaOpts")
    String javaOpts;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        Path jar = modelJar();
        Path baseZip = baseArchive();
        Path dir = directory.toPath().toAbsolutePath().normalize();
        Path home = dir.resolve("cityeval");
        try {
            unpack(baseZip, dir);
        } catch (IOException e) {
            throw new MojoExecutionException("cityeval: could not unpack " + baseZip + " into " + dir + ": "
                    + e.getMessage(), e);
        }
        Path models = home.resolve("models");
        Path deployed = models.resolve(project.getArtifactId() + ".jar");
        try {
            Files.createDirectories(models);
            deploy(jar, deployed);
        } catch (IOException e) {
            throw new MojoExecutionException("cityeval: could not copy " + jar + " into " + models, e);
        }
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/cityeval").toString(), "serve",
                "--port", Integer.toString(port), "--host", host));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.getBasedir()).inheritIO();
        if (javaOpts != null) {
            pb.environment().put("CITYEVAL_JAVA_OPTS", javaOpts);
        }
        getLog().info("cityeval: serving " + home + " with " + deployed.getFileName() + " in models/ on http://" + host
                + ":" + port + "/ (Ctrl-C stops it; 'mvn package' elsewhere redeploys)");
        Process server;
        try {
            server = pb.start();
        } catch (IOException e) {
            throw new MojoExecutionException("cityeval: could not start " + command, e);
        }
        Thread stop = new Thread(() -> {
            server.destroy();
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cityeval-run-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Thread watch = new Thread(() -> watch(jar, deployed, server), "cityeval-run-redeploy");
        watch.setDaemon(true);
        watch.start();
        int exit;
        try {
            exit = server.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroy();
            throw new MojoExecutionException("cityeval: interrupted");
        } finally {
            watch.interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // shutting down already: the hook runs
        }
        if (exit != 0 && exit != 130 && exit != 143) {
            throw new MojoFailureException("cityeval: the server ended with exit code " + exit);
        }
    }

    /** Copies a newer project jar into models/ again while the server runs (FileInstall reloads it). */
    private void watch(Path jar, Path deployed, Process server) {
        FileTime last = null;
        try {
            last = Files.getLastModifiedTime(jar);
        } catch (IOException e) {
            // no jar now: the next one built is deployed
        }
        while (server.isAlive() && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1_000);
                if (Files.isRegularFile(jar)) {
                    FileTime now = Files.getLastModifiedTime(jar);
                    if (last == null || now.compareTo(last) > 0) {
                        // wait for the jar to settle: the same size twice, a second apart
                        long size = Files.size(jar);
                        Thread.sleep(1_000);
                        if (Files.size(jar) == size) {
                            deploy(jar, deployed);
                            last = now;
                            getLog().info("cityeval: redeployed " + jar.getFileName());
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                getLog().warn("cityeval: could not redeploy " + jar + ": " + e.getMessage());
            }
        }
    }

    /** Copies under a temporary name and renames: FileInstall never reads a half-copied jar. */
    static void deploy(Path jar, Path target) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Unpacks a zip into an emptied folder, keeping executable modes. */
    static void unpack(Path zip, Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        try (FileSystem in = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            Path root = in.getPath("/");
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String rel = root.relativize(p).toString();
                    if (rel.isEmpty()) {
                        continue;
                    }
                    Path target = dir.resolve(rel).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException(zip + ": entry " + rel + " points outside the folder");
                    }
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target);
                        copyMode(p, target);
                    }
                }
            }
        }
    }
}
