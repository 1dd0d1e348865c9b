package org.cityeval.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/**
 * A folder another process holds does not fail the component's activation (SCR would print its stack trace in
 * every command that references the store): the component activates, and each use throws the cause as one
 * sentence, which {@code serve} prints before it would start the server.
 */
class StoreComponentTest {
    @TempDir
    Path dir;

    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(StoreComponentTest.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aFolderHeldByAnotherProcessIsReportedByEveryUseNotByTheActivation() throws IOException {
        try (FileWorkbenchStore other = FileWorkbenchStore.open(dir, StoreLimits.DISK, Clock.systemUTC())) {
            StoreComponent store = new StoreComponent(context(Map.of("cityeval.store", dir.toString())));
            UncheckedIOException status = assertThrows(UncheckedIOException.class, store::status);
            assertEquals(dir + ": the store is in use by another cityeval process (it holds " + dir.resolve(".lock")
                    + "); give each server its own -Dcityeval.store", status.getMessage());
            IOException put = assertThrows(IOException.class, () -> store.putDataset("a.csv", new byte[1], Map.of()));
            assertEquals(status.getMessage(), put.getMessage());
            assertThrows(UncheckedIOException.class, store::datasets);
            store.deactivate(); // nothing to close, nothing thrown
        }
    }

    @Test
    void aFreeFolderOpensAndTakesTheLockAtActivation() throws IOException {
        StoreComponent store = new StoreComponent(context(Map.of("cityeval.store", dir.toString())));
        try {
            assertTrue(store.status().persistent());
            IOException e = assertThrows(IOException.class,
                    () -> FileWorkbenchStore.open(dir, StoreLimits.DISK, Clock.systemUTC()));
            assertTrue(e.getMessage().contains("in use by another cityeval process"), e.getMessage());
        } finally {
            store.deactivate();
        }
    }
}
