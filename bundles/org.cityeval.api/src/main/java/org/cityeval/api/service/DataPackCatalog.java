package org.cityeval.api.service;

import java.net.URL;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Datasets shipped in data-pack bundles, addressed by name ({@code pack:china-cities} on the command
 * line).
 */
@ProviderType
public interface DataPackCatalog {

    /**
     * @param name        e.g. {@code china-cities}
     * @param description what it holds
     * @param bundle      the bundle shipping it
     * @param file        entry path in the bundle (its extension tells the importer)
     */
    @ProviderType
    record DataPack(String name, String description, String bundle, String file) {
    }

    List<DataPack> packs();

    Optional<URL> open(String name);
}
