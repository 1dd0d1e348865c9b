package org.cityeval.api.spi;

import java.io.InputStream;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRegistry;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a file format into a city dataset. Registered as a whiteboard service; the runtime's dataset
 * reader picks the first importer that accepts a file name.
 */
@ConsumerType
public interface DatasetImporter {

    /** @return true when this importer reads files with this name (usually by extension) */
    boolean accepts(String sourceName);

    /**
     * @param sourceName file name for messages
     * @param in         the content; not closed
     * @param cities     resolves city keys; ambiguity is an error
     * @throws BadInputException naming row and column of the first problem
     */
    CityDataset read(String sourceName, InputStream in, CityRegistry cities) throws BadInputException;
}
