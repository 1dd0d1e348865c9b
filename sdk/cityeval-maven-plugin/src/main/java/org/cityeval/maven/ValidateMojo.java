package org.cityeval.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.api.workflow.WorkflowException;
import org.cityeval.testkit.CityevalRuntime;

/**
 * Validates every descriptor the project's bundle names ({@code CityEval-Model}, i.e.
 * {@code src/main/resources/OSGI-INF/cityeval/models/*.json}) as the runtime would load it, the project's own
 * rules running, and fails the build listing every problem as {@code <file> at <jsonPath>: <reason>}.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.PROCESS_CLASSES)
public class ValidateMojo extends AbstractCityevalMojo {
    /** The data pack whose variables every leaf must bind to (e.g. {@code china-cities}); none: any installed. */
    @Parameter(property = "cityeval.pack")
    String pack;

    @Override
    protected void run(Path bundle) throws MojoExecutionException, MojoFailureException {
        CityevalRuntime runtime = runtime(bundle);
        List<ValidationReport> reports;
        List<String> descriptors;
        try {
            descriptors = runtime.descriptors();
            if (descriptors.isEmpty()) {
                getLog().warn("cityeval: " + shown(bundle) + " names no descriptor (no CityEval-Model header): "
                        + "nothing to validate");
                return;
            }
            reports = runtime.validate(pack);
        } catch (WorkflowException e) {
            throw new MojoFailureException("cityeval:validate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cityeval:validate: " + e.getMessage(), e);
        }
        int problems = 0;
        int failing = 0;
        for (int i = 0; i < reports.size(); i++) {
            ValidationReport r = reports.get(i);
            String file = source(descriptors.get(i));
            for (ModelLoadError w : r.warnings()) {
                getLog().warn(file + " at " + w.jsonPath() + ": " + w.reason());
            }
            for (ModelLoadError p : r.problems()) {
                getLog().error(file + " at " + (p.jsonPath() == null ? "$" : p.jsonPath()) + ": " + p.reason());
            }
            for (String note : r.notes()) {
                getLog().info(file + ": " + note);
            }
            problems += r.problems().size();
            failing += r.problems().isEmpty() ? 0 : 1;
        }
        if (problems > 0) {
            throw new MojoFailureException(problems + (problems == 1 ? " problem" : " problems") + " in " + failing
                    + (failing == 1 ? " descriptor" : " descriptors") + " (each listed above with its JSON path)");
        }
        getLog().info("cityeval: " + reports.size() + (reports.size() == 1 ? " descriptor" : " descriptors")
                + " valid" + (pack == null ? "" : " against pack " + pack));
    }

    /** The descriptor's source file when the project has it, else its place in the bundle. */
    private String source(String entry) {
        return CityevalRuntime.sourceOf(project.getBasedir().toPath(), entry).map(this::shown)
                .orElse(shown(bundle.toPath().resolve(entry)));
    }
}
