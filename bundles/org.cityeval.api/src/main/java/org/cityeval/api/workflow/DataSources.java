package org.cityeval.api.workflow;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.service.DataPackCatalog;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a {@link DataSource}: files and inline content through the importers, data packs once per pack
 * version (kept parsed), uploads from the workbench store (the last few kept parsed). Example:
 * {@code sources.read(DataSource.parse("pack:china-cities"))}.
 */
@ProviderType
public interface DataSources {
    /**
     * @throws WorkflowException NOT_FOUND for a missing file, pack or upload; UNAVAILABLE without data packs or a
     *                           store
     * @throws BadInputException from the importer, naming row and column
     */
    CityDataset read(DataSource source) throws IOException, BadInputException;

    /**
     * The raw bytes of a file or inline source (e.g. a COINr iMeta file).
     *
     * @throws WorkflowException NOT_FOUND for a missing file; INVALID for a pack or upload
     */
    byte[] bytes(DataSource source) throws IOException;

    /** @return the shipped data packs; @throws WorkflowException UNAVAILABLE without data packs */
    List<DataPackCatalog.DataPack> packs();

    /**
     * Reads an uploaded file and keeps it in the workbench store; {@link DataSource#upload(String)} with its
     * token reads it again.
     *
     * @throws WorkflowException UNAVAILABLE without a store; INVALID when the store is full
     */
    Upload upload(String name, byte[] bytes) throws IOException, BadInputException;

    /** A kept upload. */
    @ProviderType
    interface Upload {
        String token();

        String name();

        CityDataset data();

        /** @return whether the upload survives a restart */
        boolean persistent();

        /** @return token, name, cities, records, columns and years (as the store describes it) */
        Map<String, Object> summary();
    }
}
