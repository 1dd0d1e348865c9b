package org.cityeval.extender.internal;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.cityeval.api.model.EvaluationModel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;

/**
 * A small hand-made framework for the extender's unit tests: bundles with entries and headers, a service
 * registry that tells the {@link ModelRegistry} of every {@link EvaluationModel} service at once (service
 * events are synchronous in OSGi too), and the lifecycle calls a {@code BundleTracker} makes on the customizer,
 * in Felix's order (an update is stop, UNRESOLVED, UPDATED, start; a stop unregisters what the bundle left
 * registered and invalidates its context). Hooks let a test stop a thread at a chosen point.
 */
final class FakeFramework {
    final ModelRegistry registry = new ModelRegistry();
    final ModelBundles extender = new ModelBundles(registry);
    /** The tracked objects, as a BundleTracker keeps them. */
    final Map<Long, ModelBundle> tracked = new HashMap<>();
    /** Every live service registration. */
    final List<Registration> live = new ArrayList<>();
    private long nextBundleId = 10;
    private long nextServiceId = 1;

    FakeFramework() {
        extender.ruleAdded(DescriptorParser.RuleKind.SCORING, "direct-points");
        extender.ruleAdded(DescriptorParser.RuleKind.AGGREGATION, "weighted-sum");
    }

    // --- lifecycle, as the framework and a BundleTracker drive the customizer ------------------------------------

    FakeBundle install(String bsn, String version, Map<String, String> entries) {
        FakeBundle b = new FakeBundle(nextBundleId++, bsn);
        b.revise(version, entries);
        b.state = Bundle.INSTALLED;
        event(b);
        b.state = Bundle.RESOLVED;
        event(b);
        return b;
    }

    void start(FakeBundle b) {
        b.contextValid = true;
        b.state = Bundle.STARTING;
        event(b);
        b.state = Bundle.ACTIVE;
        event(b);
    }

    void stop(FakeBundle b) {
        b.state = Bundle.STOPPING;
        event(b);
        // the framework unregisters whatever the bundle still has registered, then invalidates its context
        for (Registration r : registrationsOf(b)) {
            r.unregister();
        }
        b.contextValid = false;
        b.state = Bundle.RESOLVED;
        event(b);
    }

    /** Bundle.update: a new revision with this version and these entries, restarted if it was active. */
    void update(FakeBundle b, String version, Map<String, String> entries) {
        boolean wasActive = b.state == Bundle.ACTIVE;
        if (wasActive) {
            stop(b);
        }
        b.revise(version, entries);
        b.state = Bundle.INSTALLED;
        event(b); // UNRESOLVED
        event(b); // UPDATED
        b.state = Bundle.RESOLVED;
        event(b);
        if (wasActive) {
            start(b);
        }
    }

    void uninstall(FakeBundle b) {
        if (b.state == Bundle.ACTIVE) {
            stop(b);
        }
        b.state = Bundle.UNINSTALLED;
        event(b);
    }

    private void event(FakeBundle b) {
        ModelBundle mb;
        synchronized (tracked) {
            mb = tracked.get(b.id);
        }
        if (mb == null) {
            if ((b.state & ModelBundles.TRACKED) != 0) {
                mb = extender.addingBundle(b.proxy, null);
                if (mb != null) {
                    synchronized (tracked) {
                        tracked.put(b.id, mb);
                    }
                }
            }
        } else if ((b.state & ModelBundles.TRACKED) == 0) {
            synchronized (tracked) {
                tracked.remove(b.id);
            }
            extender.removedBundle(b.proxy, null, mb);
        } else {
            extender.modifiedBundle(b.proxy, null, mb);
        }
    }

    List<Registration> registrationsOf(FakeBundle b) {
        synchronized (live) {
            return live.stream().filter(r -> r.bundle == b).toList();
        }
    }

