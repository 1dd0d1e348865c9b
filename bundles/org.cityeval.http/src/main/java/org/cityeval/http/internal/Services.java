package org.cityeval.http.internal;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.cityeval.api.analysis.ConcordanceAnalysis;
import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.DataQuality;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.analysis.WeightDerivation;
import org.cityeval.api.spi.ModelFormat;
import org.cityeval.api.spi.WeightingMethod;

/**
 * The runtime's services as the endpoints use them. The first three are always there; the others are
 * optional (a profile may leave their bundles out) and read at each call, so an endpoint answers 503 while
 * its service is absent and works as soon as it appears.
 */
record Services(ModelCatalog catalog, Evaluator evaluator, DatasetReader reader, Supplier<DataQuality> quality,
        Supplier<DataPackCatalog> packs, Supplier<ConcordanceAnalysis> concordance,
        Supplier<UncertaintyAnalysis> uncertainty, Supplier<ReportWriter> reports,
        Function<String, ModelFormat> formats, Supplier<Map<String, WeightingMethod>> weighting,
        Supplier<WeightDerivation> derivation) {

    /** @throws HttpError 404 naming the loaded models */
    LoadedModel model(String id) {
        return catalog.find(id).orElseThrow(() -> HttpError.notFound("unknown model " + HttpError.quote(id)
                + "; loaded: " + (catalog.models().isEmpty() ? "none"
                        : String.join(", ", catalog.models().stream().map(m -> m.model().id()).toList()))));
    }

    DataQuality requireQuality() {
        return require(quality.get(), "the data-quality service (bundle org.cityeval.data) is");
    }

    DataPackCatalog requirePacks() {
        return require(packs.get(), "data packs (bundle org.cityeval.data) are");
    }

    ConcordanceAnalysis requireConcordance() {
        return require(concordance.get(), "the concordance analysis (bundle org.cityeval.analysis) is");
    }

    UncertaintyAnalysis requireUncertainty() {
        return require(uncertainty.get(), "the uncertainty analysis (bundle org.cityeval.engine) is");
    }

    ReportWriter requireReports() {
        return require(reports.get(), "the report writer is");
    }

    ModelFormat requireCoinr() {
        return require(formats.apply("coinr"), "the COINr format (bundle org.cityeval.coinr) is");
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw HttpError.unavailable(what);
        }
        return service;
    }
}
