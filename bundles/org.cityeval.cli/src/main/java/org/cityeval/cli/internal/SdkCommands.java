package org.cityeval.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.cityeval.cli.internal.Cli.UserError;
import org.cityeval.store.AtomicFiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The model SDK on the command line: {@code cityeval sdk install} puts the distribution's offline Maven repository
 * ({@code sdk/repository}) into a local Maven repository, and {@code cityeval new-model} creates a model project
 * from the archetype in it, file for file what {@code mvn archetype:generate} makes.
 */
final class SdkCommands {
    /** Where the SDK's archetype lives in the repository. */
    static final String ARCHETYPE = "org/cityeval/cityeval-model-archetype";

    private SdkCommands() {
    }

    /** {@code <cityeval.home>/sdk/repository}, or a clear error when this distribution has none. */
    static Path sdkRepository() {
        String home = System.getProperty("cityeval.home");
        Path repo = home == null ? null : Paths.get(home, "sdk", "repository");
        if (repo == null || !Files.isDirectory(repo)) {
            throw new UserError(Cli.BAD_INPUT, (repo == null ? "no cityeval.home" : repo + ": no such folder")
                    + "; the SDK comes with the full distribution (cityeval-full.zip)");
        }
        return repo;
    }

    @Command(name = "sdk", description = "The model SDK: an offline Maven repository with the API, the test kit, the "
            + "cityeval Maven plugin and the model archetype.", subcommands = Install.class)
    static final class Sdk implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return Cli.OK;
        }
    }

    @Command(name = "install", description = "Copies the SDK's Maven repository (sdk/repository) into a local Maven "
            + "repository, file by file (each written whole or not at all; identical files are left alone), so that "
            + "'mvn -o' finds the cityeval artifacts.")
    static final class Install implements Callable<Integer> {
        @Option(names = "--repo", paramLabel = "DIR", description = "the local Maven repository (default: "
                + "~/.m2/repository)")
        Path repo;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        /** For tests: the SDK repository to install from (default: the distribution's). */
        Path source;

        @Override
        public Integer call() throws IOException {
            Path from = source != null ? source : sdkRepository();
            boolean defaultRepo = repo == null;
            Path to = (defaultRepo ? Paths.get(System.getProperty("user.home"), ".m2", "repository") : repo)
                    .toAbsolutePath().normalize();
            if (Files.exists(to) && !Files.isDirectory(to)) {
                throw new UserError(Cli.BAD_INPUT, "--repo " + to + ": not a folder");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(from)) {
                files = walk.filter(Files::isRegularFile).filter(p -> !AtomicFiles.isTemporary(p)).sorted().toList();
            }
            int written = 0;
            int same = 0;
            TreeSet<String> artifacts = new TreeSet<>();
            for (Path f : files) {
                Path rel = from.relativize(f);
                Path target = to.resolve(rel.toString());
                String name = f.getFileName().toString();
                if (name.endsWith(".pom") || name.endsWith(".jar") || name.endsWith(".zip")) {
                    Path version = rel.getParent();
                    if (version != null && version.getParent() != null && version.getParent().getParent() != null
                            && rel.startsWith("org/cityeval")) {
                        artifacts.add(version.getParent().getFileName() + ":" + version.getFileName());
                    }
                }
                if (Files.isRegularFile(target) && Files.size(target) == Files.size(f)
                        && Files.mismatch(target, f) == -1) {
                    same++;
                    continue;
                }
                AtomicFiles.createDirectories(target.getParent());
                try (InputStream in = Files.newInputStream(f)) {
                    AtomicFiles.write(target, out -> in.transferTo(out));
                }
                written++;
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("Installed the cityeval SDK into " + to + ": " + written + " files written, " + same
                    + " already there (" + files.size() + " in all).");
            o.println("cityeval artifacts: " + String.join(", ", artifacts));
            if (defaultRepo) {
                o.println("Maven finds them there. Next:");
            } else {
                o.println("Point Maven at that repository, with -Dmaven.repo.local=" + to
                        + " on each mvn call or in ~/.m2/settings.xml:");
                o.println("  <settings><localRepository>" + to + "</localRepository></settings>");
                o.println("Next:");
            }
            o.println("  cityeval new-model my-model --id acme-2025 --institution 某研究院 [--with-rule]");
            o.println("  cd my-model && mvn verify");
            return Cli.OK;
        }
    }

    @Command(name = "new-model", description = "Creates a model project in DIR from the SDK's archetype "
            + "(cityeval-model-archetype in sdk/repository): the same files as 'mvn archetype:generate' with the "
            + "same properties. A descriptor, sample data and a test; 'mvn verify' validates and evaluates it.")
    static final class NewModel implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the folder to create (must not exist); its name "
                + "is the artifactId unless --artifact says otherwise")
        Path dir;
        @Option(names = "--id", required = true, description = "model id, e.g. acme-2025 (archetype property modelId)")
        String id;
        @Option(names = "--institution", description = "the institution's name as printed (property institution)")
        String institution;
        @Option(names = "--title", description = "the report's title (property title; default: the archetype's)")
        String title;
        @Option(names = "--year", description = "year of the edition (property year; default: the archetype's)")
        String year;
        @Option(names = "--with-rule", description = "a model with its own Java rule (property withRule=true)")
        boolean withRule;
        @Option(names = "--group", description = "Maven groupId (default: the archetype's, else org.example.cityeval)")
        String group;
        @Option(names = "--artifact", description = "Maven artifactId and bundle symbolic name (default: DIR's name)")
        String artifact;
        @Option(names = "--version", description = "the project's version (default: the archetype's)")
        String version;
        @Option(names = "--package", description = "Java package of a rule (default: the archetype's)")
        String pkg;
        @Option(names = {"-P", "--property"}, paramLabel = "KEY=VALUE", description = "any other archetype property")
        Map<String, String> more = new LinkedHashMap<>();
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        /** For tests: the archetype jar (default: the newest in the distribution's SDK repository). */
        Path archetypeJar;

        @Override
        public Integer call() throws IOException {
            if (!id.matches("[a-z0-9][a-z0-9.-]{0,63}")) {
                throw new UserError(Cli.BAD_INPUT, "--id '" + id + "': lower-case letters, digits, '.' and '-'");
            }
            Path target = dir.toAbsolutePath().normalize();
            if (Files.exists(target)) {
                throw new UserError(Cli.BAD_INPUT, dir + ": already exists; choose a new folder");
            }
            if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
                throw new UserError(Cli.BAD_INPUT, dir + ": the parent folder does not exist");
            }
            Path jar = archetypeJar != null ? archetypeJar : archetype(sdkRepository());
            Archetype archetype = new Archetype(jar);
            Map<String, String> given = new LinkedHashMap<>();
            given.put("artifactId", artifact != null ? artifact : target.getFileName().toString());
            if (group != null) {
                given.put("groupId", group);
            }
            if (version != null) {
                given.put("version", version);
            }
            if (pkg != null) {
                given.put("package", pkg);
            }
            given.put("modelId", id);
            if (institution != null) {
                given.put("institution", institution);
            }
            if (title != null) {
                given.put("title", title);
            }
            if (year != null) {
                given.put("year", year);
            }
            given.put("withRule", Boolean.toString(withRule));
            given.putAll(more);
            boolean declaresGroup = archetype.properties().stream().anyMatch(p -> p.key().equals("groupId"));
            if (!given.containsKey("groupId") && !declaresGroup) {
                given.put("groupId", "org.example.cityeval");
            }
            Map<String, byte[]> files;
            try {
                Map<String, String> values = archetype.complete(given);
                files = Archetype.postGenerate(archetype.expand(values), values);
            } catch (IOException e) {
                throw new UserError(Cli.BAD_INPUT, jar.getFileName() + ": " + e.getMessage());
            }
            // written beside the target and renamed into place: a failure leaves nothing half-made
            Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            try {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Path file = tmp.resolve(f.getKey()).normalize();
                    if (!file.startsWith(tmp)) {
                        throw new UserError(Cli.BAD_INPUT, jar.getFileName() + ": " + f.getKey() + " is outside the project");
                    }
                    AtomicFiles.createDirectories(file.getParent());
                    AtomicFiles.write(file, f.getValue());
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                AtomicFiles.syncFolder(target.getParent());
            } finally {
                if (Files.exists(tmp)) {
                    try (Stream<Path> walk = Files.walk(tmp)) {
                        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("Created " + dir + " from " + jar.getFileName() + " (" + files.size() + " files"
                    + (withRule ? ", with a custom rule" : "") + ")");
            String descriptor = files.keySet().stream().filter(k -> k.endsWith(".json") && k.contains("OSGI-INF/cityeval/models/"))
                    .findFirst().orElse(null);
            if (descriptor != null) {
                o.println("Next: edit " + descriptor + ",");
            }
            o.println("then 'mvn verify' in " + dir + " (validates, evaluates the sample data, checks the reference "
                    + "tables) and copy target/*.jar into the models/ folder of a distribution, or 'mvn cityeval:run'.");
            return Cli.OK;
        }
    }

    /** The newest cityeval-model-archetype jar in an SDK repository. */
    static Path archetype(Path repository) {
        Path base = repository.resolve(ARCHETYPE);
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                for (Path v : versions.filter(Files::isDirectory).toList()) {
                    Path jar = v.resolve("cityeval-model-archetype-" + v.getFileName() + ".jar");
                    if (Files.isRegularFile(jar)) {
                        jars.add(jar);
                    }
                }
            } catch (IOException e) {
                throw new UserError(Cli.FAILED, base + ": " + e.getMessage());
            }
        }
        if (jars.isEmpty()) {
            throw new UserError(Cli.BAD_INPUT, base + ": no archetype jar; the SDK repository is incomplete");
        }
        jars.sort(Comparator.comparing(p -> p.getParent().getFileName().toString(), SdkCommands::compareVersions));
        return jars.get(jars.size() - 1);
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "";
            String q = i < y.length ? y[i] : "";
            int c = p.matches("\\d+") && q.matches("\\d+") ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q))
                    : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
