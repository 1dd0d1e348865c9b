package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** The port check binds the address as Jetty will, and says in one sentence why it cannot. */
class ServeChecksTest {

    @Test
    void aPortSomeoneListensOnIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertEquals("port " + port + " on 127.0.0.1 is in use (Address already in use): another program, perhaps"
                    + " another cityeval serve, listens there; stop it or choose another port with --port",
                    ServeChecks.portProblem("127.0.0.1", port));
        }
    }

    @Test
    void aFreePortAndPortZeroAreFine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertNull(ServeChecks.portProblem("127.0.0.1", port));
        assertNull(ServeChecks.portProblem("127.0.0.1", 0));
    }

    @Test
    void aHostThatIsNotThisMachineIsSaidSo() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine
        assertEquals("--host 192.0.2.1 is not an address of this machine (Cannot assign requested address)",
                ServeChecks.portProblem("192.0.2.1", 8080));
    }
}
