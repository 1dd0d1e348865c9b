package org.cityeval.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.testkit.CityevalRuntime;

/**
 * Reproduces the reference table of every model of the project that ships one (descriptor {@code reference}) and
 * fails on any difference, listing each differing city and figure. Models without reference data are named and
 * passed over.
 */
@Mojo(name = "reproduce", defaultPhase = LifecyclePhase.VERIFY)
public class ReproduceMojo extends AbstractCityevalMojo {

    @Override
    protected void run(Path bundle) throws MojoExecutionException, MojoFailureException {
        CityevalRuntime runtime = runtime(bundle);
        List<String> failed = new ArrayList<>();
        int differences = 0;
        try {
            for (String id : runtime.modelIds()) {
                if (!runtime.hasReference(id)) {
                    getLog().info("cityeval: " + id + " ships no reference data: nothing to reproduce");
                    continue;
                }
                EvaluationResult r = runtime.reproduce(id);
                List<String> diff = CityevalRuntime.differences(r);
                for (String d : diff) {
                    getLog().error(id + ": " + d);
                }
                List<String> summary = new ArrayList<>();
                for (ReferenceCheck c : r.checks()) {
                    summary.add(c.what() + " " + c.matched() + "/" + c.compared());
                }
                if (diff.isEmpty()) {
                    getLog().info("cityeval: " + id + " reproduces its reference exactly: " + String.join(", ", summary));
                } else {
                    failed.add(id + " (" + String.join(", ", summary) + ")");
                    differences += diff.size();
                }
            }
        } catch (Exception e) {
            throw new MojoFailureException("cityeval:reproduce: " + e.getMessage(), e);
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException(differences + (differences == 1 ? " difference" : " differences")
                    + " from the reference in " + String.join("; ", failed) + " (each listed above)");
        }
    }
}
