package org.cityeval.report.internal;

import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;

/**
 * An indicator of a model's tree, flattened (tree order, parent by id), as the report tables list it.
 *
 * @param id         node id
 * @param zh         Chinese name, or {@code null}
 * @param en         English name, or {@code null}
 * @param level      0 for the root
 * @param parent     parent id, or {@code null} for the root
 * @param weight     weight in points
 * @param provenance where the weight comes from
 * @param note       the weight's note, or {@code null}
 */
record TreeNode(String id, String zh, String en, int level, String parent, double weight, String provenance,
        String note) {

    /** @return the Chinese name, else the English one, else the id */
    String label() {
        return zh != null ? zh : en != null ? en : id;
    }

    /** Every node of the model in tree order, the root first. */
    static List<TreeNode> flatten(EvaluationModel model) {
        List<TreeNode> out = new ArrayList<>();
        if (model != null && model.root() != null) {
            add(model.root(), null, out);
        }
        return out;
    }

    private static void add(Indicator node, String parent, List<TreeNode> out) {
        out.add(new TreeNode(node.id(), node.name() == null ? null : node.name().zh(),
                node.name() == null ? null : node.name().en(), node.level(), parent,
                node.weight() == null ? Double.NaN : node.weight().value(),
                node.weight() == null || node.weight().provenance() == null ? null : node.weight().provenance().toString(),
                node.weight() == null ? null : node.weight().note()));
        for (Indicator child : node.children()) {
            add(child, node.id(), out);
        }
    }

    /** The deepest level of the tree (0 for a root alone). */
    static int depth(List<TreeNode> nodes) {
        return nodes.stream().mapToInt(TreeNode::level).max().orElse(0);
    }
}
