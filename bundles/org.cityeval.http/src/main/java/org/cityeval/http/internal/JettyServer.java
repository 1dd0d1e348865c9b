package org.cityeval.http.internal;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the API needs of the container that the servlet whiteboard does not offer: the server's error pages in
 * the API's format ({@link ErrorPages}), and ending a connection whose body is late ({@link #abort}).
 * <p>
 * Felix HTTP (Jetty 12) hands its {@link Server} only to a {@link ConnectorFactory} service: this component is
 * one. It installs {@link ErrorPages} as the server's error handler (in place of Jetty's HTML pages, also used
 * for paths outside {@code /api} and requests refused before any servlet) and gives back a
 * {@link LocalConnector}, an in-memory connector with no socket, which nothing uses. When the component stops,
 * the previous error handler is put back.
 */
@Component(service = ConnectorFactory.class, immediate = true)
public class JettyServer implements ConnectorFactory {
    private Server server;
    private Request.Handler previous;
    private Request.Handler ours;

    @Override
    public synchronized Connector createConnector(Server s) {
        this.server = s;
        this.previous = s.getErrorHandler();
        this.ours = new ErrorPages();
        s.setErrorHandler(ours);
        return new LocalConnector(s);
    }

    @Deactivate
    synchronized void deactivate() {
        if (server != null && server.getErrorHandler() == ours) {
            server.setErrorHandler(previous);
        }
        server = null;
    }

    /**
     * Closes the connection of a request, so that a read blocked on its body fails at once. Does nothing
     * outside Jetty (e.g. in unit tests with a fake request).
     */
    static void abort(HttpServletRequest request) {
        try {
            ServletContextRequest r = ServletContextRequest.getServletContextRequest(request);
            r.getConnectionMetaData().getConnection().getEndPoint().close();
        } catch (RuntimeException | LinkageError e) {
            // not a Jetty request, or already closed: nothing to end
        }
    }
}
