package org.cityeval.api.spi;

import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes a composite-indicator model with its data in another tool's format (COINr's
 * iMeta/iData, say). Registered as a whiteboard service with the property {@code cityeval.format}.
 * <p>
 * A model read this way is returned as a cityeval descriptor (JSON), so that the extender's validation
 * applies to it exactly as to a model bundle.
 */
@ConsumerType
public interface ModelFormat {
    /** Service property naming the format, e.g. {@code coinr}. */
    String NAME = "cityeval.format";

    /**
     * @param descriptor a cityeval model descriptor (JSON bytes)
     * @param data       the units and their values; units need not be registry cities
     */
    @ProviderType
    record Imported(byte[] descriptor, CityDataset data) {
    }

    /**
     * @param files the format's files by name (for COINr: {@code iMeta}, {@code iData}) with their sources
     *              for messages in {@code sources}
     * @throws BadInputException naming file, row and column
     */
    Imported read(Map<String, byte[]> files, Map<String, String> sources) throws BadInputException;

    /** @return the format's files by name, e.g. {@code iMeta.csv} and {@code iData.csv} */
    Map<String, byte[]> write(EvaluationModel model, CityDataset data);
}
