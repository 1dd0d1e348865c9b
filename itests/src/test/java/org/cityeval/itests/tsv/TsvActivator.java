package org.cityeval.itests.tsv;

import java.util.Dictionary;
import java.util.Hashtable;

import org.cityeval.api.spi.DatasetImporter;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the TSV importer as a whiteboard service while its bundle is active. */
public class TsvActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("cityeval.importer", "tsv");
        context.registerService(DatasetImporter.class, new TsvImporter(), props);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
