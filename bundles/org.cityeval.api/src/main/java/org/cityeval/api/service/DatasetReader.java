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

    /**
     * Reads a dataset whose rows are units of the given level: {@code city} resolves them against the city
     * registry (as {@link #read(String, InputStream)}), {@code county} against the county registry (names may be
     * qualified by their city, 北京市朝阳区), {@code free} takes each row's code as it is, with no registry.
     *
     * @param units one of {@link org.cityeval.api.model.EvaluationModel#UNITS_CITY}, {@code UNITS_COUNTY},
     *              {@code UNITS_FREE}
     * @throws BadInputException with file, row and column of the first problem, or when no registry of that level
     *                           is installed
     * @since 1.5
     */
    default CityDataset read(String sourceName, InputStream in, String units) throws BadInputException {
        if (units == null || units.equals("city")) {
            return read(sourceName, in);
        }
        throw new BadInputException(sourceName, null, "this reader reads city units only, not '" + units + "'");
    }
}
