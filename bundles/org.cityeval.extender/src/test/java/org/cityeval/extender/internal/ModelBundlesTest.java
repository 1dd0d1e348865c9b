package org.cityeval.extender.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.extender.internal.DescriptorParser.RuleKind;
import org.cityeval.extender.internal.FakeFramework.FakeBundle;
import org.cityeval.extender.internal.FakeFramework.Hook;
import org.cityeval.extender.internal.FakeFramework.Pause;
import org.cityeval.extender.internal.FakeFramework.Registration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The extender's bundle tracking, on a hand-made framework ({@link FakeFramework}): what a bundle registers,
 * through which context, what its tracked object holds, what an update that breaks a descriptor leaves serving,
 * waiting for rules, and the races between a bundle's lifecycle and rule services, driven with latches.
 */
class ModelBundlesTest {
    static final String DESCRIPTOR = "OSGI-INF/cityeval/models/tiny.json";
    static final String REFERENCE = "OSGI-INF/cityeval/reference/tiny.csv";

    static String model(String id) {
        return """
                {"id": "%s", "title": {"en": "Tiny"}, "institution": {"en": "Test"}, "edition": "1", "year": 2024,
                 "scale": {"kind": "points", "max": 10, "precision": 1},
                 "tree": [
                   {"id": "a", "name": {"en": "A"}, "weight": {"value": 6, "provenance": "published"}},
                   {"id": "b", "name": {"en": "B"}, "weight": {"value": 4, "provenance": "assumed"}}]}
                """.formatted(id);
    }

    /** Children that add up to 9 of 10: refused at {@code $.tree}. */
    static String broken(String id) {
        return model(id).replace("\"value\": 6", "\"value\": 5");
    }

    /** Names the scoring rule 'log-points', which no one has registered yet. */
    static String waiting(String id) {
        return model(id).replace("\"name\": {\"en\": \"B\"}", "\"name\": {\"en\": \"B\"}, \"scoring\": \"log-points\"");
    }

    static String withReference(String json) {
        return json.replace("\"year\": 2024", "\"year\": 2024, \"reference\": {\"path\": \"" + REFERENCE
                + "\", \"source\": \"test\"}");
    }

    final FakeFramework fw = new FakeFramework();

    FakeBundle started(String bsn, String version, Map<String, String> entries) {
        FakeBundle b = fw.install(bsn, version, entries);
        fw.start(b);
        return b;
    }

    LoadedModel find(String id) {
        return fw.registry.find(id).orElseThrow(() -> new AssertionError(id + " not listed: " + failures()));
    }

    List<ModelLoadError> failures() {
        return fw.registry.snapshot().failures();
    }

    static String read(URL url) throws Exception {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class AddAndRemove {
        @Test
        void aModelIsRegisteredThroughTheModelBundlesOwnContextAndHeldByItsTrackedObject() {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            List<Registration> regs = fw.registrationsOf(b);
            assertEquals(1, regs.size(), "registered by the model bundle, not by the extender");
            Registration r = regs.get(0);
            assertEquals("tiny", r.property(EvaluationModel.SERVICE_PROPERTY_ID));
            assertEquals(DESCRIPTOR, r.property(ModelRegistry.PROPERTY_DESCRIPTOR));
            assertEquals("1.0.0", r.property(ModelRegistry.PROPERTY_BUNDLE_VERSION));
            ModelBundle tracked = fw.tracked.get(b.id);
            assertSame(r, tracked.descriptors.get(DESCRIPTOR).registration, "the tracked object holds the registration");

            LoadedModel m = find("tiny");
            assertEquals("test.tiny", m.bundle());
            assertEquals("1.0.0", m.bundleVersion());
            assertEquals(DESCRIPTOR, m.descriptor());
            assertEquals(List.of(), failures());
        }

        @Test
        void aBundleWithoutTheHeaderIsNotTracked() {
            FakeBundle b = started("test.plain", "1.0.0", Map.of("README.txt", "no models"));
            assertNull(fw.tracked.get(b.id));
            assertEquals(List.of(), fw.registry.snapshot().models());
        }

        @Test
        void stoppingRemovesItsModelsAndFailuresAtOnceAndStartingBringsThemBack() {
            FakeBundle b = started("test.two", "1.0.0", Map.of(DESCRIPTOR, model("tiny"),
                    "OSGI-INF/cityeval/models/bad.json", broken("bad")));
            assertEquals(1, failures().size());
            fw.stop(b);
            assertTrue(fw.registry.find("tiny").isEmpty());
            assertEquals(List.of(), failures());
            fw.start(b);
            assertEquals("1.0.0", find("tiny").bundleVersion());
            assertEquals(1, failures().size());
        }

        @Test
        void uninstallingUnregistersExactlyItsRegistrationsAndForgetsTheBundle() {
            FakeBundle other = started("test.other", "1.0.0", Map.of(DESCRIPTOR, model("other")));
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny"),
                    "OSGI-INF/cityeval/models/bad.json", broken("bad")));
            ModelBundle tracked = fw.tracked.get(b.id);
            fw.uninstall(b);
            assertTrue(fw.registrationsOf(b).isEmpty());
            assertTrue(fw.registry.find("tiny").isEmpty());
            assertEquals(List.of(), failures(), "failures leave with their bundle");
            assertTrue(tracked.closed);
            assertTrue(tracked.descriptors.isEmpty(), "nothing of it is kept, no last good version either");
            assertNull(fw.extender.tracked(b.id));
            assertEquals("test.other", find("other").bundle(), "other bundles' models stay");
            assertEquals(1, fw.registrationsOf(other).size());
        }

