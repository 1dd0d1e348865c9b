package org.cityeval.http.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.cityeval.api.analysis.ConcordanceAnalysis;
import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ModelSummary;
import org.cityeval.api.service.CatalogOverview;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.DataQuality;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.spi.WeightingMethod;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Requests, responses and services for testing the servlet without a container. */
final class Fakes {
    private Fakes() {
    }

    /** A request: method, path under /api, query, headers, body. */
    static final class Request {
        final String method;
        final String pathInfo;
        String query;
        final Map<String, String> headers = new HashMap<>();
        byte[] body = new byte[0];
        /** Thrown by every read when set: the connection closed before the body arrived. */
        IOException readFails;
        /** What getPart("file") answers: a Part, or a Throwable it throws. */
        Object part;

        Request(String method, String pathInfo) {
            this.method = method;
            this.pathInfo = pathInfo;
            headers.put("host", "127.0.0.1:8080");
        }

        Request header(String name, String value) {
            if (value == null) {
                headers.remove(name.toLowerCase());
            } else {
                headers.put(name.toLowerCase(), value);
            }
            return this;
        }

        Request query(String q) {
            this.query = q;
            return this;
        }

        Request json(String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
            return header("Content-Type", "application/json");
        }

        Request body(byte[] bytes, String type) {
            body = bytes;
            return header("Content-Type", type);
        }

