package org.cityeval.api.analysis;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Leave-one-out (COINr's {@code remove_elements}): each indicator, or each level-1 domain, removed in turn and the
 * model re-evaluated with its own pipeline, the removed node's siblings sharing its points in proportion to their
 * weights; per removal, every unit's rank and the mean absolute rank change against the nominal ranking.
 *
 * @param level    {@code indicator} or {@code domain}
 * @param units    the units ranked in the nominal evaluation, in its order (rank, then the data's order)
 * @param removals one per node removed, in tree order
 * @param notes    removals skipped and why (a node that is its parent's only child)
 * @since 1.6
 */
@ProviderType
public record LeaveOneOut(String model, String level, List<Unit> units, List<Removal> removals, List<String> notes) {
    public LeaveOneOut {
        units = List.copyOf(units);
        removals = List.copyOf(removals);
        notes = List.copyOf(notes);
    }

    /** A unit and its nominal rank. */
    @ProviderType
    public record Unit(String adcode, String name, String province, int nominal) {
    }

    /**
     * One removal.
     *
     * @param ranks               per unit (as {@link LeaveOneOut#units()}), its rank without the node; null where it
     *                            is not ranked then
     * @param meanAbsoluteShift   mean over the units ranked in both of |rank without the node − nominal rank|
     *                            (COINr's {@code MeanAbsDiff})
     * @param maxAbsoluteShift    the largest of those
     */
    @ProviderType
    public record Removal(String node, String name, String parent, double weight, List<Integer> ranks,
            double meanAbsoluteShift, int maxAbsoluteShift) {
        public Removal {
            ranks = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ranks));
        }
    }
}
