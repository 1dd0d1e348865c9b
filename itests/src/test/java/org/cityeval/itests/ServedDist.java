package org.cityeval.itests;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code cityeval serve} of the full distribution shared by the tests of one class: started by {@link Dist#serve}
 * (a free port of 127.0.0.1, waiting until it serves) before the first test, stopped with SIGTERM after the last,
 * the class failing if it does not stop (a hang guard). Register it in a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ServedDist SERVER = new ServedDist();
 * </pre>
 */
final class ServedDist implements BeforeAllCallback, AfterAllCallback {
    private final String javaOpts;
    private Dist.Served served;

    ServedDist() {
        this(null);
    }

    /** @param javaOpts {@code CITYEVAL_JAVA_OPTS} for the server, or {@code null} */
    ServedDist(String javaOpts) {
        this.javaOpts = javaOpts;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        served = Dist.serve(Dist.home(), javaOpts);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (served != null) {
            Process p = served.process();
            served = null;
            p.destroy(); // SIGTERM: the shutdown hook stops the framework
            Waits.exit(p, "server did not stop on SIGTERM");
        }
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    String base() {
        if (served == null) {
            throw new IllegalStateException("the server runs only while the tests of the class run "
                    + "(register ServedDist with @RegisterExtension on a static field)");
        }
        return served.base();
    }
}
