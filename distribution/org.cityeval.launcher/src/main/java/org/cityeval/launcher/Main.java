package org.cityeval.launcher;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an Apache Felix framework with the bundles a command needs and hands it the command line.
 * <p>
 * The launcher parses no option: the framework properties come from the profile ({@code conf/framework.properties},
 * written by the build from the bndrun's {@code -runproperties}), the bundle folders to install from that
 * file's table keyed by the first argument ({@value #FOLDERS}{@code .<word>}), and every argument goes to the
 * {@value #MAIN_FILTER} function, picocli inside the framework, which returns the exit code. Folders listed in
 * {@value #DEFERRED} are installed at start level {@value #LEVEL} and start when their command raises the
 * framework to it (so {@code serve --help} binds no port). The command decides how long it runs ({@code serve}
 * until the framework stops); a shutdown hook stops the framework on SIGTERM or Ctrl-C.
 * <p>
 * Bundles are installed by reference, so a start copies nothing, and the framework's cache lives in a
 * temporary folder of this process, so several commands can run at once.
 */
public final class Main {
    static final String MAIN_FILTER = "(&(objectClass=java.util.function.Function)(cityeval.main=true))";
    /** Bundle folders of a command: {@code FOLDERS + "." + first argument}, else {@code FOLDERS}. */
    static final String FOLDERS = "cityeval.launch.folders";
    static final String DEFERRED = "cityeval.launch.deferred";
    static final String LEVEL = "cityeval.launch.level";
    private static final long READY_TIMEOUT_MS = 30_000;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)\\}");

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (LaunchException e) {
            System.err.println("cityeval: " + e.getMessage());
            code = e.code;
        } catch (Exception e) {
            System.err.println("cityeval: cannot start the runtime: " + e);
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * What to install for a command, from the profile's table: never from parsing options.
     *
     * @param folders  folders of the distribution to install, in order
     * @param deferred those of them whose bundles start only when the command raises the start level
     * @param level    that start level
     */
    record Launch(List<String> folders, Set<String> deferred, int level) {
        static Launch of(String[] args, Map<String, String> properties) {
            String word = args.length > 0 ? args[0] : "";
            String folders = properties.get(FOLDERS + "." + word);
            if (folders == null) {
                folders = properties.getOrDefault(FOLDERS, "bundle/core,models");
            }
            String level = properties.getOrDefault(LEVEL, "2");
            try {
                return new Launch(list(folders), Set.copyOf(list(properties.getOrDefault(DEFERRED, ""))),
                        Integer.parseInt(level.trim()));
            } catch (NumberFormatException e) {
                throw new LaunchException(LEVEL + "=" + level + ": not a start level", 1);
            }
        }

        private static List<String> list(String value) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    static int run(String[] args) throws Exception {
        Path home = home();
        if (System.getProperty("logback.configurationFile") == null) {
            Path conf = home.resolve("conf/logback.xml");
            if (Files.isRegularFile(conf)) {
                System.setProperty("logback.configurationFile", conf.toString());
            }
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        Map<String, String> properties = frameworkProperties(home);
        Launch launch = Launch.of(args, properties);
        Path storage = Files.createTempDirectory("cityeval-felix-");
        Framework framework = null;
        try {
            framework = start(home, properties, launch, storage, log);
            Framework fw = framework;
            // SIGTERM or Ctrl-C: stop the framework, which ends a command that waits for it (serve, shell)
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    fw.stop();
                    fw.waitForStop(10_000);
                } catch (Exception ignored) {
                    // stopping anyway
                }
                deleteTree(storage);
            }, "cityeval-shutdown"));
            Function<String[], Integer> cli = await(framework.getBundleContext(), MAIN_FILTER, "the command line");
            return cli.apply(args);
        } finally {
            if (framework != null) {
                framework.stop();
                framework.waitForStop(10_000);
            }
            deleteTree(storage);
        }
    }

    /**
     * The framework properties: the profile's {@code conf/framework.properties}, then {@code -D} system
     * properties of the framework's and cityeval's names over them; {@code ${name}} in a value is replaced by
     * that property ({@code cityeval.home}: the distribution's folder) or system property.
     */
    static Map<String, String> frameworkProperties(Path home) throws IOException {
        Path file = home.resolve("conf/framework.properties");
        if (!Files.isRegularFile(file)) {
            throw new LaunchException("no " + file + "; is cityeval.home right?", 1);
        }
        Properties profile = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            profile.load(r);
        }
        Map<String, String> config = new HashMap<>();
        profile.stringPropertyNames().forEach(name -> config.put(name, profile.getProperty(name)));
        config.put("cityeval.home", home.toString());
        config.putAll(overrides());
        config.replaceAll((name, value) -> substitute(value, config));
        return config;
    }

    static String substitute(String value, Map<String, String> config) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = config.get(m.group(1));
            if (v == null) {
                v = System.getProperty(m.group(1), m.group());
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        return m.appendTail(b).toString();
    }

    static Framework start(Path home, Map<String, String> properties, Launch launch, Path storage, Logger log)
            throws Exception {
        // only what is particular to this process is computed here; everything else is the profile's
        Map<String, Object> config = new HashMap<>(properties);
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Felix writes its own errors to standard output by default; send them to the log instead so
        // that a command's output (JSON, CSV) stays clean.
        config.put("felix.log.logger", new FelixLogger());

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        @SuppressWarnings({ "unchecked", "rawtypes" })
        Map<String, String> raw = (Map) config;
        Framework framework = factory.newFramework(raw);
        framework.init();

        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        int jars = 0;
        for (String folder : launch.folders()) {
            boolean deferred = launch.deferred().contains(folder);
            for (Path jar : jars(home.resolve(folder))) {
                jars++;
                try {
                    Bundle b = ctx.installBundle("reference:" + jar.toUri());
                    if (deferred) {
                        b.adapt(BundleStartLevel.class).setStartLevel(launch.level());
                    }
                    installed.add(b);
                } catch (BundleException e) {
                    // one unusable jar (say a broken model dropped into models/) must not stop the others
                    log.warn("Not installed: {}: {}", jar.getFileName(), e.getMessage());
                }
            }
        }
        if (jars == 0) {
            throw new LaunchException("no bundles under " + home.resolve("bundle") + "; is cityeval.home right?", 1);
        }
        framework.start();
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                // a deferred bundle is only marked to start: it starts when its command raises the start level
                b.start();
            } catch (BundleException e) {
                log.warn("Not started: {}: {}", b.getSymbolicName(), e.getMessage());
            }
        }
        return framework;
    }

    /**
     * The service, got through the launcher's own context: the tracker's reference to it ends when the tracker
     * closes, and SCR deactivates a delayed component nobody holds, unbinding its optional references.
     */
    @SuppressWarnings("unchecked")
    private static <T> T await(BundleContext ctx, String filter, String what) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(ctx, FrameworkUtil.createFilter(filter), null);
        tracker.open(true);
        try {
            if (tracker.waitForService(READY_TIMEOUT_MS) == null) {
                throw new LaunchException(what + " did not start within " + READY_TIMEOUT_MS / 1000
                        + " s; run with -Dcityeval.log=debug to see why", 1);
            }
            return (T) ctx.getService(tracker.getServiceReference());
        } finally {
            tracker.close();
        }
    }

    /** System properties of the framework's, its bundles' and cityeval's names override the profile's. */
    private static Map<String, String> overrides() {
        Map<String, String> m = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("org.osgi.") || name.startsWith("org.apache.felix.") || name.startsWith("felix.")
                    || name.startsWith("cityeval.") || name.startsWith("gosh.")) {
                m.put(name, System.getProperty(name));
            }
        }
        return m;
    }

    static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** The distribution's folder: {@code -Dcityeval.home}, else the parent of the launcher jar's lib/. */
    static Path home() {
        String h = System.getProperty("cityeval.home");
        if (h != null) {
            return Paths.get(h).toAbsolutePath();
        }
        try {
            Path jar = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (Exception e) {
            return Paths.get(".").toAbsolutePath();
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder; the OS cleans it eventually
        }
    }

    /** Startup problems with an exit code. */
    static final class LaunchException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        LaunchException(String message, int code) {
            super(message);
            this.code = code;
        }
    }

    /** Felix's framework log, into SLF4J. */
    static final class FelixLogger extends org.apache.felix.framework.Logger {
        private static final Logger LOG = LoggerFactory.getLogger("org.apache.felix.framework");

        @Override
        protected void doLog(int level, String msg, Throwable throwable) {
            switch (level) {
                case LOG_ERROR -> LOG.error(msg, throwable);
                case LOG_WARNING -> LOG.warn(msg, throwable);
                case LOG_INFO -> LOG.info(msg, throwable);
                default -> LOG.debug(msg, throwable);
            }
        }
    }
}
