package org.cityeval.extender.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.Indicator;

/** The last stage of reading a descriptor: the built indicator tree has no reference cycle. */
final class ReferenceCycles {
    private ReferenceCycles() {
    }

    /**
     * Refuses reference cycles ({@code paths}: the JSON path of each indicator, by id, for the message). The only references between indicators a descriptor can write are binding
     * variables that name an indicator of the model (the binding then reads that indicator's column); an
     * indicator with children depends on them through its aggregation. A cycle in these dependencies, say a
     * leaf bound to itself or to one of its ancestors, is reported at the binding variable that closes it,
     * with the cycle, e.g. {@code a -> b -> a}. Everything else a descriptor names is a rule, a catalogue
     * variable, a file or an id within one list, none of which can refer back. Iterative, so a chain of
     * {@link DescriptorParser#MAX_NODES} references cannot exhaust the stack.
     */
    static void check(Indicator root, Map<String, String> paths) throws DescriptorException {
        Map<String, Indicator> byId = new LinkedHashMap<>();
        Deque<Indicator> todo = new ArrayDeque<>(root.children());
        while (!todo.isEmpty()) { // document order
            Indicator i = todo.pop();
            byId.put(i.id(), i);
            for (int k = i.children().size() - 1; k >= 0; k--) {
                todo.push(i.children().get(k));
            }
        }
        Map<String, Integer> state = new HashMap<>(); // absent: unseen, 1: on the current path, 2: done
        for (String start : byId.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // depth-first with an explicit stack; each node's dependencies are listed once, so the walk is
            // linear in indicators and references even for a group of 10,000 children
            Deque<Visit> stack = new ArrayDeque<>();
            stack.push(new Visit(start, dependencies(byId.get(start), byId)));
            state.put(start, 1);
            while (!stack.isEmpty()) {
                Visit at = stack.peek();
                if (at.next == at.out.size()) {
                    state.put(at.id, 2);
                    stack.pop();
                    continue;
                }
                String to = at.out.get(at.next++);
                Integer s = state.get(to);
                if (s == null) {
                    state.put(to, 1);
                    stack.push(new Visit(to, dependencies(byId.get(to), byId)));
                } else if (s == 1) {
                    throw cycle(stack, to, byId, paths);
                }
            }
        }
    }

    /** A node on the depth-first path, with what it depends on and the next of those to follow. */
    private static final class Visit {
        final String id;
        final List<String> out;
        int next;

        Visit(String id, List<String> out) {
            this.id = id;
            this.out = out;
        }
    }

    /** What an indicator's value depends on: its children, or the indicators its binding names. */
    private static List<String> dependencies(Indicator i, Map<String, Indicator> byId) {
        if (!i.leaf()) {
            return i.children().stream().map(Indicator::id).toList();
        }
        if (i.binding() == null) {
            return List.of();
        }
        return i.binding().variables().stream().filter(byId::containsKey).distinct().toList();
    }

    /** The cycle from {@code to} around to itself, reported at the first binding variable on it. */
    private static DescriptorException cycle(Deque<Visit> stack, String to, Map<String, Indicator> byId,
            Map<String, String> paths) {
        List<String> cycle = new ArrayList<>();
        for (Iterator<Visit> it = stack.descendingIterator(); it.hasNext();) {
            String id = it.next().id;
            if (id.equals(to) || !cycle.isEmpty()) {
                cycle.add(id);
            }
        }
        cycle.add(to);
        // containment alone has no cycles, so one of the edges is a binding: start the cycle there
        int n = cycle.size();
        int k = 0;
        while (!byId.get(cycle.get(k)).leaf()) {
            k++;
        }
        List<String> from = new ArrayList<>(cycle.subList(k, n));
        from.addAll(cycle.subList(1, k + 1));
        Indicator bound = byId.get(from.get(0));
        String at = paths.get(bound.id()) + ".binding.variables[" + bound.binding().variables().indexOf(from.get(1)) + "]";
        String shown = from.size() <= 12 ? String.join(" -> ", from)
                : String.join(" -> ", from.subList(0, 6)) + " -> … (" + (from.size() - 11) + " more) … -> "
                        + String.join(" -> ", from.subList(from.size() - 5, from.size()));
        return new DescriptorException(at, "reference cycle " + shown
                + ": a binding variable names an indicator whose value depends on this one");
    }
}
