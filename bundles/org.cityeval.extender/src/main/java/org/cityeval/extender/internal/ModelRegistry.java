package org.cityeval.extender.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.CatalogOverview;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.service.ModelOverview;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The one registry of models: the {@link EvaluationModel} services (whiteboard), whoever registered them, and
 * the load failures the extender reports. The {@code ModelCatalog} answers from an immutable snapshot of it,
 * so readers never wait and always see models and failures of one instant.
 * <p>
 * For a model id registered more than once, the service a {@code @Reference} would bind wins (highest
 * service ranking, then the oldest); the others are listed as failures. The extender itself refuses a
 * duplicate before registering it, so this only happens with models registered by code.
 * <p>
 * Thread safety: every change holds {@link #lock}; {@link #update} nests, and the snapshot is published when
 * the outermost update ends, so a reader never sees half of an operation (say a model registered but its
 * old failure still listed).
 */
final class ModelRegistry {
    /** Service property: entry path of the descriptor the model was read from. */
    static final String PROPERTY_DESCRIPTOR = "cityeval.model.descriptor";
    /** Service property: version of the bundle revision the descriptor was read from. */
    static final String PROPERTY_BUNDLE_VERSION = "cityeval.model.bundleVersion";
    /** Service property: symbolic name of the bundle the descriptor was read from. */
    static final String PROPERTY_BUNDLE = "cityeval.model.bundle";

    /** Held for every change, by the extender for a whole bundle operation. */
    final ReentrantLock lock = new ReentrantLock();

    /** One registered model service. */
    record Entry(ServiceReference<?> ref, LoadedModel loaded, Supplier<Optional<URL>> reference) {
    }

    private final Map<ServiceReference<?>, Entry> services = new HashMap<>();
    private final Map<Long, List<ModelLoadError>> failures = new TreeMap<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), List.of());

    /** What the catalog answers from. */
    record Snapshot(Map<String, Entry> byId, List<LoadedModel> models, List<ModelLoadError> failures) {
        CatalogOverview overview() {
            List<ModelOverview> list = new ArrayList<>();
            for (LoadedModel lm : models) {
                list.add(Overviews.of(lm));
            }
            return new CatalogOverview(list, failures);
        }
    }

    /** Runs a change under the lock; the outermost one publishes the new snapshot. */
    void update(Runnable change) {
        lock.lock();
        try {
            change.run();
        } finally {
            try {
                if (lock.getHoldCount() == 1) {
                    publish();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    Snapshot snapshot() {
        return snapshot;
    }

    // --- the whiteboard: every EvaluationModel service ------------------------------------------------------

    /** A model service appeared (ours, registered under the lock, or one registered by code). */
    void added(ServiceReference<?> ref, EvaluationModel model) {
        update(() -> services.put(ref, entry(ref, model)));
    }

    /** Its properties changed (ranking, version). */
    void modified(ServiceReference<?> ref, EvaluationModel model) {
        update(() -> services.computeIfPresent(ref, (r, e) -> entry(ref, model)));
    }

    void removed(ServiceReference<?> ref) {
        update(() -> services.remove(ref));
    }

    /** The extender serves this (last good) model's reference data from memory, not from its bundle. */
    void reference(ServiceReference<?> ref, Supplier<Optional<URL>> reference) {
        update(() -> services.computeIfPresent(ref, (r, e) -> new Entry(r, e.loaded(), reference)));
    }

    /** A bundle's current load failures (an empty list when it has none or has gone). */
    void failures(long bundleId, List<ModelLoadError> list) {
        update(() -> {
            if (list.isEmpty()) {
                failures.remove(bundleId);
            } else {
                failures.put(bundleId, List.copyOf(list));
            }
        });
    }

    /**
     * The model service now serving an id, as the catalog lists it; read under the lock, so it includes changes
     * of the operation in progress.
     */
    Optional<Entry> owner(String modelId) {
        lock.lock();
        try {
            return Optional.ofNullable(winners().get(modelId));
        } finally {
            lock.unlock();
        }
    }

    private static Entry entry(ServiceReference<?> ref, EvaluationModel model) {
        Bundle b = ref.getBundle();
        String bsn = text(ref.getProperty(PROPERTY_BUNDLE), b == null ? "-" : b.getSymbolicName());
        String version = text(ref.getProperty(PROPERTY_BUNDLE_VERSION), b == null ? "-" : b.getVersion().toString());
        String descriptor = text(ref.getProperty(PROPERTY_DESCRIPTOR), "service " + ref.getProperty(Constants.SERVICE_ID));
        LoadedModel loaded = new LoadedModel(model, bsn, version, descriptor);
        Supplier<Optional<URL>> reference = () -> {
            Bundle owner = ref.getBundle(); // null once unregistered
            return owner == null || model.reference() == null ? Optional.empty()
                    : Optional.ofNullable(owner.getEntry(model.reference().path()));
        };
        return new Entry(ref, loaded, reference);
    }

    private static String text(Object property, String otherwise) {
        return property instanceof String s && !s.isBlank() ? s : otherwise;
    }

    /** For each id the service a reference would bind: highest ranking, then lowest service id. */
    private Map<String, Entry> winners() {
        Map<String, Entry> byId = new HashMap<>();
        for (Entry e : services.values()) {
            byId.merge(e.loaded().model().id(), e, (a, b) -> a.ref().compareTo(b.ref()) >= 0 ? a : b);
        }
        return byId;
    }

    private void publish() {
        Map<String, Entry> byId = winners();
        List<ModelLoadError> all = new ArrayList<>();
        failures.values().forEach(all::addAll);
        for (Entry e : services.values()) {
            Entry winner = byId.get(e.loaded().model().id());
            if (winner != e) {
                LoadedModel w = winner.loaded();
                all.add(new ModelLoadError(e.loaded().bundle(), e.loaded().descriptor(), "$.id", "model id '"
                        + w.model().id() + "' is already provided by " + w.bundle() + "/" + w.descriptor()));
            }
        }
        all.sort(Comparator.comparing(ModelLoadError::bundle).thenComparing(ModelLoadError::descriptor));
        Map<String, Entry> sorted = new LinkedHashMap<>();
        byId.keySet().stream().sorted().forEach(id -> sorted.put(id, byId.get(id)));
        snapshot = new Snapshot(sorted, sorted.values().stream().map(Entry::loaded).toList(), List.copyOf(all));
    }

    // --- reads, lock-free --------------------------------------------------------------------------------------

    Optional<LoadedModel> find(String modelId) {
        return Optional.ofNullable(snapshot.byId().get(modelId)).map(Entry::loaded);
    }

    Optional<URL> referenceOf(String modelId) {
        Entry e = snapshot.byId().get(modelId);
        return e == null ? Optional.empty() : e.reference().get();
    }
}
