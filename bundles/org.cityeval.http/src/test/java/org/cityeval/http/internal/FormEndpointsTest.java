package org.cityeval.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.workflow.CollectionForm;
import org.cityeval.api.workflow.FormRequest;
import org.cityeval.api.workflow.FormWorkflow;
import org.cityeval.api.workflow.WorkflowException;
import org.cityeval.http.internal.Fakes.Optionals;
import org.cityeval.http.internal.Fakes.Request;
import org.cityeval.http.internal.Fakes.Response;
import org.junit.jupiter.api.Test;

/** {@code GET /api/form}: the query parsed into the workflow's request, the workbook as the answer. */
class FormEndpointsTest {
    private final List<FormRequest> seen = new ArrayList<>();

    private final FormWorkflow forms = new FormWorkflow() {
        @Override
        public CollectionForm form(FormRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] workbook(FormRequest request) {
            if (request.models().contains("zz")) {
                throw WorkflowException.notFound("unknown model 'zz'; loaded: a");
            }
            seen.add(request);
            return new byte[] { 'P', 'K' };
        }
    };

    private Response get(boolean present, String query) throws IOException {
        Optionals o = new Optionals();
        ApiServlet servlet = new ApiServlet(Routes.build(Fakes.services(o), o.store, () -> null, () -> null, () -> null,
                () -> present ? forms : null), new RequestGuard(java.util.Set.of(), java.util.Set.of()), 10_000);
        return Fakes.call(servlet, new Request("GET", "/form").query(query));
    }

    @Test
    void theQueryBecomesTheRequest() throws IOException {
        Response r = get(true, "models=ccid-digital-city-2020,b&province=" + URLEncoder.encode("浙江省", StandardCharsets.UTF_8)
                + "&years=2021-2023&lang=en&cities=Hangzhou,330200");
        assertEquals(200, r.status, r.text());
        FormRequest q = seen.get(0);
        assertEquals(List.of("ccid-digital-city-2020", "b"), q.models());
        assertEquals("浙江省", q.province());
        assertEquals(List.of(2021, 2022, 2023), q.years());
        assertEquals(List.of("Hangzhou", "330200"), q.cities());
        assertEquals("en", q.lang());
        assertEquals("PK", r.text());

        assertEquals(200, get(true, "models=a&year=2023").status);
        assertEquals(List.of(2023), seen.get(1).years());
    }

    @Test
    void refusals() throws IOException {
        assertEquals(400, get(true, "province=x").status);
        assertEquals(400, get(true, "models=a&years=20x1").status);
        assertEquals(400, get(true, "models=a&years=2021&year=2022").status);
        Response unknown = get(true, "models=zz");
        assertEquals(404, unknown.status);
        assertTrue(unknown.text().contains("unknown model 'zz'"), unknown.text());
        assertEquals(503, get(false, "models=a").status);
    }
}
