package org.cityeval.api.service;

import java.util.List;
import java.util.Map;

import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.ReferenceData;
import org.cityeval.api.model.Scale;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a listing of models shows: identity, size of the tree, where the weights come from, and where
 * the model was loaded from. Every front end (CLI {@code models}, shell, web API) shows this same record.
 *
 * @param id            model id
 * @param title         report title
 * @param institution   institution
 * @param edition       edition
 * @param year          year
 * @param scale         scale of the total
 * @param levels        number of indicators per level, level 1 first (e.g. [4, 11, 31])
 * @param weights       number of weights per provenance: published, derived, inferred, assumed
 * @param tiers         tier rule name, or {@code null}
 * @param groups        group kinds the model reports
 * @param reference     shipped reference data, or {@code null}
 * @param notes         the model's statements on its completeness
 * @param bundle        contributing bundle
 * @param bundleVersion its version
 * @param descriptor    descriptor entry in the bundle
 */
@ProviderType
public record ModelOverview(String id, LocalizedText title, LocalizedText institution, String edition, int year,
        Scale scale, List<Integer> levels, Map<String, Integer> weights, String tiers, List<String> groups,
        ReferenceData reference, List<String> notes, String bundle, String bundleVersion, String descriptor) {
}
