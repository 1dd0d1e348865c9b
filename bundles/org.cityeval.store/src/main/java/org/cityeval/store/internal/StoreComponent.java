package org.cityeval.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.service.Workspace;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WorkbenchStore} service. Its folder is the framework property {@value WorkbenchStore#FOLDER}, else
 * {@code <cityeval.home>/store}; with neither (a runtime embedded without a home) it keeps everything in memory
 * and says so in the log and in {@link WorkbenchStore#status()}. Delayed: a one-shot command that never asks for
 * the store does not create its folder.
 * <p>
 * The folder's lock is taken when the component activates, synchronously, in the thread that first asks for the
 * service. A folder that cannot be opened (another {@code cityeval serve} holds its lock, or it is not a store) does
 * not fail the activation: that would print SCR's stack trace in every command that merely references the store,
 * and leave the service missing with the cause only in that trace. The component activates without a store, and
 * every use of it throws the cause as one sentence: {@link #status()} (what {@code serve} asks before it starts the
 * server, to exit at once with its own code) an {@link UncheckedIOException}, the other methods that IOException
 * or, where they declare none, the unchecked one.
 */
@Component(service = WorkbenchStore.class)
public class StoreComponent implements WorkbenchStore {
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    /** The open store, or {@code null} when it could not be opened: then {@link #failure} says why. */
    private final FileWorkbenchStore opened;
    private final IOException failure;

    @Activate
    public StoreComponent(BundleContext context) {
        FileWorkbenchStore s = null;
        IOException f = null;
        try {
            s = open(context::getProperty);
        } catch (IOException e) {
            f = e;
            LOG.debug("workbench store not opened", e);
        }
        this.opened = s;
        this.failure = f;
    }

    /** The open store; a folder that could not be opened throws its cause, every time it is used. */
    private FileWorkbenchStore store() throws IOException {
        if (opened == null) {
            throw new IOException(failure.getMessage(), failure);
        }
        return opened;
    }

    /** As {@link #store()}, for the methods that declare no IOException. */
    private FileWorkbenchStore storeUnchecked() {
        try {
            return store();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** @throws IOException naming the folder when it cannot be used; the service then stays unavailable */
    static FileWorkbenchStore open(Function<String, String> properties) throws IOException {
        Path folder = folder(properties);
        if (folder == null) {
            LOG.warn("no {} and no cityeval.home: uploads, saved results and workspaces are kept in memory only and "
                    + "lost when the runtime stops", FOLDER);
            return FileWorkbenchStore.inMemory(StoreLimits.MEMORY, Clock.systemUTC());
        }
        FileWorkbenchStore s = FileWorkbenchStore.open(folder, StoreLimits.DISK, Clock.systemUTC());
        Status st = s.status();
        LOG.info("workbench store {}: {} uploads, {} results, {} workspaces", folder, st.datasets(), st.results(),
                st.workspaces());
        for (String u : st.unreadable()) {
            LOG.warn("workbench store: skipped unreadable file {}", u);
        }
        return s;
    }

    /** @return the folder the properties name, or {@code null} for memory */
    static Path folder(Function<String, String> properties) {
        String f = properties.apply(FOLDER);
        if (f != null && !f.isBlank()) {
            return Paths.get(f.trim()).toAbsolutePath().normalize();
        }
        String home = properties.apply("cityeval.home");
        if (home != null && !home.isBlank()) {
            return Paths.get(home.trim()).toAbsolutePath().normalize().resolve("store");
        }
        return null;
    }

    @Deactivate
    void deactivate() throws IOException {
        if (opened != null) {
            opened.close();
        }
    }

    @Override
    public Status status() {
        return storeUnchecked().status();
    }

    @Override
    public StoredDataset putDataset(String name, byte[] content, Map<String, Object> summary) throws IOException {
        return store().putDataset(name, content, summary);
    }

    @Override
    public Optional<StoredDataset> dataset(String token) {
        return storeUnchecked().dataset(token);
    }

    @Override
    public Optional<byte[]> datasetContent(String token) throws IOException {
        return store().datasetContent(token);
    }

    @Override
    public List<StoredDataset> datasets() {
        return storeUnchecked().datasets();
    }

    @Override
    public StoredResult putResult(String model, String title, byte[] json) throws IOException {
        return store().putResult(model, title, json);
    }

    @Override
    public Optional<StoredResult> result(String id) {
        return storeUnchecked().result(id);
    }

    @Override
    public Optional<byte[]> resultJson(String id) throws IOException {
        return store().resultJson(id);
    }

    @Override
    public List<StoredResult> results() {
        return storeUnchecked().results();
    }

    @Override
    public Workspace putWorkspace(Workspace workspace) throws IOException {
        return store().putWorkspace(workspace);
    }

    @Override
    public Optional<Workspace> workspace(String name) {
        return storeUnchecked().workspace(name);
    }

    @Override
    public List<Workspace> workspaces() {
        return storeUnchecked().workspaces();
    }

    @Override
    public boolean deleteWorkspace(String name) throws IOException {
        return store().deleteWorkspace(name);
    }
}
