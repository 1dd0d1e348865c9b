package org.cityeval.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.util.tracker.ServiceTracker;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cityeval serve}: the web API and the dashboard on Felix HTTP, until the framework stops.
 * <p>
 * The launcher parses no option: for the first word {@code serve} it installs {@code bundle/server} at the
 * start level {@value #LEVEL} names, where nothing of it runs yet, and hands the arguments here. Only after
 * picocli has parsed them (so {@code serve --help} or a bad option starts nothing and binds no port) does
 * this command set host and port and raise the framework's start level, which starts Jetty, FileInstall and
 * the web API. It then waits until they are ready, prints the URL and blocks until the framework stops (it returns
 * as the stop begins, see {@link #untilStopping}): the launcher's shutdown hook stops it on SIGTERM or Ctrl-C.
 * <p>
 * Host and port reach Felix HTTP, and the web API's Host-header check, as system properties: both read them
 * with {@code BundleContext.getProperty}, which falls back to system properties, and the server profile has
 * no Configuration Admin. They are set before the server bundles start, so there is one value and no restart;
 * a {@code -D} framework property of the same name (in {@code CITYEVAL_JAVA_OPTS}) still wins, with a note.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = { "Starts the web API and the dashboard (Felix HTTP on Jetty), prints their URL and serves "
                + "until SIGTERM or Ctrl-C.",
                "While serving, model bundles dropped into the distribution's models/ folder are deployed and "
                        + "deleted ones removed." })
final class ServeCommand implements Callable<Integer> {
    static final String PORT = "org.osgi.service.http.port";
    static final String HOST = "org.apache.felix.http.host";
    /** Framework property (from the profile) of the start level at which the server bundles wait. */
    static final String LEVEL = "cityeval.launch.level";
    static final String HTTP_RUNTIME_FILTER = "(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime)";
    /** The web API's servlet (ApiComponent's marker). */
    static final String API_FILTER = "(cityeval.http=api)";
    private static final long READY_TIMEOUT_MS = 30_000;
    private static final long MODELS_TIMEOUT_MS = 10_000;
    private static final int FAILED = 1;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "TCP port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every "
                    + "interface)")
    String host;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<BundleContext> context;

    /** In the runtime: the context of the command line's bundle. */
    ServeCommand() {
        this(() -> {
            Bundle b = FrameworkUtil.getBundle(ServeCommand.class);
            return b == null ? null : b.getBundleContext();
        });
    }

    ServeCommand(Supplier<BundleContext> context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port: " + port + " is not a TCP port (0 to 65535)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BundleContext ctx = context.get();
        if (ctx == null) {
            err.println("cityeval: serve runs in the cityeval runtime: start it with bin/cityeval serve");
            return FAILED;
        }
        System.setProperty(PORT, Integer.toString(port));
        System.setProperty(HOST, host);
        for (String[] p : new String[][] { { PORT, Integer.toString(port), "--port" }, { HOST, host, "--host" } }) {
            if (!p[1].equals(ctx.getProperty(p[0]))) {
                err.println("cityeval: -D" + p[0] + "=" + ctx.getProperty(p[0]) + " overrides " + p[2] + " " + p[1]);
            }
        }
        // fail at once, in one line, for what would otherwise only show as a server that never comes up
        String effectiveHost = ctx.getProperty(HOST);
        String effectivePort = ctx.getProperty(PORT);
        String portProblem;
        try {
            portProblem = ServeChecks.portProblem(effectiveHost, Integer.parseInt(effectivePort.trim()));
        } catch (NumberFormatException e) {
            portProblem = null; // Felix HTTP reads (and rejects) a -D port itself
        }
        if (portProblem != null) {
            err.println("cityeval: " + portProblem);
            return ServeChecks.PORT_IN_USE;
        }
        String storeProblem = ServeChecks.storeProblem(ctx);
        if (storeProblem != null) {
            err.println("cityeval: " + storeProblem);
            return ServeChecks.STORE_UNAVAILABLE;
        }
        Bundle system = ctx.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        String level = ctx.getProperty(LEVEL);
        system.adapt(FrameworkStartLevel.class).setStartLevel(level == null ? 2 : Integer.parseInt(level.trim()));

        ServiceReference<?> runtime;
        try {
            runtime = awaitReference(ctx, HTTP_RUNTIME_FILTER, "the HTTP server");
            awaitReference(ctx, API_FILTER, "the cityeval web API");
        } catch (NotReady e) {
            err.println("cityeval: " + e.getMessage());
            return FAILED;
        }
        String models = ctx.getProperty("felix.fileinstall.dir");
        if (models != null) {
            awaitModels(ctx, Paths.get(models));
        }
        Object endpoint = runtime.getProperty("osgi.http.endpoint");
        String url = endpoint instanceof String[] a && a.length > 0 ? a[0]
                : endpoint != null ? endpoint.toString() : "http://" + host + ":" + port + "/";
        out.println("cityeval serving on " + url + " (Ctrl-C stops)");
        out.flush();
        untilStopping(ctx);
        return 0;
    }

    /**
     * Blocks until the framework begins to stop (or this bundle does): SIGTERM or Ctrl-C (the launcher's
     * shutdown hook), Gogo's {@code exit}. It returns at the start of the stop, not at its end, because the
     * caller goes on through picocli's code and this bundle's: their classes can still be loaded while the
     * framework stops its bundles, but not once it has stopped. The launcher then waits for the stop to end.
     */
    static void untilStopping(BundleContext ctx) throws InterruptedException {
        CountDownLatch stopping = new CountDownLatch(1);
        Bundle self = ctx.getBundle();
        SynchronousBundleListener listener = e -> {
            if (e.getType() == BundleEvent.STOPPING
                    && (e.getBundle().getBundleId() == 0 || e.getBundle().equals(self))) {
                stopping.countDown();
            }
        };
        ctx.addBundleListener(listener);
        try {
            if (ctx.getBundle(0).getState() == Bundle.ACTIVE && self.getState() == Bundle.ACTIVE) {
                stopping.await();
            }
        } finally {
            try {
                ctx.removeBundleListener(listener);
            } catch (IllegalStateException e) {
                // the bundle is already stopped: its listeners are gone with it
            }
        }
    }

    /** Waits (up to 10 s) until FileInstall has installed what models/ held when serving began. */
    private static void awaitModels(BundleContext ctx, Path models) throws IOException, InterruptedException {
        List<String> names = jars(models);
        long deadline = System.nanoTime() + MODELS_TIMEOUT_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            long installed = names.stream().filter(n -> Arrays.stream(ctx.getBundles())
                    .anyMatch(b -> b.getLocation().endsWith("/" + n) && b.getState() >= Bundle.RESOLVED)).count();
            if (installed == names.size()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static List<String> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
    }

    private static ServiceReference<?> awaitReference(BundleContext ctx, String filter, String what)
            throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(ctx, FrameworkUtil.createFilter(filter), null);
        tracker.open(true);
        try {
            if (tracker.waitForService(READY_TIMEOUT_MS) == null) {
                throw new NotReady(what + " did not start within " + READY_TIMEOUT_MS / 1000
                        + " s; run with -Dcityeval.log=debug to see why");
            }
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    private static final class NotReady extends Exception {
        private static final long serialVersionUID = 1L;

        NotReady(String message) {
            super(message);
        }
    }
}
