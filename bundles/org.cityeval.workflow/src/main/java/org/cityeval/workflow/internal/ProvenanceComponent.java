package org.cityeval.workflow.internal;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.ValueSource;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.DataSources;
import org.cityeval.api.workflow.DatasetMerging;
import org.cityeval.api.workflow.LeafProvenance;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.ProvenanceWorkflow;
import org.cityeval.api.workflow.ValueOrigin;
import org.cityeval.api.workflow.WorkflowException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Merging sources and the provenance of a city's leaf value, over the data and model workflows: kept apart from
 * {@link WorkflowComponent} so that it reads data exactly as every other workflow does (packs and uploads kept
 * parsed), through the {@link DataSources} service.
 */
@Component(service = { DatasetMerging.class, ProvenanceWorkflow.class })
public class ProvenanceComponent implements DatasetMerging, ProvenanceWorkflow {
    private final DataSources sources;
    private final ModelLookup models;

    @Activate
    public ProvenanceComponent(@Reference DataSources sources, @Reference ModelLookup models) {
        this.sources = sources;
        this.models = models;
    }

    @Override
    public CityDataset merge(List<DataSource> inputs, double tolerance) throws IOException, BadInputException {
        if (inputs.isEmpty()) {
            throw WorkflowException.invalid("no data sources to merge");
        }
        DataSource merged = DataSource.merged(inputs);
        return merged.kind() == DataSource.Kind.MERGED ? Workflows.merged(merged, tolerance, sources::read)
                : sources.read(merged);
    }

    @Override
    public LeafProvenance provenance(String modelId, DataSource data, String cityKey, String leafId, Integer year)
            throws IOException, BadInputException {
        EvaluationModel model = models.model(modelId).model();
        Indicator leaf = model.node(leafId).orElseThrow(() -> WorkflowException.notFound("model " + model.id()
                + " has no node " + WorkflowException.quote(leafId)));
        if (!leaf.leaf()) {
            throw WorkflowException.invalid(leafId + " in " + model.id() + " is not a leaf; its leaves: "
                    + String.join(", ", leaves(leaf, new ArrayList<>())));
        }
        CityDataset dataset = sources.read(data);
        List<String> columns;
        String via;
        if (dataset.valueColumns().contains(leaf.id()) || leaf.binding() == null) {
            columns = List.of(leaf.id());
            via = "column";
        } else {
            columns = leaf.binding().variables();
            via = leaf.binding().formula();
        }
        City city = city(dataset, cityKey, data);
        CityRecord record = record(dataset, city, year, columns, data);
        int index = dataset.records().indexOf(record);
        List<ValueOrigin> values = new ArrayList<>();
        for (String c : columns) {
            ValueSource s = dataset.source(index, c).orElse(null);
            if (s != null && data.kind() != DataSource.Kind.MERGED && s.input().equals(dataset.source())) {
                s = s.withInput(data.toString()); // the input as the user named it (pack:NAME), as a merge names it
            }
            values.add(new ValueOrigin(c, record.values().get(c), s,
                    dataset.sources().conflicts(city, record.year(), c)));
        }
        String name = leaf.name() == null ? leaf.id() : leaf.name().zh() != null ? leaf.name().zh() : leaf.name().en();
        return new LeafProvenance(model.id(), leaf.id(), name, city, record.year(), via, data.toString(), values);
    }

    private static List<String> leaves(Indicator n, List<String> out) {
        if (n.leaf()) {
            out.add(n.id());
        }
        for (Indicator c : n.children()) {
            leaves(c, out);
        }
        return out;
    }

    /** The city of the data that the key names: adcode, full or short name, or pinyin (case and spaces ignored). */
    private static City city(CityDataset dataset, String key, DataSource data) {
        String k = norm(key);
        Map<String, City> found = new LinkedHashMap<>();
        for (CityRecord r : dataset.records()) {
            City c = r.city();
            if (k.equals(norm(c.adcode())) || k.equals(norm(c.name())) || k.equals(norm(c.shortName()))
                    || k.equals(norm(c.pinyin()))) {
                found.putIfAbsent(c.adcode(), c);
            }
        }
        if (found.isEmpty()) {
            throw WorkflowException.notFound("no city " + WorkflowException.quote(key) + " in " + data);
        }
        if (found.size() > 1) {
            throw WorkflowException.invalid("city " + WorkflowException.quote(key) + " is ambiguous in " + data + ": "
                    + String.join(", ", found.values().stream().map(c -> c.name() + " (" + c.adcode() + ")").toList())
                    + "; give the adcode");
        }
        return found.values().iterator().next();
    }

    private static String norm(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFKC).replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** The city's record of that year, or (no year given) its latest record that has the most of the columns. */
    private static CityRecord record(CityDataset dataset, City city, Integer year, List<String> columns, DataSource data) {
        CityRecord best = null;
        long bestHas = -1;
        for (CityRecord r : dataset.records()) {
            if (!r.city().adcode().equals(city.adcode())) {
                continue;
            }
            if (year != null) {
                if (year.equals(r.year())) {
                    return r;
                }
                continue;
            }
            long has = columns.stream().filter(r.values()::containsKey).count();
            if (best == null || has > bestHas || has == bestHas && r.year() != null
                    && (best.year() == null || r.year() > best.year())) {
                best = r;
                bestHas = has;
            }
        }
        if (best == null) {
            throw WorkflowException.notFound(city.name() + (year == null ? "" : " " + year) + " is not in " + data);
        }
        return best;
    }
}
