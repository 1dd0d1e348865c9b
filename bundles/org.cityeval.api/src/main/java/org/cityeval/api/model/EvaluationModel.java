package org.cityeval.api.model;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A complete evaluation methodology of one edition of one report. The model extender registers each model
 * it loads as a service, through the model bundle's own context, with the service property
 * {@code cityeval.model.id}; code may register one the same way. The {@code ModelCatalog} lists exactly the
 * registered services (for an id registered twice, the one a reference would bind).
 *
 * @param id          stable identifier, e.g. {@code guomai-psdf-2024}
 * @param title       the report's title
 * @param institution the publishing institution
 * @param edition     edition as the report names it
 * @param year        year of publication
 * @param scale       scale and display precision of the total
 * @param root        root of the indicator tree (level 0, id {@code total})
 * @param tiers       tiers of cities, or {@code null}
 * @param groups      groupings the report states results for
 * @param reference   published results shipped with the model, or {@code null}
 * @param notes       statements on the model's completeness and sources
 * @param missing     the model's missing-data treatment ({@link MissingData#NONE} when it declares none)
 * @param units       the level of the units the model evaluates: {@value #UNITS_CITY} (the 337 prefecture-level
 *                    cities, the default), {@value #UNITS_COUNTY} (county-level divisions: 区, 县, 县级市, 旗) or
 *                    {@value #UNITS_FREE} (any unit keyed by its code, without registry metadata); since 1.4
 * @param notesText   the notes in Chinese and English as the descriptor gives them (a plain string is English), same
 *                    order as {@code notes} (which holds each note's English, else its Chinese); derived from
 *                    {@code notes} when {@code null}; since 1.4
 */
@ProviderType
public record EvaluationModel(String id, LocalizedText title, LocalizedText institution, String edition, int year,
        Scale scale, Indicator root, TierScheme tiers, List<GroupScheme> groups, ReferenceData reference,
        List<String> notes, MissingData missing, String units, List<LocalizedText> notesText) {
    /** The id of the root node, and the dataset column of the total. */
    public static final String ROOT_ID = "total";

    /** Service property carrying the model id. */
    public static final String SERVICE_PROPERTY_ID = "cityeval.model.id";

    /** Units: the prefecture-level cities of the city registry (the default). @since 1.4 */
    public static final String UNITS_CITY = "city";
    /** Units: the county-level divisions of the county registry. @since 1.4 */
    public static final String UNITS_COUNTY = "county";
    /** Units: any unit keyed by a code, with no registry metadata (no province, no region). @since 1.4 */
    public static final String UNITS_FREE = "free";

    public EvaluationModel {
        groups = groups == null ? List.of() : List.copyOf(groups);
        notes = notes == null ? List.of() : List.copyOf(notes);
        missing = missing == null ? MissingData.NONE : missing;
        units = units == null ? UNITS_CITY : units;
        if (notesText == null) {
            List<LocalizedText> derived = new java.util.ArrayList<>();
            for (String n : notes) {
                derived.add(new LocalizedText(null, n));
            }
            notesText = List.copyOf(derived);
        } else {
            notesText = List.copyOf(notesText);
        }
    }

    /** A model whose notes are in one language, English (the canonical constructor of 1.4 before notesText). */
    public EvaluationModel(String id, LocalizedText title, LocalizedText institution, String edition, int year,
            Scale scale, Indicator root, TierScheme tiers, List<GroupScheme> groups, ReferenceData reference,
            List<String> notes, MissingData missing, String units) {
        this(id, title, institution, edition, year, scale, root, tiers, groups, reference, notes, missing, units, null);
    }

    /** A model of city units (the canonical constructor before 1.4). */
    public EvaluationModel(String id, LocalizedText title, LocalizedText institution, String edition, int year,
            Scale scale, Indicator root, TierScheme tiers, List<GroupScheme> groups, ReferenceData reference,
            List<String> notes, MissingData missing) {
        this(id, title, institution, edition, year, scale, root, tiers, groups, reference, notes, missing, UNITS_CITY);
    }

    /** A model with the default missing-data treatment. */
    public EvaluationModel(String id, LocalizedText title, LocalizedText institution, String edition, int year,
            Scale scale, Indicator root, TierScheme tiers, List<GroupScheme> groups, ReferenceData reference,
            List<String> notes) {
        this(id, title, institution, edition, year, scale, root, tiers, groups, reference, notes, MissingData.NONE);
    }

    /**
     * The tree search every caller needs: {@code model.node("d1").map(Indicator::children)}.
     *
     * @return the node with this id anywhere in the tree (the root is {@value #ROOT_ID})
     * @since 1.3
     */
    public java.util.Optional<Indicator> node(String id) {
        return java.util.Optional.ofNullable(find(root, id));
    }

    private static Indicator find(Indicator n, String id) {
        if (n.id().equals(id)) {
            return n;
        }
        for (Indicator c : n.children()) {
            Indicator f = find(c, id);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
