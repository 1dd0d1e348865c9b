package org.cityeval.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.spi.DatasetImporter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.CollectionType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The DatasetReader service. Importers are whiteboard services, so a bundle that registers one (say for
 * OpenDocument) adds a file format without touching this one.
 */
@Component(service = DatasetReader.class)
public class DatasetReaderComponent implements DatasetReader {
    /** Service property naming an importer's format in messages, e.g. {@code csv}. */
    static final String IMPORTER = "cityeval.importer";

    /*
     * Replaced whole by SCR on every change (hence volatile), sorted as ServiceReference.compareTo sorts:
     * lowest ranking first. read() walks it backwards so the highest-ranked importer is asked first.
     */
    @Reference(service = DatasetImporter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, collectionType = CollectionType.TUPLE)
    volatile List<Map.Entry<Map<String, Object>, DatasetImporter>> importers = List.of();

    /** The 337 cities; the county registry is told apart by its {@code cityeval.units} property. */
    @Reference(target = "(!(cityeval.units=*))")
    CityRegistry cities;

    /** The county-level divisions (bundle org.cityeval.counties), when installed. */
    @Reference(target = "(cityeval.units=county)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    volatile CityRegistry counties;

    /** How large a data file may be; see {@link DatasetLimits} for the framework properties. */
    DatasetLimits limits = DatasetLimits.DEFAULTS;

    @Activate
    void activate(BundleContext context) {
        limits = DatasetLimits.from(context::getProperty);
    }

    @Override
    public CityDataset read(String sourceName, InputStream in) throws BadInputException {
        return read(sourceName, in, cities);
    }

    @Override
    public CityDataset read(String sourceName, InputStream in, String units) throws BadInputException {
        if (units == null || units.equals(EvaluationModel.UNITS_CITY)) {
            return read(sourceName, in, cities);
        }
        if (units.equals(EvaluationModel.UNITS_FREE)) {
            return read(sourceName, in, FreeUnits.INSTANCE);
        }
        if (units.equals(EvaluationModel.UNITS_COUNTY)) {
            CityRegistry c = counties;
            if (c == null) {
                throw new BadInputException(sourceName, null, "county units need the county registry (bundle "
                        + "org.cityeval.counties), which is not installed");
            }
            return read(sourceName, in, new CountyUnits(c, cities));
        }
        throw new BadInputException(sourceName, null, "unknown unit level '" + units + "' (city, county or free)");
    }

    private CityDataset read(String sourceName, InputStream in, CityRegistry cities) throws BadInputException {
        List<Map.Entry<Map<String, Object>, DatasetImporter>> list = importers;
        for (int i = list.size() - 1; i >= 0; i--) {
            DatasetImporter importer = list.get(i).getValue();
            if (importer.accepts(sourceName)) {
                DatasetLimits l = limits;
                checkSize(sourceName, in, l);
                return importer.read(sourceName, l.bounded(in), cities);
            }
        }
        StringBuilder known = new StringBuilder();
        for (int i = list.size() - 1; i >= 0; i--) {
            Object name = list.get(i).getKey().get(IMPORTER);
            known.append(known.length() == 0 ? "" : ", ").append(name == null ? "unnamed" : name);
        }
        throw new BadInputException(sourceName, null, "no importer reads this kind of file; known: "
                + (known.length() == 0 ? "none" : known));
    }

    /**
     * Refuses a file over the byte limit before its first byte is parsed, when its size is known: a file on disk
     * and an upload in memory say how many bytes remain through {@code available()} (the streams of
     * {@code Files.newInputStream} and {@code ByteArrayInputStream} give exactly that). Other streams (a pipe,
     * a network stream) say 0 or less, and are counted as they are read ({@link DatasetLimits#bounded}).
     */
    static void checkSize(String sourceName, InputStream in, DatasetLimits limits) throws BadInputException {
        long size;
        try {
            size = in.available();
        } catch (IOException e) {
            return; // counted while read
        }
        // available() is an int: a file of 2 GiB or more says Integer.MAX_VALUE, over any limit that fits an int
        if (size > limits.maxBytes()) {
            throw new BadInputException(sourceName, null, limits.tooManyBytes(size == Integer.MAX_VALUE ? 0 : size));
        }
    }
}
