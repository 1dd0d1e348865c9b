package org.cityeval.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an Apache Felix framework with the bundles a command needs and runs the command.
 * <p>
 * The distribution holds {@code bundle/core} (always), {@code bundle/server} (for {@code serve}),
 * {@code bundle/shell} (Gogo, for {@code shell}) and {@code models/} (model bundles). A one-shot command
 * boots only core and models, calls the command-line service, stops the framework and exits with the
 * command's code. {@code serve} and {@code shell} keep running until stopped.
 * <p>
 * Bundles are installed by reference, so a start copies nothing, and the framework's cache lives in a
 * temporary folder of this process, so several commands can run at once.
 */
public final class Main {
    static final String MAIN_FILTER = "(&(objectClass=java.util.function.Function)(cityeval.main=true))";
    static final String HTTP_RUNTIME_FILTER = "(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime)";
    private static final String SLF4J_VERSION = "2.0.17";
    private static final long READY_TIMEOUT_MS = 30_000;

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (LaunchException e) {
            System.err.println("cityeval: " + e.getMessage());
            code = 1;
        } catch (Exception e) {
            System.err.println("cityeval: cannot start the runtime: " + e);
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** The options the launcher itself reads; everything is also passed on to the command line. */
    record Launch(String command, boolean server, boolean shell, String host, int port) {
        static Launch of(String[] args) {
            String command = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
            String host = "127.0.0.1";
            int port = 8080;
            for (int i = 0; i < args.length - 1; i++) {
                if (args[i].equals("--port")) {
                    try {
                        port = Integer.parseInt(args[i + 1]);
                    } catch (NumberFormatException e) {
                        throw new LaunchException("--port: not a number: '" + args[i + 1] + "'", 2);
                    }
                } else if (args[i].equals("--host")) {
                    host = args[i + 1];
                }
            }
            boolean shell = command.equals("shell") || Arrays.asList(args).contains("--shell");
            return new Launch(command, command.equals("serve"), shell, host, port);
        }
    }

    static int run(String[] args) throws Exception {
        Path home = home();
        Launch launch;
        try {
            launch = Launch.of(args);
        } catch (LaunchException e) {
            System.err.println("cityeval: " + e.getMessage());
            return e.code;
        }
        if (System.getProperty("logback.configurationFile") == null) {
            Path conf = home.resolve("conf/logback.xml");
            if (Files.isRegularFile(conf)) {
                System.setProperty("logback.configurationFile", conf.toString());
            }
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        Path storage = Files.createTempDirectory("cityeval-felix-");
        Framework framework = null;
        try {
            framework = start(home, launch, storage, log);
            if (launch.server()) {
                return serve(framework, launch);
            }
            if (launch.shell()) {
                framework.waitForStop(0);
                return 0;
            }
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

    static Framework start(Path home, Launch launch, Path storage, Logger log) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // SLF4J and Logback sit on the class path and the system bundle exports the API: SLF4J 2 finds
        // Logback with a plain ServiceLoader there, with no OSGi service-loader mediator to install.
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",",
                "org.slf4j;version=" + SLF4J_VERSION, "org.slf4j.spi;version=" + SLF4J_VERSION,
                "org.slf4j.event;version=" + SLF4J_VERSION, "org.slf4j.helpers;version=" + SLF4J_VERSION));
        // Felix writes its own errors to standard output by default; send them to the log instead so
        // that a command's output (JSON, CSV) stays clean.
        config.put("felix.log.logger", new FelixLogger());
        config.put("felix.log.level", "2");
        config.put("cityeval.home", home.toString());
        // per-model weight configuration (assumed weights set without rebuilding a bundle)
        config.put("cityeval.model.config", home.resolve("conf/models").toString());
        if (launch.server()) {
            // hot deploy: FileInstall installs, updates and uninstalls the bundles of models/ while serving
            config.put("felix.fileinstall.dir", home.resolve("models").toString());
            config.put("felix.fileinstall.poll", "1000");
            config.put("felix.fileinstall.noInitialDelay", "true");
            config.put("felix.fileinstall.filter", ".*\\.jar");
            config.put("felix.fileinstall.log.level", "1");
            config.put("org.osgi.service.http.port", Integer.toString(launch.port()));
            config.put("org.apache.felix.http.host", launch.host());
            config.put("org.apache.felix.http.jetty.sendServerHeader", "false");
            // Jetty's own error pages (paths outside /api) carry the same header as the API's answers
            config.put("org.apache.felix.http.jetty.errorPageCustomHeaders", "X-Content-Type-Options=nosniff");
            // Jetty leaves the listen backlog to the JVM, which asks the kernel for 50: 200 clients connecting
            // at once overflowed it (the kernel drops the connection attempts and clients resend them 1 s, 3 s
            // later), seen by scripts/bench-load.sh. The kernel caps this at net.core.somaxconn. Requests beyond
            // Jetty's 200 threads wait in its queue; nothing is refused.
            config.put("org.apache.felix.http.jetty.acceptQueueSize", "1024");
        }
        if (launch.shell() && System.console() == null) {
            // Gogo stops the framework when it has no terminal to read (PLATFORM-NOTES trap 2)
            config.put("gosh.args", "--nointeractive");
        }
        config.putAll(overrides());

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Map<String, String> stringConfig = new HashMap<>();
        Map<String, Object> objectConfig = new HashMap<>();
        config.forEach((k, v) -> {
            if (v instanceof String s) {
                stringConfig.put(k, s);
            } else {
                objectConfig.put(k, v);
            }
        });
        @SuppressWarnings({ "unchecked", "rawtypes" })
        Map<String, String> raw = (Map) stringConfig;
        ((Map<String, Object>) (Map) raw).putAll(objectConfig);
        Framework framework = factory.newFramework(raw);
        framework.init();

        List<Path> jars = new ArrayList<>(jars(home.resolve("bundle/core")));
        if (launch.server()) {
            jars.addAll(jars(home.resolve("bundle/server")));
        }
        if (launch.shell()) {
            jars.addAll(jars(home.resolve("bundle/shell")));
        }
        if (!launch.server()) {
            jars.addAll(jars(home.resolve("models")));
        }
        if (jars.isEmpty()) {
            throw new LaunchException("no bundles under " + home.resolve("bundle") + "; is cityeval.home right?", 1);
        }
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            try {
                installed.add(ctx.installBundle("reference:" + jar.toUri()));
            } catch (BundleException e) {
                // one unusable jar (say a broken model dropped into models/) must not stop the others
                log.warn("Not installed: {}: {}", jar.getFileName(), e.getMessage());
            }
        }
        framework.start();
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start();
            } catch (BundleException e) {
                log.warn("Not started: {}: {}", b.getSymbolicName(), e.getMessage());
            }
        }
        return framework;
    }

    private static int serve(Framework framework, Launch launch) throws Exception {
        BundleContext ctx = framework.getBundleContext();
        ServiceReference<?> runtime = awaitReference(ctx, HTTP_RUNTIME_FILTER, "the HTTP server");
        await(ctx, "(cityeval.http=api)", "the cityeval web API");
        awaitModels(ctx, Main.home().resolve("models"));
        Object endpoint = runtime.getProperty("osgi.http.endpoint");
        String url = endpoint instanceof String[] a && a.length > 0 ? a[0]
                : endpoint != null ? endpoint.toString() : "http://" + launch.host() + ":" + launch.port() + "/";
        System.out.println("cityeval serving on " + url + " (Ctrl-C stops)");
        System.out.flush();
        Framework fw = framework;
        Thread hook = new Thread(() -> {
            try {
                fw.stop();
                fw.waitForStop(10_000);
            } catch (Exception ignored) {
                // stopping anyway
            }
        }, "cityeval-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        framework.waitForStop(0);
        return 0;
    }

    /** Waits (up to 10 s) until FileInstall has installed what models/ held at start-up. */
    private static void awaitModels(BundleContext ctx, Path models) throws Exception {
        List<String> names = jars(models).stream().map(p -> p.getFileName().toString()).toList();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            long installed = names.stream().filter(n -> java.util.Arrays.stream(ctx.getBundles())
                    .anyMatch(b -> b.getLocation().endsWith("/" + n) && b.getState() >= Bundle.RESOLVED)).count();
            if (installed == names.size()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(BundleContext ctx, String filter, String what) throws Exception {
        ServiceReference<?> ref = awaitReference(ctx, filter, what);
        return (T) ctx.getService(ref);
    }

    private static ServiceReference<?> awaitReference(BundleContext ctx, String filter, String what) throws Exception {
        Filter f = FrameworkUtil.createFilter(filter);
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(ctx, f, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(READY_TIMEOUT_MS) == null) {
                throw new LaunchException(what + " did not start within " + READY_TIMEOUT_MS / 1000
                        + " s; run with -Dcityeval.log=debug to see why", 1);
            }
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    /** Framework properties from conf/cityeval.properties are not needed yet; system properties may override. */
    private static Map<String, String> overrides() {
        Map<String, String> m = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("org.osgi.") || name.startsWith("org.apache.felix.") || name.startsWith("felix.")
                    || name.startsWith("cityeval.")) {
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
