package org.cityeval.api.workflow;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Collection forms: for {@code cityeval form}, the Gogo command {@code cityeval:form} and {@code GET /api/form}.
 * A form lists, for a set of cities and years, the values the models need, with their definitions, units,
 * directions and allowed ranges; filled in a spreadsheet program it is read back by {@code evaluate --data
 * F.xlsx} as it is.
 * Example: {@code forms.workbook(new FormRequest(List.of("ccid-digital-city-2020")).province("浙江省"))}.
 */
@ProviderType
public interface FormWorkflow {
    /**
     * @return what the form asks for
     * @throws WorkflowException {@link WorkflowException.Kind#NOT_FOUND} for an unknown model (naming the loaded
     *                           ones), {@link WorkflowException.Kind#INVALID} for an unknown city or province, a
     *                           year outside 1900..2100 or a language other than zh or en
     */
    CollectionForm form(FormRequest request);

    /**
     * @return the form as an XLSX workbook: sheet 填报 (Values) with a row per city and year and data validation
     *         on the value cells, 指标说明 (Definitions) and 说明 (Instructions); sheet names follow
     *         {@link FormRequest#lang()}
     * @throws WorkflowException as {@link #form}
     */
    byte[] workbook(FormRequest request) throws IOException;
}
