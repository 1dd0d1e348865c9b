package org.cityeval.api.service;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A named piece of work on the workbench: which upload, which models and which run options, with a title and
 * notes, so that a study can be reopened as it was left. Saved with {@link WorkbenchStore#putWorkspace}.
 *
 * @param name    the key: 1 to 64 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit
 * @param title   a title for people, or {@code null}
 * @param notes   free text, or {@code null}
 * @param dataset an upload's token ({@link WorkbenchStore.StoredDataset#token()}), or {@code null}
 * @param models  model ids, in the order chosen
 * @param year    the run's year, or {@code null} for the latest
 * @param missing the run's missing-data treatment as the CLI's {@code --missing}, or {@code null}
 * @param updated when it was last saved, ISO-8601 UTC ({@code 2026-05-01T08:30:00Z}); set by the store
 * @param years   a panel's years as the CLI's {@code --years} ({@code all}, {@code 2019-2023}, {@code 2019,2021}),
 *                or {@code null} for a one-year study; @since 1.5
 * @param normalise a panel's normalisation, {@code year} or {@code panel}, or {@code null}; @since 1.5
 */
@ProviderType
public record Workspace(String name, String title, String notes, String dataset, List<String> models, Integer year,
        String missing, String updated, String years, String normalise) {
    public Workspace {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** A one-year study's workspace (no panel). */
    public Workspace(String name, String title, String notes, String dataset, List<String> models, Integer year,
            String missing, String updated) {
        this(name, title, notes, dataset, models, year, missing, updated, null, null);
    }

    /** @return this workspace with another {@code updated} time */
    public Workspace withUpdated(String time) {
        return new Workspace(name, title, notes, dataset, models, year, missing, time, years, normalise);
    }
}
