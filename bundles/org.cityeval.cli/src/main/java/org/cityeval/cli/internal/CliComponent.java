package org.cityeval.cli.internal;

import java.util.function.Function;

import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.ModelCatalog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Offers the command line to the launcher, which lives outside the framework and can only share
 * {@code java.*} types with it: the service is a {@code Function<String[], Integer>} (arguments in, exit
 * code out) marked with {@value #MAIN}. Output goes to {@code System.out}/{@code System.err}, read at each
 * call so that a caller (a test, the Gogo shell) may redirect them.
 */
@Component(service = Function.class, property = CliComponent.MAIN + "=true")
public class CliComponent implements Function<String[], Integer> {
    /** Service property the launcher looks for. */
    public static final String MAIN = "cityeval.main";

    private final Cli cli;

    @Activate
    public CliComponent(@Reference ModelCatalog catalog, @Reference Evaluator evaluator,
            @Reference DatasetReader reader) {
        this.cli = new Cli(catalog, evaluator, reader);
    }

    @Override
    public Integer apply(String[] args) {
        return cli.run(args, System.out, System.err);
    }
}
