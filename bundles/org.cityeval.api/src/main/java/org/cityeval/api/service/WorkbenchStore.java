package org.cityeval.api.service;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the workbench keeps for its users: uploaded datasets (the original file, so that it can be read again
 * after a restart), saved evaluation results (JSON) and {@link Workspace}s.
 * <p>
 * With a folder (framework property {@value #FOLDER}, default {@code <cityeval.home>/store}) everything is on
 * disk, one file per entry (an upload: its file and a description), each written atomically and durably: a
 * crash loses at most the save in progress, and what was saved before is intact. Without one the store keeps
 * everything in memory until the runtime stops, and {@link Status#persistent()} says so.
 * <p>
 * Failures: {@link IllegalArgumentException} for an unusable name or content (the message says which),
 * {@link IllegalStateException} when a limit is reached and nothing may be dropped to make room,
 * {@link IOException} when the disk fails (nothing half-written is left).
 */
@ProviderType
public interface WorkbenchStore {
    /** Framework property: the store's folder. */
    String FOLDER = "cityeval.store";

    /**
     * Where the store keeps things and how much it holds.
     *
     * @param persistent   whether entries survive a restart
     * @param folder       the folder, or {@code null} in memory
     * @param retention    what is kept and for how long, in one sentence for people
     * @param datasets     uploads kept
     * @param datasetBytes their total size
     * @param results      saved results
     * @param workspaces   workspaces
     * @param unreadable   files found unreadable when the store was opened (left in place, not listed)
     */
    @ProviderType
    record Status(boolean persistent, String folder, String retention, int datasets, long datasetBytes, int results,
            int workspaces, List<String> unreadable) {
        public Status {
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * An upload as kept.
     *
     * @param token   128 random bits as 32 hex digits: the upload's key
     * @param name    the file's name as uploaded (its extension says how to read it)
     * @param size    the file's size in bytes
     * @param sha256  the file's SHA-256, hex
     * @param created when it was uploaded, ISO-8601 UTC
     * @param summary what the upload answered: cities, records, columns, years
     */
    @ProviderType
    record StoredDataset(String token, String name, long size, String sha256, String created,
            Map<String, Object> summary) {
        public StoredDataset {
            summary = Map.copyOf(summary);
        }
    }

    /**
     * A saved result's description (its JSON: {@link #resultJson}).
     *
     * @param id     32 hex digits
     * @param model  the model id it is a result of, or {@code null}
     * @param title  a title for people, or {@code null}
     * @param saved  when, ISO-8601 UTC
     * @param size   the JSON's size in bytes
     * @param sha256 the JSON's SHA-256, hex
     */
    @ProviderType
    record StoredResult(String id, String model, String title, String saved, long size, String sha256) {
    }

    Status status();

    /**
     * Keeps an upload, dropping the least recently used uploads no workspace refers to when a limit (count,
     * total size) would be passed.
     *
     * @param name    the file's name
     * @param content the file as uploaded
     * @param summary what to answer about it (JSON-compatible values)
     */
    StoredDataset putDataset(String name, byte[] content, Map<String, Object> summary) throws IOException;

    /** @return the upload, if kept; counts as a use */
    Optional<StoredDataset> dataset(String token);

    /**
     * @return the file as uploaded, checked against its SHA-256
     * @throws IOException when the file is unreadable or altered
     */
    Optional<byte[]> datasetContent(String token) throws IOException;

    /** @return the uploads, oldest first */
    List<StoredDataset> datasets();

    /**
     * Saves a result, dropping the oldest saved result when the limit would be passed.
     *
     * @param json one JSON value (the result as the API answers it)
     */
    StoredResult putResult(String model, String title, byte[] json) throws IOException;

    Optional<StoredResult> result(String id);

    /** @return the result's JSON, checked against its SHA-256 */
    Optional<byte[]> resultJson(String id) throws IOException;

    /** @return the saved results, oldest first */
    List<StoredResult> results();

    /**
     * Creates or replaces a workspace; its {@code updated} is set to now.
     *
     * @return the workspace as saved
     */
    Workspace putWorkspace(Workspace workspace) throws IOException;

    Optional<Workspace> workspace(String name);

    /** @return the workspaces by name */
    List<Workspace> workspaces();

    /** @return whether there was one */
    boolean deleteWorkspace(String name) throws IOException;
}
