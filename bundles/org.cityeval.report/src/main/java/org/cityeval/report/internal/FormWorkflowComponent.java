package org.cityeval.report.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.Variable;
import org.cityeval.api.data.VariableCatalog;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.workflow.CollectionForm;
import org.cityeval.api.workflow.FormRequest;
import org.cityeval.api.workflow.FormWorkflow;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Collection forms ({@link CollectionForms}, {@link FormWorkbook}): in this bundle because the workbook is
 * written by its {@link XlsxWriter}. The variable catalogue is optional: without it a bound column is labelled
 * by its id and has no range.
 */
@Component(service = FormWorkflow.class)
public class FormWorkflowComponent implements FormWorkflow {
    private final ModelCatalog catalog;
    private final CityRegistry cities;
    /** Optional and dynamic (SCR sets and clears the field); read once per form, {@code null} while no catalogue is registered. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VariableCatalog variables;

    @Activate
    public FormWorkflowComponent(@Reference ModelCatalog catalog,
            @Reference(target = "(!(cityeval.units=*))") CityRegistry cities) {
        this.catalog = catalog;
        this.cities = cities;
    }

    @Override
    public CollectionForm form(FormRequest request) {
        VariableCatalog v = variables;
        List<String> loaded = catalog.models().stream().map(m -> m.model().id()).sorted().toList();
        return CollectionForms.build(request, id -> catalog.find(id).map(LoadedModel::model), loaded, cities,
                id -> v == null ? Optional.<Variable>empty() : v.find(id));
    }

    @Override
    public byte[] workbook(FormRequest request) throws IOException {
        return FormWorkbook.write(form(request), request.lang() == null ? "zh" : request.lang().strip());
    }

}
