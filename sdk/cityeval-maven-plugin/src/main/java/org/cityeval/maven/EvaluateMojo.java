package org.cityeval.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.testkit.CityevalRuntime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Evaluates every model of the project on its sample data and on each named data pack, writing each result as
 * JSON and CSV to {@code target/cityeval/<model>-<data>.json|.csv}. Bad data fail the build naming file, row and
 * column.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.VERIFY)
public class EvaluateMojo extends AbstractCityevalMojo {
    /** The project's sample data (CSV, XLSX or JSON); passed over with a note when the file does not exist. */
    @Parameter(property = "cityeval.sampleData", defaultValue = "${project.basedir}/src/test/resources/sample-data.csv")
    File sampleData;

    /** Data packs to evaluate on as well, e.g. {@code china-cities}. */
    @Parameter(property = "cityeval.packs")
    List<String> packs = new ArrayList<>();

    /** Where the results go. */
    @Parameter(property = "cityeval.outputDirectory", defaultValue = "${project.build.directory}/cityeval")
    File outputDirectory;

    @Override
    protected void run(Path bundle) throws MojoExecutionException, MojoFailureException {
        CityevalRuntime runtime = runtime(bundle);
        List<DataSource> sources = new ArrayList<>();
        if (sampleData != null && sampleData.isFile()) {
            sources.add(DataSource.file(sampleData.toPath()));
        } else {
            getLog().info("cityeval: no sample data at " + (sampleData == null ? "(none)" : shown(sampleData.toPath())));
        }
        for (String p : packs) {
            if (p != null && !p.isBlank()) {
                sources.add(DataSource.pack(p.trim()));
            }
        }
        Path out = outputDirectory.toPath();
        try {
            Files.createDirectories(out);
            for (String id : runtime.modelIds()) {
                for (DataSource data : sources) {
                    EvaluationResult r = runtime.evaluate(id, data);
                    String base = id + "-" + name(data);
                    write(out.resolve(base + ".json"), json(r));
                    write(out.resolve(base + ".csv"), csv(r));
                    getLog().info("cityeval: " + id + " on " + (data.kind() == DataSource.Kind.FILE
                            ? shown(data.path()) : data.toString()) + ": " + r.cities().size() + " cities -> "
                            + shown(out.resolve(base + ".json")) + ", .csv");
                    for (String w : r.warnings()) {
                        getLog().warn(id + " on " + name(data) + ": " + w);
                    }
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cityeval:evaluate: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MojoFailureException("cityeval:evaluate: " + e.getMessage(), e);
        }
    }

    private static String name(DataSource data) {
        if (data.kind() == DataSource.Kind.FILE) {
            String f = data.path().getFileName().toString();
            int dot = f.lastIndexOf('.');
            return dot > 0 ? f.substring(0, dot) : f;
        }
        return data.name();
    }

    static byte[] json(EvaluationResult r) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(r);
    }

    static byte[] csv(EvaluationResult r) {
        StringBuilder b = new StringBuilder("adcode,name,province,score,rank,tier\n");
        for (CityResult c : r.cities()) {
            b.append(cell(c.adcode())).append(',').append(cell(c.name())).append(',').append(cell(c.province()))
                    .append(',').append(c.score() == null ? "" : c.score().toString()).append(',')
                    .append(c.rank() == null ? "" : c.rank().toString()).append(',').append(cell(c.tier()))
                    .append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Written beside and moved into place, so a failed run leaves no half-written result. */
    private static void write(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
