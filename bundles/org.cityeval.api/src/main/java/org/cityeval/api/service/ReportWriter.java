package org.cityeval.api.service;

import java.io.IOException;
import java.util.List;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.EvaluationResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes what a study publishes: a self-contained HTML report (charts embedded, works offline) or an
 * Excel workbook (a sheet per level, tiers, comparison tables).
 * <p>
 * Example: {@code Files.write(out, writer.write("html", new Report("PSDF 2024", List.of(new Evaluated(m, r)), null, null)))}.
 */
@ProviderType
public interface ReportWriter {

    /** A model with its result. */
    @ProviderType
    record Evaluated(EvaluationModel model, EvaluationResult result) {
    }

    /**
     * @param title       the report's title
     * @param evaluations one or more models' results
     * @param comparison  their concordance, or {@code null}
     * @param uncertainty an uncertainty analysis, or {@code null}
     * @param dataSource  the data evaluated, in words (a file or pack), or {@code null} for each model's reference
     *                    data; the workbook's notes sheet names it
     * @param panel       a panel evaluation (several years), or {@code null}; the workbook's {@code Panel} sheet
     * @param data        the dataset evaluated, or {@code null}; when its values carry notes or come from several
     *                    inputs, the workbook's {@code Sources} sheet says where each leaf value came from (since 1.2)
     */
    @ProviderType
    record Report(String title, List<Evaluated> evaluations, Concordance comparison, UncertaintyResult uncertainty,
            String dataSource, org.cityeval.api.result.PanelResult panel, org.cityeval.api.data.CityDataset data) {
        public Report {
            evaluations = List.copyOf(evaluations);
        }

        /** Without the dataset. */
        public Report(String title, List<Evaluated> evaluations, Concordance comparison, UncertaintyResult uncertainty,
                String dataSource, org.cityeval.api.result.PanelResult panel) {
            this(title, evaluations, comparison, uncertainty, dataSource, panel, null);
        }

        /** The same report with the dataset evaluated (the workbook's {@code Sources} sheet). @since 1.2 */
        public Report withData(org.cityeval.api.data.CityDataset data) {
            return new Report(title, evaluations, comparison, uncertainty, dataSource, panel, data);
        }

        /** Without a panel. */
        public Report(String title, List<Evaluated> evaluations, Concordance comparison, UncertaintyResult uncertainty,
                String dataSource) {
            this(title, evaluations, comparison, uncertainty, dataSource, null);
        }

        /** The same report with a panel evaluation of its first model (the workbook's {@code Panel} sheet). */
        public Report withPanel(org.cityeval.api.result.PanelResult panel) {
            return new Report(title, evaluations, comparison, uncertainty, dataSource, panel, data);
        }

        /** Without naming the data source. */
        public Report(String title, List<Evaluated> evaluations, Concordance comparison, UncertaintyResult uncertainty) {
            this(title, evaluations, comparison, uncertainty, null);
        }
    }

    /**
     * The intermediate datasets of one evaluation as a workbook ({@link #writeStages}).
     *
     * @param stages     the pipeline's stages, as the engine made them
     * @param title      the model's title, or {@code null}
     * @param dataSource the data evaluated, in words (a file or pack)
     * @param options    the run's options as label → value, in order (year, missing data, treatment, ...); the
     *                   README sheet lists them
     * @since 1.5
     */
    @ProviderType
    record StagesWorkbook(org.cityeval.api.analysis.PipelineStages stages, String title, String dataSource,
            java.util.Map<String, String> options) {
        public StagesWorkbook {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
    }

    /**
     * An XLSX workbook of the intermediate datasets: a {@code README} sheet (model, data, options, the stages) and
     * one sheet per stage, named as the stage, a row per unit and a column per node (the CSV export's layout).
     *
     * @since 1.5
     */
    default byte[] writeStages(StagesWorkbook workbook) throws IOException {
        throw new UnsupportedOperationException("this report writer does not write intermediate datasets");
    }

    /** @return the formats it writes: {@code html}, {@code xlsx} */
    List<String> formats();

    /** @param format one of {@link #formats()} */
    byte[] write(String format, Report report) throws IOException;
}
