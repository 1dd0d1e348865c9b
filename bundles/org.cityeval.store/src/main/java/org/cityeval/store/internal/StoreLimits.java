package org.cityeval.store.internal;

import java.time.Duration;

/**
 * How much the store keeps.
 *
 * @param maxDatasets     uploads kept at most; beyond, the least recently used one no workspace names goes
 * @param maxDatasetBytes their total size at most, likewise
 * @param datasetTtl      how long an upload is kept after it arrived, or {@code null} for no time limit
 * @param maxResults      saved results at most; beyond, the oldest goes
 * @param maxWorkspaces   workspaces at most; beyond, a new one is refused (a workspace is never dropped)
 */
public record StoreLimits(int maxDatasets, long maxDatasetBytes, Duration datasetTtl, int maxResults, int maxWorkspaces) {
    /** In memory: the web API's former policy for uploads (the latest 20, an hour each). */
    public static final StoreLimits MEMORY = new StoreLimits(20, 512L * 1024 * 1024, Duration.ofHours(1), 100, 100);
    /** On disk: no time limit, so that a workspace's upload outlives restarts; bounded by count and size. */
    public static final StoreLimits DISK = new StoreLimits(200, 1024L * 1024 * 1024, null, 1000, 1000);

    public StoreLimits {
        if (maxDatasets < 1 || maxDatasetBytes < 1 || maxResults < 1 || maxWorkspaces < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    String describe(boolean persistent) {
        return (persistent ? "on disk: " : "in memory only, lost when the server stops: ") + "the latest " + maxDatasets
                + " uploads (" + (maxDatasetBytes / (1024 * 1024)) + " MiB at most"
                + (datasetTtl == null ? "" : ", each for " + datasetTtl.toMinutes() + " minutes")
                + "; uploads a workspace names are kept), the latest " + maxResults + " saved results, "
                + maxWorkspaces + " workspaces";
    }
}