    /** A model registered by plain code, not by the extender. */
    Registration registerByCode(FakeBundle b, EvaluationModel model, int ranking) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(EvaluationModel.SERVICE_PROPERTY_ID, model.id());
        p.put(Constants.SERVICE_RANKING, ranking);
        return register(b, model, p);
    }

    private Registration register(FakeBundle b, Object service, Dictionary<String, ?> properties) {
        if (!b.contextValid) {
            throw new IllegalStateException("invalid bundle context");
        }
        b.hook(Hook.REGISTER);
        Registration r;
        synchronized (live) {
            r = new Registration(b, nextServiceId++, properties, (EvaluationModel) service);
            live.add(r);
        }
        registry.added(r.reference, r.model);
        return r;
    }

    // --- points where a test can hold a thread ------------------------------------------------------------------

    enum Hook { ENTRY, REGISTER, UNREGISTER }

    /** Holds the first thread that reaches a hook until {@link #release()}. */
    static final class Pause {
        final Hook at;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        Pause(Hook at) {
            this.at = at;
        }

        void release() {
            released.countDown();
        }
    }

    // --- the fakes ---------------------------------------------------------------------------------------------------

    final class FakeBundle {
        final long id;
        final String bsn;
        volatile int state;
        volatile boolean contextValid;
        volatile Version version;
        volatile Map<String, byte[]> entries = Map.of();
        volatile Hashtable<String, String> headers = new Hashtable<>();
        volatile Pause pause;
        final Bundle proxy;
        final BundleContext context;

        FakeBundle(long id, String bsn) {
            this.id = id;
            this.bsn = bsn;
            this.proxy = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Bundle.class },
                    (p, m, args) -> switch (m.getName()) {
                        case "getBundleId" -> id;
                        case "getSymbolicName" -> bsn;
                        case "getVersion" -> version;
                        case "getState" -> state;
                        case "getHeaders" -> headers;
                        case "getEntry" -> entry((String) args[0]);
                        case "getBundleContext" -> contextValid ? context() : null;
                        case "hashCode" -> Long.hashCode(id);
                        case "equals" -> p == args[0];
                        case "toString" -> bsn + " [" + id + "]";
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            this.context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { BundleContext.class }, (p, m, args) -> switch (m.getName()) {
                        case "registerService" -> register(this, args[1], (Dictionary<String, ?>) args[2]);
                        case "getBundle" -> proxy;
                        case "getProperty" -> null;
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "context of " + bsn;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        BundleContext context() {
            return context;
        }

        /** A new revision: the header lists the descriptors (entries under OSGI-INF/cityeval/models/). */
        void revise(String v, Map<String, String> content) {
            version = Version.parseVersion(v);
            Map<String, byte[]> e = new LinkedHashMap<>();
            content.forEach((k, s) -> e.put(k, s.getBytes(StandardCharsets.UTF_8)));
            entries = e;
            Hashtable<String, String> h = new Hashtable<>();
            h.put(Constants.BUNDLE_SYMBOLICNAME, bsn);
            h.put(Constants.BUNDLE_VERSION, v);
            String descriptors = String.join(",",
                    content.keySet().stream().filter(k -> k.startsWith("OSGI-INF/cityeval/models/")).toList());
            if (!descriptors.isEmpty()) {
                h.put(ModelBundles.HEADER, descriptors);
            }
            headers = h;
        }

        private java.net.URL entry(String path) {
            hook(Hook.ENTRY);
            byte[] bytes = entries.get(path);
            return bytes == null ? null : ModelBundles.memoryUrl(bsn + "/" + path, bytes);
        }

        void hook(Hook at) {
            Pause p = pause;
            if (p != null && p.at == at) {
                pause = null; // the first thread only
                p.reached.countDown();
                try {
                    p.released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    final class Registration implements ServiceRegistration<EvaluationModel> {
        final FakeBundle bundle;
        final EvaluationModel model;
        final Hashtable<String, Object> properties = new Hashtable<>();
        final Reference reference = new Reference();
        volatile boolean unregistered;

        Registration(FakeBundle bundle, long serviceId, Dictionary<String, ?> p, EvaluationModel model) {
            this.bundle = bundle;
            this.model = model;
            for (Enumeration<String> keys = p.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                properties.put(k, p.get(k));
            }
            properties.put(Constants.SERVICE_ID, serviceId);
            properties.put(Constants.OBJECTCLASS, new String[] { EvaluationModel.class.getName() });
        }

        @Override
        public ServiceReference<EvaluationModel> getReference() {
            return reference;
        }

        @Override
        public void setProperties(Dictionary<String, ?> properties) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unregister() {
            bundle.hook(Hook.UNREGISTER);
            synchronized (live) {
                if (unregistered) {
                    throw new IllegalStateException("already unregistered");
                }
                unregistered = true;
                live.remove(this);
            }
            registry.removed(reference);
        }

        Object property(String key) {
            return properties.get(key);
        }

        final class Reference implements ServiceReference<EvaluationModel> {
            @Override
            public Object getProperty(String key) {
                return properties.get(key);
            }

            @Override
            public String[] getPropertyKeys() {
                return properties.keySet().toArray(String[]::new);
            }

            @Override
            public Bundle getBundle() {
                return unregistered ? null : bundle.proxy;
            }

            @Override
            public Bundle[] getUsingBundles() {
                return null;
            }

            @Override
            public boolean isAssignableTo(Bundle b, String className) {
                return true;
            }

            @Override
            public int compareTo(Object other) {
                Registration o = ((Reference) other).registration();
                int ranking = Integer.compare(ranking(), o.reference.ranking());
                if (ranking != 0) {
                    return ranking;
                }
                return Long.compare((Long) o.properties.get(Constants.SERVICE_ID),
                        (Long) properties.get(Constants.SERVICE_ID));
            }

            private int ranking() {
                return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
            }

            Registration registration() {
                return Registration.this;
            }

            @Override
            public Dictionary<String, Object> getProperties() {
                return new Hashtable<>(properties);
            }

            @Override
            public <A> A adapt(Class<A> type) {
                return null;
            }
        }
    }
}
