package org.cityeval.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityeval.api.data.Variable;
import org.cityeval.api.data.VariableCatalog;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.data.internal.CatalogueParser.FormatException;
import org.cityeval.data.internal.CatalogueParser.PackEntry;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-pack extender. Watches bundles with a {@value #HEADER} header (a data bundle's build computes it
 * from the JSON files the bundle holds), reads their variable catalogues and pack lists as entries (a data
 * bundle's classes are never loaded), and serves the union as the {@link VariableCatalog} and the
 * {@link DataPackCatalog}.
 * <p>
 * The header lists entries, comma-separated; an entry whose name ends in {@code packs.json} is a pack list,
 * one ending in {@code catalogue.json} (or {@code catalog.json}) a variable catalogue (formats in
 * {@link CatalogueParser}). A file that fails — not in the bundle, not strict JSON of its format, a variable
 * id or pack name another bundle already provides, a pack whose file is not in the bundle — is skipped
 * whole, logged and listed by {@link #failures()} as that bundle's load error; the bundle's other files and
 * all other bundles go on. When a bundle stops, its variables and packs go away, and a bundle whose file was
 * refused for clashing with them is read again.
 */
@Component(immediate = true, service = { VariableCatalog.class, DataPackCatalog.class })
@Capability(namespace = "osgi.extender", name = DataPackExtender.EXTENDER_NAME, version = "1.0.0")
public class DataPackExtender implements VariableCatalog, DataPackCatalog, BundleTrackerCustomizer<Long> {
    /** Manifest header listing the data-pack JSON entries, comma-separated. */
    public static final String HEADER = "CityEval-Data";
    static final String EXTENDER_NAME = "cityeval.data";
    private static final Logger LOG = LoggerFactory.getLogger(DataPackExtender.class);

    /** A file of a data bundle that was not loaded, and why. */
    public record LoadError(String bundle, String file, String reason) {
    }

    /** Reads a bundle's entries; {@code null} when there is no such entry. */
    @FunctionalInterface
    interface Entries {
        URL find(String path);
    }

    private final Map<Long, Contribution> contributions = new ConcurrentHashMap<>();
    private BundleTracker<Long> tracker;

    @Activate
    void activate(BundleContext ctx) {
        tracker = new BundleTracker<>(ctx, Bundle.STARTING | Bundle.ACTIVE, this);
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        contributions.clear();
    }

    // --- bundle tracking -----------------------------------------------------------------------------

    @Override
    public Long addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(HEADER);
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            add(bundle.getBundleId(), bundle.getSymbolicName(), header, bundle.getHeaders("").get(PackSources.HEADER),
                    bundle::getEntry);
        } catch (RuntimeException e) {
            // a broken data bundle never takes the runtime down
            LOG.warn("Data bundle {} not loaded", bundle.getSymbolicName(), e);
            Contribution c = new Contribution(bundle.getSymbolicName(), header, null, bundle::getEntry);
            c.errors.add(new LoadError(bundle.getSymbolicName(), "-", "cannot load: " + e));
            contributions.put(bundle.getBundleId(), c);
        }
        return bundle.getBundleId();
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Long id) {
        // STARTING -> ACTIVE does not change the entries
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Long id) {
        remove(id);
    }

    /**
     * Loads one data bundle. Files are read in the order the header lists them, so that a catalogue's and a
     * pack list's failures are independent.
     */
    synchronized void add(long id, String bsn, String header, Entries entries) {
        add(id, bsn, header, null, entries);
    }

    /**
     * Loads one data bundle, with the source files its {@value PackSources#HEADER} header names
     * ({@code pack:kind=entry, …}; kinds in {@link PackSources}) for the quality report. A source entry that is
     * malformed, of an unknown kind, of a pack the bundle does not provide or not in the bundle is a load error
     * of that header; the packs load regardless.
     */
    synchronized void add(long id, String bsn, String header, String sourcesHeader, Entries entries) {
        contributions.remove(id);
        Contribution c = new Contribution(bsn, header, sourcesHeader, entries);
        for (String raw : header.split(",")) {
            String path = raw.trim();
            if (path.isEmpty()) {
                continue;
            }
            try {
                byte[] json = read(entries, path);
                String file = path.substring(path.lastIndexOf('/') + 1);
                if (file.endsWith("packs.json")) {
                    List<PackEntry> packs = CatalogueParser.parsePacks(json);
                    for (int i = 0; i < packs.size(); i++) {
                        PackEntry p = packs.get(i);
                        if (entries.find(p.file()) == null) {
                            throw new FormatException("$[" + i + "].file", "'" + p.file() + "' is not in the bundle");
                        }
                        String owner = packOwner(p.name(), c);
                        if (owner != null) {
                            c.conflict = true;
                            throw new FormatException("$[" + i + "].name",
                                    "pack '" + p.name() + "' is already provided by " + owner);
                        }
                    }
                    packs.forEach(p -> c.packs.add(new DataPack(p.name(), p.description(), bsn, p.file())));
                    LOG.info("Loaded {} data pack(s) from {}/{}", packs.size(), bsn, path);
                } else if (file.endsWith("catalogue.json") || file.endsWith("catalog.json")) {
                    List<Variable> vars = CatalogueParser.parseCatalogue(json);
                    for (int i = 0; i < vars.size(); i++) {
                        String owner = variableOwner(vars.get(i).id(), c);
                        if (owner != null) {
                            c.conflict = true;
                            throw new FormatException("$[" + i + "].id",
                                    "variable '" + vars.get(i).id() + "' is already declared by " + owner);
                        }
                    }
                    c.variables.addAll(vars);
                    LOG.info("Loaded {} variable(s) from {}/{}", vars.size(), bsn, path);
                } else {
                    throw new FormatException("$", "not a data-pack file: the name must end in packs.json or catalogue.json");
                }
            } catch (FormatException e) {
                c.errors.add(new LoadError(bsn, path, e.getMessage()));
                LOG.warn("Data file {}/{} not loaded: {}", bsn, path, e.getMessage());
            } catch (IOException | RuntimeException e) {
                c.errors.add(new LoadError(bsn, path, "cannot read: " + e));
                LOG.warn("Data file {}/{} not loaded", bsn, path, e);
            }
        }
        if (sourcesHeader != null && !sourcesHeader.isBlank()) {
            addSources(c, sourcesHeader);
        }
        contributions.put(id, c);
        warnUnknownSameAs();
    }

    private static void addSources(Contribution c, String sourcesHeader) {
        for (String raw : sourcesHeader.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            int eq = item.indexOf('=');
            String reason = null;
            if (colon <= 0 || eq <= colon + 1 || eq == item.length() - 1) {
                reason = "'" + item + "' is not pack:kind=entry";
            } else {
                String pack = item.substring(0, colon).trim();
                String kind = item.substring(colon + 1, eq).trim();
                String entry = item.substring(eq + 1).trim();
                URL url = c.entries.find(entry);
                if (!PackSources.KINDS.contains(kind)) {
                    reason = "'" + kind + "' is not a known source kind (" + String.join(", ",
                            PackSources.KINDS.stream().sorted().toList()) + ")";
                } else if (c.packs.stream().noneMatch(p -> p.name().equals(pack))) {
                    reason = "the bundle provides no pack '" + pack + "'";
                } else if (url == null) {
                    reason = "'" + entry + "' is not in the bundle";
                } else {
                    c.sources.add(new PackSources.SourceFile(pack, kind, c.bsn + "/" + entry, url));
                }
            }
            if (reason != null) {
                c.errors.add(new LoadError(c.bsn, PackSources.HEADER, reason));
                LOG.warn("Data-pack source {} of {} not loaded: {}", item, c.bsn, reason);
            }
        }
    }

    /** @return the source files a loaded pack names for the quality report, in header order */
    List<PackSources.SourceFile> sources(String pack) {
        List<PackSources.SourceFile> out = new ArrayList<>();
        for (Contribution c : contributions.values()) {
            c.sources.stream().filter(s -> s.pack().equals(pack)).forEach(out::add);
        }
        return out;
    }

    /** Drops a bundle's variables and packs; bundles whose files clashed with them are read again. */
    synchronized void remove(long id) {
        Contribution c = contributions.remove(id);
        if (c == null) {
            return;
        }
        LOG.info("Removed {} variable(s) and {} data pack(s) of {}", c.variables.size(), c.packs.size(), c.bsn);
        if (c.variables.isEmpty() && c.packs.isEmpty()) {
            return;
        }
        for (Map.Entry<Long, Contribution> other : List.copyOf(contributions.entrySet())) {
            if (other.getValue().conflict) {
                add(other.getKey(), other.getValue().bsn, other.getValue().header, other.getValue().sourcesHeader,
                        other.getValue().entries);
            }
        }
    }

    private void warnUnknownSameAs() {
        for (Variable v : variables()) {
            for (String other : v.sameAs()) {
                if (find(other).isEmpty()) {
                    LOG.debug("Variable {} is sameAs {}, which no loaded catalogue declares (yet)", v.id(), other);
                }
            }
        }
    }

    private String variableOwner(String varId, Contribution self) {
        if (self.variables.stream().anyMatch(v -> v.id().equals(varId))) {
            return self.bsn + " (another catalogue of the same bundle)";
        }
        for (Contribution other : contributions.values()) {
            if (other.variables.stream().anyMatch(v -> v.id().equals(varId))) {
                return other.bsn;
            }
        }
        return null;
    }

    private String packOwner(String name, Contribution self) {
        if (self.packs.stream().anyMatch(p -> p.name().equals(name))) {
            return self.bsn + " (another pack list of the same bundle)";
        }
        for (Contribution other : contributions.values()) {
            if (other.packs.stream().anyMatch(p -> p.name().equals(name))) {
                return other.bsn;
            }
        }
        return null;
    }

    private static byte[] read(Entries entries, String path) throws IOException, FormatException {
        URL entry = entries.find(path);
        if (entry == null) {
            throw new FormatException("$", "the " + HEADER + " header names '" + path + "' but the bundle has no such entry");
        }
        try (InputStream in = entry.openStream()) {
            byte[] bytes = in.readNBytes(CatalogueParser.MAX_BYTES + 1);
            if (bytes.length > CatalogueParser.MAX_BYTES) {
                throw new FormatException("$", "larger than " + CatalogueParser.MAX_BYTES + " bytes");
            }
            return bytes;
        }
    }

    // --- VariableCatalog ---------------------------------------------------------------------------------

    @Override
    public List<Variable> variables() {
        List<Variable> all = new ArrayList<>();
        contributions.values().forEach(c -> all.addAll(c.variables));
        all.sort(Comparator.comparing(Variable::id));
        return all;
    }

    @Override
    public Optional<Variable> find(String id) {
        for (Contribution c : contributions.values()) {
            for (Variable v : c.variables) {
                if (v.id().equals(id)) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    // --- DataPackCatalog ---------------------------------------------------------------------------------

    @Override
    public List<DataPack> packs() {
        List<DataPack> all = new ArrayList<>();
        contributions.values().forEach(c -> all.addAll(c.packs));
        all.sort(Comparator.comparing(DataPack::name));
        return all;
    }

    @Override
    public Optional<URL> open(String name) {
        for (Contribution c : contributions.values()) {
            for (DataPack p : c.packs) {
                if (p.name().equals(name)) {
                    return Optional.ofNullable(c.entries.find(p.file()));
                }
            }
        }
        return Optional.empty();
    }

    // --- introspection -----------------------------------------------------------------------------------

    /** @return the data files that were not loaded, by bundle and file */
    public List<LoadError> failures() {
        List<LoadError> all = new ArrayList<>();
        contributions.values().forEach(c -> all.addAll(c.errors));
        all.sort(Comparator.comparing(LoadError::bundle).thenComparing(LoadError::file));
        return all;
    }

    /** What one bundle contributed. */
    private static final class Contribution {
        final String bsn;
        final String header;
        final String sourcesHeader;
        final Entries entries;
        final List<Variable> variables = new ArrayList<>();
        final List<DataPack> packs = new ArrayList<>();
        final List<LoadError> errors = new ArrayList<>();
        final List<PackSources.SourceFile> sources = new ArrayList<>();
        /** a file was refused because another bundle provides the same variable or pack */
        boolean conflict;

        Contribution(String bsn, String header, String sourcesHeader, Entries entries) {
            this.bsn = bsn;
            this.header = header;
            this.sourcesHeader = sourcesHeader;
            this.entries = entries;
        }
    }
}