        @Test
        void aDuplicateIdFromAnotherBundleIsRefusedAtItsIdPath() {
            started("test.first", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            FakeBundle second = started("test.second", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            ModelLoadError f = failures().get(0);
            assertEquals("test.second", f.bundle());
            assertEquals("$.id", f.jsonPath());
            assertEquals("model id 'tiny' is already provided by test.first/" + DESCRIPTOR, f.reason());
            assertEquals("test.first", find("tiny").bundle());
            assertTrue(fw.registrationsOf(second).isEmpty());
        }
    }

    @Nested
    class Whiteboard {
        @Test
        void aModelRegisteredByCodeIsListedLikeALoadedOne() throws Exception {
            FakeBundle code = started("test.code", "2.0.0", Map.of());
            EvaluationModel m = DescriptorParser.parse(model("by-code").getBytes(StandardCharsets.UTF_8),
                    fw.extender.ruleNames());
            Registration r = fw.registerByCode(code, m, 0);
            LoadedModel listed = find("by-code");
            assertSame(m, listed.model());
            assertEquals("test.code", listed.bundle());
            assertEquals("2.0.0", listed.bundleVersion());
            r.unregister();
            assertTrue(fw.registry.find("by-code").isEmpty());
        }

        @Test
        void ofTwoServicesWithOneIdTheHigherRankedServesAndTheOtherIsListedAsAFailure() throws Exception {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            FakeBundle code = started("test.code", "2.0.0", Map.of());
            EvaluationModel m = DescriptorParser.parse(model("tiny").getBytes(StandardCharsets.UTF_8),
                    fw.extender.ruleNames());
            Registration r = fw.registerByCode(code, m, 10);
            assertEquals("test.code", find("tiny").bundle(), "the service a @Reference would bind");
            ModelLoadError shadowed = failures().get(0);
            assertEquals("test.tiny", shadowed.bundle());
            assertTrue(shadowed.reason().startsWith("model id 'tiny' is already provided by test.code/service "),
                    shadowed.reason());
            r.unregister();
            assertEquals("test.tiny", find("tiny").bundle(), "the bundle's model serves again");
            assertEquals(List.of(), failures());
            assertEquals(1, fw.registrationsOf(b).size());
        }

        @Test
        void theCatalogListsExactlyTheRegisteredServices() {
            FakeBundle a = started("test.a", "1.0.0", Map.of(DESCRIPTOR, model("model-a")));
            started("test.b", "1.0.0", Map.of(DESCRIPTOR, model("model-b")));
            assertEquals(List.of("model-a", "model-b"),
                    fw.registry.snapshot().models().stream().map(m -> m.model().id()).toList());
            // a registration withdrawn behind the extender's back (say by the framework) leaves the catalog too
            fw.registrationsOf(a).get(0).unregister();
            assertEquals(List.of("model-b"), fw.registry.snapshot().models().stream().map(m -> m.model().id()).toList());
        }
    }

    @Nested
    class Update {
        @Test
        void aGoodUpdateReplacesTheModel() {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            fw.update(b, "1.1.0", Map.of(DESCRIPTOR, model("tiny").replace("\"edition\": \"1\"", "\"edition\": \"2\"")));
            LoadedModel m = find("tiny");
            assertEquals("1.1.0", m.bundleVersion());
            assertEquals("2", m.model().edition());
            assertEquals(List.of(), failures());
            assertEquals(1, fw.registrationsOf(b).size());
        }

        @Test
        void aBrokenUpdateKeepsTheLastGoodVersionServingAndReportsTheFailedUpdate() throws Exception {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, withReference(model("tiny")),
                    REFERENCE, "city,total\nA,1\n"));
            EvaluationModel good = find("tiny").model();
            fw.update(b, "1.1.0", Map.of(DESCRIPTOR, withReference(broken("tiny")), REFERENCE, "city,total\nB,2\n"));

            LoadedModel serving = find("tiny");
            assertSame(good, serving.model(), "the last good descriptor's model, kept in memory by the extender");
            assertEquals("1.0.0", serving.bundleVersion(), "the version it was read from");
            assertEquals("test.tiny", serving.bundle());
            List<Registration> regs = fw.registrationsOf(b);
            assertEquals(1, regs.size(), "registered again through the (updated) bundle's own context");
            assertEquals("1.0.0", regs.get(0).property(ModelRegistry.PROPERTY_BUNDLE_VERSION));

            ModelLoadError f = failures().get(0);
            assertEquals(1, failures().size());
            assertEquals(DESCRIPTOR, f.descriptor());
            assertEquals("$.tree", f.jsonPath());
            assertTrue(f.failedUpdate());
            assertEquals("tiny", f.servingModel());
            assertEquals("1.0.0", f.servingVersion());
            assertTrue(f.message().endsWith("; model tiny still served from version 1.0.0"), f.message());

            // the reference data is the last good version's, read before its revision went
            assertEquals("city,total\nA,1\n", read(fw.registry.referenceOf("tiny").orElseThrow()));
            // and the overview says the same
            var overview = fw.registry.snapshot().overview();
            assertEquals("1.0.0", overview.models().get(0).bundleVersion());
            assertEquals(List.of(f), overview.failures());
        }

