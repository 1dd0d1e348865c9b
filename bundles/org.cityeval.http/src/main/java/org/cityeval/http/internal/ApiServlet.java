package org.cityeval.http.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web API, JSON in and out, as thin as the CLI over the same services:
 * <ul>
 * <li>{@code GET /api/models} — what is loaded and what failed (as {@code cityeval models --format json});</li>
 * <li>{@code GET /api/models/{id}} — a model's tree (as {@code cityeval tree ID --format json});</li>
 * <li>{@code GET /api/models/{id}/reproduce} — the reproduction of its reference data;</li>
 * <li>{@code POST /api/evaluate} — {@code {"model": ID, "csv": "adcode,...\n..."}} or
 * {@code {"model": ID, "rows": [{"adcode": ..., "indicator": value}, ...]}}.</li>
 * </ul>
 * Errors answer {@code {"error": "..."}} with 400 (bad input, naming row and column or JSON path), 404
 * (unknown model or route), 405, 413 or 500; never a stack trace.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=cityeval-api",
        "cityeval.http=api" })
public class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Request bodies above this size are refused (configurable in a later issue). */
    static final int MAX_BODY = 20 * 1024 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            // a request naming a key twice is refused, as the importers refuse it, not silently collapsed
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final transient ModelCatalog catalog;
    private final transient Evaluator evaluator;
    private final transient DatasetReader reader;

    @Activate
    public ApiServlet(@Reference ModelCatalog catalog, @Reference Evaluator evaluator, @Reference DatasetReader reader) {
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.reader = reader;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String method = req.getMethod();
        try {
            if (path.equals("/models")) {
                requireGet(method);
                write(resp, 200, catalog.overview());
            } else if (path.startsWith("/models/") && path.endsWith("/reproduce")) {
                requireGet(method);
                reproduce(resp, path.substring("/models/".length(), path.length() - "/reproduce".length()));
            } else if (path.startsWith("/models/") && path.indexOf('/', "/models/".length()) < 0) {
                requireGet(method);
                write(resp, 200, model(path.substring("/models/".length())).model());
            } else if (path.equals("/evaluate")) {
                if (!method.equals("POST")) {
                    throw new HttpError(405, "use POST");
                }
                evaluate(req, resp);
            } else {
                throw new HttpError(404, "no such resource: /api" + path);
            }
        } catch (HttpError e) {
            error(resp, e.status, e.getMessage());
        } catch (BadInputException e) {
            error(resp, 400, e.getMessage());
        } catch (RuntimeException e) {
            log("cityeval API failed on " + method + " " + path, e);
            error(resp, 500, "internal error");
        }
    }

    private static void requireGet(String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new HttpError(405, "use GET");
        }
    }

    private LoadedModel model(String id) {
        return catalog.find(id).orElseThrow(() -> new HttpError(404, "unknown model '" + id + "'"));
    }

    private void reproduce(HttpServletResponse resp, String id) throws IOException, BadInputException {
        LoadedModel m = model(id);
        URL url = catalog.reference(id).orElseThrow(() -> new HttpError(404, "model '" + id + "' ships no reference data"));
        CityDataset data;
        try (InputStream in = url.openStream()) {
            data = reader.read(m.bundle() + "/" + m.model().reference().path(), in);
        }
        write(resp, 200, evaluator.evaluate(m.model(), data));
    }

    private void evaluate(HttpServletRequest req, HttpServletResponse resp) throws IOException, BadInputException {
        if (req.getContentLengthLong() > MAX_BODY) {
            throw new HttpError(413, "request body larger than " + MAX_BODY + " bytes");
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new HttpError(413, "request body larger than " + MAX_BODY + " bytes");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "request body is not JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject() || !request.path("model").isTextual()) {
            throw new HttpError(400, "expected {\"model\": \"ID\", \"csv\": \"...\"} or {\"model\": \"ID\", \"rows\": [...]}");
        }
        LoadedModel m = model(request.get("model").asText());
        CityDataset data;
        if (request.path("csv").isTextual()) {
            data = reader.read("request.csv", new ByteArrayInputStream(request.get("csv").asText().getBytes(StandardCharsets.UTF_8)));
        } else if (request.path("rows").isArray()) {
            data = reader.read("request.json", new ByteArrayInputStream(JSON.writeValueAsBytes(request.get("rows"))));
        } else {
            throw new HttpError(400, "give the data as \"csv\" (text) or \"rows\" (array of objects)");
        }
        write(resp, 200, evaluator.evaluate(m.model(), data));
    }

    private static void write(HttpServletResponse resp, int status, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        write(resp, status, java.util.Map.of("error", message));
    }

    /** An answer other than 200, with its message for the client. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
