package org.cityeval.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

import org.cityeval.api.service.WorkbenchStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * What {@code serve} checks before it starts the server, so that the two usual reasons a second server cannot run
 * end it at once, in one line and with their own exit code, instead of a 30 s wait and a stack trace in the log:
 * <ul>
 * <li>{@value #PORT_IN_USE}: the address cannot be bound (another program listens on the port, or the host is not
 * an address of this machine). Checked by binding it, as Jetty will, and letting it go at once;</li>
 * <li>{@value #STORE_UNAVAILABLE}: the workbench store cannot be opened (another {@code cityeval serve} holds its
 * folder's lock, or the folder is not a store). Checked by asking the store for its status, which opens it (and
 * takes its lock) in this thread; {@code serve} then holds the store until it stops.</li>
 * </ul>
 * Both run before the server bundles start, so neither Jetty nor the dashboard is ever up while {@code /api} is
 * not. A port taken between the check and Jetty's bind (a race with another program) is still found by the wait
 * for the HTTP server, as before.
 */
final class ServeChecks {
    static final int PORT_IN_USE = 5;
    static final int STORE_UNAVAILABLE = 6;

    private ServeChecks() {
    }

    /** @return why {@code host:port} cannot be bound, in one sentence, or {@code null} when it can */
    static String portProblem(String host, int port) {
        if (port == 0) {
            return null; // any free port
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as Jetty binds: a port in TIME_WAIT is free, one listened on is not
            s.bind(new InetSocketAddress(host, port));
            return null;
        } catch (BindException e) {
            // EADDRINUSE; the other bind failure, EADDRNOTAVAIL ("Cannot assign requested address"), is a foreign host
            if (e.getMessage() == null || !e.getMessage().contains("in use")) {
                return "--host " + host + " is not an address of this machine (" + e.getMessage() + ")";
            }
            return "port " + port + " on " + host + " is in use (" + e.getMessage() + "): another program, perhaps"
                    + " another cityeval serve, listens there; stop it or choose another port with --port";
        } catch (UnknownHostException | IllegalArgumentException e) {
            return "--host " + host + " is not an address of this machine";
        } catch (IOException e) {
            return "cannot listen on " + host + ":" + port + ": " + e.getMessage();
        } catch (SecurityException e) {
            return "not allowed to listen on " + host + ":" + port;
        }
    }

    /**
     * Opens the workbench store, when the runtime has one, and keeps it open (the reference is released when the
     * framework stops).
     *
     * @return why it cannot be opened, in one sentence, or {@code null} when it is open or absent
     */
    static String storeProblem(BundleContext ctx) {
        ServiceReference<WorkbenchStore> ref = ctx.getServiceReference(WorkbenchStore.class);
        if (ref == null) {
            return null; // a runtime without a store: the web API says so where it needs one
        }
        WorkbenchStore store = ctx.getService(ref);
        if (store == null) {
            return "the workbench store could not be started; run with -Dcityeval.log=debug to see why";
        }
        try {
            store.status();
            return null;
        } catch (UncheckedIOException e) {
            ctx.ungetService(ref);
            return "the workbench store cannot be opened: " + e.getMessage();
        }
    }
}