        HttpServletRequest proxy() {
            InputStream in = new ByteArrayInputStream(body);
            ServletInputStream sin = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    if (readFails != null) {
                        throw readFails;
                    }
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (readFails != null) {
                        throw readFails;
                    }
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener l) {
                }
            };
            return (HttpServletRequest) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] { HttpServletRequest.class }, (p, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getPathInfo" -> pathInfo;
                        case "getQueryString" -> query;
                        case "getHeader" -> headers.get(((String) args[0]).toLowerCase());
                        case "getContentType" -> headers.get("content-type");
                        case "getContentLengthLong" -> (long) body.length;
                        case "getContentLength" -> body.length;
                        case "getInputStream" -> sin;
                        case "getParts" -> part instanceof jakarta.servlet.http.Part pt ? List.of(pt) : List.of();
                        case "getPart" -> {
                            if (part instanceof Throwable t) {
                                throw t;
                            }
                            yield "file".equals(args[0]) ? part : null;
                        }
                        case "toString" -> method + " " + pathInfo;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** A multipart part with a file; {@code deleted} tells whether the servlet cleaned it up. */
    static final class FilePart {
        final String fileName;
        final byte[] content;
        boolean deleted;

        FilePart(String fileName, String content) {
            this.fileName = fileName;
            this.content = content.getBytes(StandardCharsets.UTF_8);
        }

        jakarta.servlet.http.Part proxy() {
            return (jakarta.servlet.http.Part) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] { jakarta.servlet.http.Part.class }, (p, m, args) -> switch (m.getName()) {
                        case "getName" -> "file";
                        case "getSubmittedFileName" -> fileName;
                        case "getSize" -> (long) content.length;
                        case "getInputStream" -> new ByteArrayInputStream(content);
                        case "delete" -> {
                            deleted = true;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** What the servlet answered. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        /** Thrown by every write when set: the client has gone away. */
        IOException writeFails;

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    if (writeFails != null) {
                        throw writeFails;
                    }
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                    new Class<?>[] { HttpServletResponse.class }, (p, m, args) -> {
                        switch (m.getName()) {
                            case "setHeader" -> {
                                if (args[1] == null) {
                                    headers.remove(((String) args[0]).toLowerCase());
                                } else {
                                    headers.put(((String) args[0]).toLowerCase(), (String) args[1]);
                                }
                                return null;
                            }
                            case "setStatus" -> {
                                status = (Integer) args[0];
                                return null;
                            }
                            case "getStatus" -> {
                                return status;
                            }
                            case "setContentType" -> {
                                headers.put("content-type", (String) args[0]);
                                return null;
                            }
                            case "setContentLength" -> {
                                headers.put("content-length", String.valueOf(args[0]));
                                return null;
                            }
                            case "getOutputStream" -> {
                                return out;
                            }
                            case "isCommitted" -> {
                                return false;
                            }
                            case "resetBuffer" -> {
                                body.reset();
                                return null;
                            }
                            case "toString" -> {
                                return "response " + status;
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                    });
        }
    }

    /** A clock that tests move. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-21T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    static City city(String adcode, String name) {
        return new City(adcode, name, name, name, name, adcode.substring(0, 2) + "0000", "省", "省", "prefecture", false,
                false, false);
    }

    /**
     * Reads "adcode,col...\nvalues" CSV (names ending in .csv) into a dataset; anything else, or a non-number,
     * is a BadInputException naming row and column as the real importers do.
     */
    static final DatasetReader READER = (name, in) -> {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(name, null, "unreadable");
        }
        if (!name.endsWith(".csv")) {
            throw new BadInputException(name, null, "no importer reads this kind of file; known: csv");
        }
        String[] lines = text.split("\n");
        String[] header = lines[0].split(",");
        List<CityRecord> records = new ArrayList<>();
        for (int r = 1; r < lines.length; r++) {
            String[] cells = lines[r].split(",");
            Map<String, Double> values = new LinkedHashMap<>();
            for (int c = 1; c < cells.length; c++) {
                try {
                    values.put(header[c], Double.parseDouble(cells[c]));
                } catch (NumberFormatException e) {
                    throw BadInputException.at(name, r + 1, c + 1, "not a number: '" + cells[c] + "'");
                }
            }
            records.add(new CityRecord(city(cells[0], "city" + cells[0]), r + 1, values, Map.of()));
        }
        return new CityDataset(name, List.of(header).subList(1, header.length), records);
    };

    static EvaluationModel model(String id) {
        Indicator a = new Indicator("a", new LocalizedText("甲", "A"), 1, new Weight(60, Provenance.PUBLISHED, null), null,
                null, null, null, null, List.of());
        Indicator b = new Indicator("b", new LocalizedText("乙", "B"), 1, new Weight(40, Provenance.ASSUMED, null), null,
                null, null, null, null, List.of());
        Indicator root = new Indicator("total", new LocalizedText("总", "Total"), 0,
                new Weight(100, Provenance.PUBLISHED, null), null, null, null, null, null, List.of(a, b));
        return new EvaluationModel(id, new LocalizedText("模型", "Model"), new LocalizedText("机构", "Institute"), "1", 2024,
                new Scale("points", 100, 1), root, null, List.of(), null, List.of());
    }

    /** A catalog holding model "m1" (and "boom", whose evaluation fails unexpectedly). */
    static ModelCatalog catalog() {
        List<LoadedModel> models = List.of(new LoadedModel(model("boom"), "b", "1", "d.json"),
                new LoadedModel(model("m1"), "b", "1", "d.json"));
        return new ModelCatalog() {
            @Override
            public List<LoadedModel> models() {
                return models;
            }

            @Override
            public Optional<LoadedModel> find(String modelId) {
                return models.stream().filter(m -> m.model().id().equals(modelId)).findFirst();
            }

            @Override
            public List<ModelLoadError> failures() {
                return List.of();
            }

            @Override
            public CatalogOverview overview() {
                return new CatalogOverview(List.of(), List.of());
            }

            @Override
            public List<ModelLoadError> validate(String source, byte[] descriptor) {
                return new String(descriptor, StandardCharsets.UTF_8).contains("\"id\"") ? List.of()
                        : List.of(new ModelLoadError("-", source, "$.id", "required"));
            }

            @Override
            public EvaluationModel read(String source, byte[] descriptor) throws BadInputException {
                throw new BadInputException(source, "$", "not here");
            }

            @Override
            public Optional<java.net.URL> reference(String modelId) {
                return Optional.empty();
            }
        };
    }

    /** Scores each city by the sum of its values; "boom" fails with a secret in its message. */
    static final Evaluator EVALUATOR = new Evaluator() {
        @Override
        public EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options) {
            if (model.id().equals("boom")) {
                throw new IllegalStateException("secret detail at org.cityeval.Secret.java:42");
            }
            List<CityResult> cities = new ArrayList<>();
            for (CityRecord r : data.records()) {
                double sum = r.values().values().stream().mapToDouble(Double::doubleValue).sum();
                cities.add(new CityResult(r.city().adcode(), r.city().name(), null, sum, null, null, Map.of()));
            }
            cities.sort((x, y) -> Double.compare(y.score(), x.score()));
            List<CityResult> ranked = new ArrayList<>();
            for (int i = 0; i < cities.size(); i++) {
                CityResult c = cities.get(i);
                ranked.add(new CityResult(c.adcode(), c.name(), null, c.score(), i + 1, null, Map.of()));
            }
            return new EvaluationResult(new ModelSummary(model.id(), "t", "i", "1", 2024, 100, 1, 1, List.of()),
                    ranked, List.of(), Map.of(), Map.of(), List.of(),
                    options.year() == null ? List.of() : List.of("year " + options.year()));
        }

        @Override
        public Coverage coverage(EvaluationModel model, CityDataset data, Integer year) {
            return new Coverage(model.id(), data.records().size(), year, 1.0, List.of());
        }
    };

    /**
     * The optional services of the real workflows, each null unless set; the store is an in-memory one, the
     * derivation works over whatever weighting methods are put in.
     */
    static final class Optionals extends org.cityeval.workflow.internal.Workflows.Optionals {
        Optionals() {
            store = org.cityeval.store.internal.FileWorkbenchStore.inMemory(
                    org.cityeval.store.internal.StoreLimits.MEMORY, Clock.systemUTC());
            derivation = derivation(weighting);
        }
    }

    /** The real workflows over the fake catalog, evaluator and reader. */
    static Services services(Optionals o) {
        ModelCatalog catalog = catalog();
        var w = new org.cityeval.workflow.internal.Workflows(catalog, EVALUATOR, READER, null, o);
        return new Services(catalog, w, w, w, w, w, w, w, w, w);
    }

    /** The weighting bundle's derivation without data, over the fake methods (the endpoint tests send none). */
    static org.cityeval.api.analysis.WeightDerivation derivation(Map<String, WeightingMethod> methods) {
        return (model, node, method, parameters, data, options) -> {
            org.cityeval.api.model.Indicator parent = model.node(node).orElseThrow();
            java.util.List<String> children = parent.children().stream().map(org.cityeval.api.model.Indicator::id).toList();
            WeightingMethod.Result r;
            try {
                r = methods.get(method).weights(new double[0][children.size()], children, parameters);
            } catch (IllegalArgumentException e) {
                throw new org.cityeval.api.data.BadInputException(model.id(), node, e.getMessage());
            }
            java.util.List<org.cityeval.api.analysis.DerivedWeights.Row> rows = new java.util.ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                org.cityeval.api.model.Indicator c = parent.children().get(i);
                rows.add(new org.cityeval.api.analysis.DerivedWeights.Row(c.id(), c.name().preferred(),
                        c.weight().value(), c.weight().provenance().toString(), r.weights()[i],
                        r.weights()[i] * parent.weight().value()));
            }
            return new org.cityeval.api.analysis.DerivedWeights(model.id(), node, method, rows, r.notes());
        };
    }

    /** The servlet over these services, with this body limit. */
    static ApiServlet servlet(Optionals o, long maxBody) {
        return new ApiServlet(Routes.build(services(o), o.store), new RequestGuard(java.util.Set.of(), java.util.Set.of()),
                maxBody);
    }

    static Response call(ApiServlet servlet, Request request) throws IOException {
        Response r = new Response();
        servlet.service(request.proxy(), r.proxy());
        return r;
    }
}
