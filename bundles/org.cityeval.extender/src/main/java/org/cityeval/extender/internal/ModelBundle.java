package org.cityeval.extender.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.ModelLoadError;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * What one model bundle contributes: the extender's tracked object for it, from install to uninstall. It holds
 * the registrations made through the bundle's own context, per descriptor, and the last good version of each
 * descriptor, which outlives a stop or an update of the bundle (not its uninstall). Guarded by
 * {@link ModelRegistry#lock}; only {@link ModelBundles} changes it.
 */
final class ModelBundle {
    final Bundle bundle;
    /** STARTING or ACTIVE as the last bundle event said: models are registered only then. */
    boolean active;
    /** Uninstalled, or the extender has stopped: nothing is registered for it again. */
    boolean closed;
    /** By entry path, in the order of the header. */
    final Map<String, Descriptor> descriptors = new LinkedHashMap<>();

    ModelBundle(Bundle bundle) {
        this.bundle = bundle;
    }

    /** A model as read from one revision of the bundle: what serves, and what a failed update falls back to. */
    record Version(EvaluationModel model, String bundleVersion, byte[] reference) {
        Version withReference(byte[] bytes) {
            return new Version(model, bundleVersion, bytes);
        }
    }

    /** One descriptor entry of the bundle. */
    static final class Descriptor {
        final String path;
        /** The model service registered now for this descriptor, or null. */
        ServiceRegistration<EvaluationModel> registration;
        /** What {@link #registration} serves; kept when the bundle stops, as the fallback of a failed update. */
        Version lastGood;
        /** The last attempt's problems, each with its JSON path; empty when it loaded. */
        List<ModelLoadError> errors = List.of();
        /** The last attempt failed only because a rule service is missing: retried when a rule appears. */
        boolean waiting;

        Descriptor(String path) {
            this.path = path;
        }
    }
}
