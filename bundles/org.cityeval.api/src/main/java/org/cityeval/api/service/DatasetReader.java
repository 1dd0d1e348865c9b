package org.cityeval.api.service;

import java.io.InputStream;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a dataset with whichever {@link org.cityeval.api.spi.DatasetImporter} accepts it.
 * <p>
 * Example: {@code reader.read("cities.csv", Files.newInputStream(path))}.
 */
@ProviderType
public interface DatasetReader {

    /**
     * @param sourceName file name, used to choose the importer and in messages
     * @param in         the content; not closed
     * @throws BadInputException with file, row and column of the first problem
     */
    CityDataset read(String sourceName, InputStream in) throws BadInputException;
}
