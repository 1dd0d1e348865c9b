package org.cityeval.cli.internal;

import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.cityeval.api.analysis.ConcordanceAnalysis;
import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.WeightDerivation;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.DataQuality;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.spi.ModelFormat;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Offers the command line to the launcher, which lives outside the framework and can only share
 * {@code java.*} types with it: the service is a {@code Function<String[], Integer>} (arguments in, exit
 * code out) marked with {@value #MAIN}. Output goes to {@code System.out}/{@code System.err}, read at each
 * call so that a caller (a test, the Gogo shell) may redirect them.
 * <p>
 * The data-quality report, data packs and foreign model formats are optional: a profile without them
 * still runs every other command, and those say what is missing.
 */
@Component(service = Function.class, property = CliComponent.MAIN + "=true")
public class CliComponent implements Function<String[], Integer> {
    /** Service property the launcher looks for. */
    public static final String MAIN = "cityeval.main";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DataQuality quality;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DataPackCatalog packs;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ConcordanceAnalysis concordance;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile UncertaintyAnalysis uncertainty;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ReportWriter reports;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile WeightDerivation derivation;
    private final Map<String, ModelFormat> formats = new ConcurrentHashMap<>();
    private final Cli cli;

    @Activate
    public CliComponent(@Reference ModelCatalog catalog, @Reference Evaluator evaluator,
            @Reference DatasetReader reader, BundleContext context) {
        String home = context.getProperty("cityeval.home");
        this.cli = new Cli(catalog, evaluator, reader, () -> quality, () -> packs, formats::get,
                new Cli.Analysis(() -> concordance, () -> uncertainty, () -> derivation, () -> reports,
                        home == null ? null : Paths.get(home)));
    }

    @Override
    public Integer apply(String[] args) {
        return cli.run(args, System.out, System.err);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + ModelFormat.NAME + "=*)")
    void addFormat(ModelFormat format, Map<String, Object> props) {
        formats.put(String.valueOf(props.get(ModelFormat.NAME)), format);
    }

    void removeFormat(ModelFormat format, Map<String, Object> props) {
        formats.remove(String.valueOf(props.get(ModelFormat.NAME)), format);
    }

}