        @Test
        void aGoodUpdateAfterABrokenOneReplacesTheLastGoodVersion() throws Exception {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, withReference(model("tiny")),
                    REFERENCE, "city,total\nA,1\n"));
            fw.update(b, "1.1.0", Map.of(DESCRIPTOR, broken("tiny")));
            fw.update(b, "1.2.0", Map.of(DESCRIPTOR, withReference(model("tiny")), REFERENCE, "city,total\nC,3\n"));
            assertEquals("1.2.0", find("tiny").bundleVersion());
            assertEquals(List.of(), failures());
            assertEquals("city,total\nC,3\n", read(fw.registry.referenceOf("tiny").orElseThrow()));
            assertEquals(1, fw.registrationsOf(b).size());
        }

        @Test
        void twoBrokenUpdatesInARowStillServeTheFirstGoodVersion() throws Exception {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, withReference(model("tiny")),
                    REFERENCE, "city,total\nA,1\n"));
            fw.update(b, "1.1.0", Map.of(DESCRIPTOR, broken("tiny")));
            fw.update(b, "1.2.0", Map.of(DESCRIPTOR, "{not json"));
            assertEquals("1.0.0", find("tiny").bundleVersion());
            assertEquals("1.0.0", failures().get(0).servingVersion());
            assertEquals("city,total\nA,1\n", read(fw.registry.referenceOf("tiny").orElseThrow()));
        }

        @Test
        void uninstallAfterABrokenUpdateRemovesTheModelAtOnce() {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            fw.update(b, "1.1.0", Map.of(DESCRIPTOR, broken("tiny")));
            assertTrue(fw.registry.find("tiny").isPresent());
            fw.uninstall(b);
            assertTrue(fw.registry.find("tiny").isEmpty());
            assertEquals(List.of(), failures());
            assertTrue(fw.registrationsOf(b).isEmpty());
            // a new installation of the broken version has no last good version to fall back to
            started("test.tiny", "1.1.0", Map.of(DESCRIPTOR, broken("tiny")));
            assertTrue(fw.registry.find("tiny").isEmpty());
            assertFalse(failures().get(0).failedUpdate());
        }

        @Test
        void anUpdateThatNoLongerNamesTheDescriptorRemovesTheModel() {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            fw.update(b, "1.1.0", Map.of("OSGI-INF/cityeval/models/other.json", model("other")));
            assertTrue(fw.registry.find("tiny").isEmpty(), "removed on purpose, not a failure");
            assertEquals("1.1.0", find("other").bundleVersion());
            assertEquals(List.of(), failures());
        }

        @Test
        void anUpdateThatDropsTheHeaderRemovesEveryModel() {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            fw.update(b, "1.1.0", Map.of("README.txt", "no models any more"));
            assertTrue(fw.registry.find("tiny").isEmpty());
            assertEquals(List.of(), failures());
            assertTrue(fw.registrationsOf(b).isEmpty());
        }

        @Test
        void anUpdateWhoseNewDescriptorFailsForAnotherBundlesIdDoesNotShadowIt() {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            fw.stop(b);
            // while it is stopped another bundle provides the id
            started("test.rival", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            fw.update(b, "1.1.0", Map.of(DESCRIPTOR, broken("tiny")));
            fw.start(b);
            assertEquals("test.rival", find("tiny").bundle());
            ModelLoadError f = failures().get(0);
            assertEquals("test.tiny", f.bundle());
            assertFalse(f.failedUpdate(), "nothing of test.tiny serves");
        }
    }

    @Nested
    class Rules {
        @Test
        void aDescriptorWaitsForItsRuleAndLoadsWhenTheRuleAppears() {
            FakeBundle b = started("test.waiting", "1.0.0", Map.of(DESCRIPTOR, waiting("tiny")));
            ModelLoadError f = failures().get(0);
            assertTrue(f.reason().startsWith("waiting for a rule service: scoring rule 'log-points' is not available"),
                    f.reason());
            assertTrue(fw.tracked.get(b.id).descriptors.get(DESCRIPTOR).waiting);
            fw.extender.ruleAdded(RuleKind.SCORING, "log-points");
            assertEquals("test.waiting", find("tiny").bundle());
            assertEquals(List.of(), failures());
        }

        @Test
        void aRuleNamedWithoutDeclarationKeepsTheRunningServicesParameters() {
            // the Maven plugin names the project's rules while they run in its runtime: their declaration counts
            fw.extender.ruleAdded(RuleKind.SCORING, "capped-ratio", Set.of("target"));
            var names = fw.extender.ruleNames(Map.of(RuleKind.SCORING, Set.of("capped-ratio", "elsewhere")), Map.of());
            assertEquals(Set.of("target"), names.parameters(RuleKind.SCORING, "capped-ratio"));
            assertEquals(null, names.parameters(RuleKind.SCORING, "elsewhere"));
            // a declaration that comes with the name (a jar's component description) wins over the running one
            var own = fw.extender.ruleNames(Map.of(RuleKind.SCORING, Set.of("capped-ratio")),
                    Map.of(RuleKind.SCORING, Map.of("capped-ratio", Set.of("target", "cap"))));
            assertEquals(Set.of("target", "cap"), own.parameters(RuleKind.SCORING, "capped-ratio"));
        }

        @Test
        void aRuleGoingAwayLeavesTheModelsThatNameItRegistered() {
            fw.extender.ruleAdded(RuleKind.SCORING, "log-points");
            FakeBundle b = started("test.rule", "1.0.0", Map.of(DESCRIPTOR, waiting("tiny")));
            Registration r = fw.registrationsOf(b).get(0);
            fw.extender.ruleRemoved(RuleKind.SCORING, "log-points");
            assertTrue(fw.registry.find("tiny").isPresent());
            assertFalse(r.unregistered);
            // but a restart now waits for it
            fw.stop(b);
            fw.start(b);
            assertTrue(failures().get(0).reason().startsWith("waiting for a rule service"));
        }

        @Test
        void onlyWaitingDescriptorsAreTriedAgainWhenARuleAppears() {
            FakeBundle b = started("test.mixed", "1.0.0", Map.of(DESCRIPTOR, model("tiny"),
                    "OSGI-INF/cityeval/models/later.json", waiting("later")));
            Registration tiny = fw.registrationsOf(b).get(0);
            fw.extender.ruleAdded(RuleKind.SCORING, "log-points");
            assertTrue(fw.registry.find("later").isPresent());
            assertFalse(tiny.unregistered, "a loaded model is not reloaded");
            assertEquals(2, fw.registrationsOf(b).size());
        }

        @Test
        void aRuleAppearingForAStoppedBundleRegistersNothing() {
            FakeBundle b = started("test.waiting", "1.0.0", Map.of(DESCRIPTOR, waiting("tiny")));
            fw.stop(b);
            fw.extender.ruleAdded(RuleKind.SCORING, "log-points");
            assertTrue(fw.registry.find("tiny").isEmpty());
            assertTrue(fw.registrationsOf(b).isEmpty());
        }

        @Test
        void anUpdateWaitingForARuleKeepsTheLastGoodVersionUntilTheRuleComes() {
            FakeBundle b = started("test.tiny", "1.0.0", Map.of(DESCRIPTOR, model("tiny")));
            fw.update(b, "1.1.0", Map.of(DESCRIPTOR, waiting("tiny")));
            assertEquals("1.0.0", find("tiny").bundleVersion());
            ModelLoadError f = failures().get(0);
            assertTrue(f.failedUpdate() && f.reason().startsWith("waiting for a rule service"), f.toString());
            fw.extender.ruleAdded(RuleKind.SCORING, "log-points");
            assertEquals("1.1.0", find("tiny").bundleVersion());
            assertEquals(List.of(), failures());
            assertEquals(1, fw.registrationsOf(b).size(), "the last good version's registration was replaced");
        }
    }

    /**
     * Races between a bundle's lifecycle (on the thread that starts, stops, updates or uninstalls it) and a rule
     * service appearing (on the thread that registers it). One thread is held at a chosen point with a latch;
     * the other is started and the test waits until it is either blocked on the extender's lock or finished, then
     * lets the first go on. The outcome must be the same whatever order the two take.
     */
    @Nested
    class Races {
        /** Runs {@code second} on a thread once {@code first} holds at the pause, and lets {@code first} go on. */
        void race(FakeBundle b, Pause pause, Runnable first, Runnable second) throws Exception {
            b.pause = pause;
            Thread one = new Thread(first, "first");
            one.start();
            pause.reached.await();
            Thread two = new Thread(second, "second");
            two.start();
            while (two.isAlive() && !fw.registry.lock.hasQueuedThread(two)) {
                Thread.onSpinWait(); // until it waits for the lock (or, without one, has run to its end)
            }
            pause.release();
            one.join();
            two.join();
        }

        @Test
        void anUninstallDuringARuleTriggeredReloadLeavesNothingRegistered() throws Exception {
            FakeBundle b = started("test.waiting", "1.0.0", Map.of(DESCRIPTOR, waiting("tiny")));
            // the reload is held inside registerService; the uninstall comes meanwhile
            race(b, new Pause(Hook.REGISTER), () -> fw.extender.ruleAdded(RuleKind.SCORING, "log-points"),
                    () -> fw.uninstall(b));
            assertTrue(fw.registrationsOf(b).isEmpty(), "the model registered by the reload went with the bundle");
            assertTrue(fw.registry.find("tiny").isEmpty());
            assertEquals(List.of(), failures());
        }

        @Test
        void aRuleAppearingWhileTheBundleIsStoppingRegistersNothing() throws Exception {
            FakeBundle b = started("test.stopping", "1.0.0", Map.of(DESCRIPTOR, model("tiny"),
                    "OSGI-INF/cityeval/models/later.json", waiting("later")));
            // the stop is held while unregistering 'tiny'; the rule 'later' waits for appears meanwhile
            race(b, new Pause(Hook.UNREGISTER), () -> fw.stop(b),
                    () -> fw.extender.ruleAdded(RuleKind.SCORING, "log-points"));
            assertTrue(fw.registrationsOf(b).isEmpty(), fw.registrationsOf(b)::toString);
            assertTrue(fw.registry.find("later").isEmpty());
            assertEquals(List.of(), failures());
            // it loads at the next start, since the rule is there now
            fw.start(b);
            assertTrue(fw.registry.find("later").isPresent());
        }

        @Test
        void aRuleAppearingWhileTheBundleLoadsIsNotMissed() throws Exception {
            FakeBundle b = fw.install("test.loading", "1.0.0", Map.of(DESCRIPTOR, waiting("tiny")));
            // the start is held reading the descriptor; the rule it names appears meanwhile
            race(b, new Pause(Hook.ENTRY), () -> fw.start(b),
                    () -> fw.extender.ruleAdded(RuleKind.SCORING, "log-points"));
            assertEquals("test.loading", find("tiny").bundle());
            assertEquals(List.of(), failures());
        }

        @Test
        void aRuleGoingAwayWhileTheBundleIsUpdatedLeavesOneVersionServing() throws Exception {
            fw.extender.ruleAdded(RuleKind.SCORING, "log-points");
            FakeBundle b = started("test.updated", "1.0.0", Map.of(DESCRIPTOR, waiting("tiny")));
            // the update is held reading its new descriptor; the rule that descriptor names goes meanwhile
            race(b, new Pause(Hook.ENTRY),
                    () -> fw.update(b, "1.1.0", Map.of(DESCRIPTOR, waiting("tiny").replace("\"edition\": \"1\"",
                            "\"edition\": \"2\""))),
                    () -> fw.extender.ruleRemoved(RuleKind.SCORING, "log-points"));
            // the update saw the rule (its removal waited), so the new version serves; the rule's going leaves it
            assertEquals("1.1.0", find("tiny").bundleVersion());
            assertEquals(1, fw.registrationsOf(b).size());
            assertEquals(List.of(), failures());
            // the next update waits for the rule and keeps 1.1.0 serving meanwhile
            fw.update(b, "1.2.0", Map.of(DESCRIPTOR, waiting("tiny")));
            assertEquals("1.1.0", find("tiny").bundleVersion());
            assertEquals("1.1.0", failures().get(0).servingVersion());
        }

        @Test
        void aReaderDuringAnOperationDoesNotWaitAndSeesTheStateBeforeIt() throws Exception {
            FakeBundle b = started("test.waiting", "1.0.0", Map.of(DESCRIPTOR, model("tiny"),
                    "OSGI-INF/cityeval/models/later.json", waiting("later")));
            b.pause = new Pause(Hook.REGISTER);
            Pause pause = b.pause;
            Thread reload = new Thread(() -> fw.extender.ruleAdded(RuleKind.SCORING, "log-points"), "reload");
            reload.start();
            pause.reached.await(); // the reload holds the lock, inside registerService
            // read on this thread while the lock is held: it would hang here if readers took the lock
            var during = fw.registry.snapshot().overview();
            assertEquals(List.of("tiny"), during.models().stream().map(m -> m.id()).toList());
            assertEquals(1, during.failures().size(), "'later' still waiting, as before the reload");
            pause.release();
            reload.join();
            var after = fw.registry.snapshot().overview();
            assertEquals(List.of("later", "tiny"), after.models().stream().map(m -> m.id()).toList());
            assertEquals(List.of(), after.failures());
        }

        @Test
        void aBrokenUpdateDuringARuleTriggeredReloadEndsWithTheLastGoodVersionServing() throws Exception {
            FakeBundle b = started("test.both", "1.0.0", Map.of(DESCRIPTOR, model("tiny"),
                    "OSGI-INF/cityeval/models/later.json", waiting("later")));
            // the reload registering 'later' is held; an update that breaks 'tiny' comes meanwhile
            race(b, new Pause(Hook.REGISTER), () -> fw.extender.ruleAdded(RuleKind.SCORING, "log-points"),
                    () -> fw.update(b, "1.1.0", Map.of(DESCRIPTOR, broken("tiny"),
                            "OSGI-INF/cityeval/models/later.json", waiting("later"))));
            assertEquals("1.0.0", find("tiny").bundleVersion());
            assertEquals("1.1.0", find("later").bundleVersion());
            assertEquals(2, fw.registrationsOf(b).size());
            ModelLoadError f = failures().get(0);
            assertEquals(1, failures().size());
            assertNotNull(f.servingVersion());
        }
    }
}
