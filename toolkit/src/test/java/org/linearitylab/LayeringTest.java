package org.linearitylab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The toolkit's architecture, checked on its compiled classes (ArchUnit): every package sits on a layer and
 * may use only packages on lower layers (or itself); no package cycles; chart and HTML libraries are used only
 * by the display and notebook layers. A new package must be given a layer here, or this test fails.
 */
class LayeringTest {
    /** Layer of every toolkit package, bottom first. A package may depend only on packages of a lower layer. */
    static final Map<String, Integer> LAYER = new LinkedHashMap<>();

    static {
        LAYER.put("core", 0);           // Rng, Require, Memory, Nd, Blas, Progress, Describe
        LAYER.put("calculus", 1);       // linear operators, Lanczos, power iteration, finite differences
        LAYER.put("data", 1);           // data sets
        LAYER.put("experiment", 1);     // the sweep engine, statistics, fits
        LAYER.put("model", 2);          // networks, linearization
        LAYER.put("regression", 2);     // least squares, features, double descent
        LAYER.put("model.assembly", 3); // assembly models (built on model)
        LAYER.put("analysis", 4);       // measurements of a model: Hessians, remainders, Grams, tangent kernels
        LAYER.put("training", 5);       // gradient descent and its sweeps
        LAYER.put("display", 6);        // charts, tables, views of results
        LAYER.put("notebook", 7);       // renderers, checks, homework
        LAYER.put("notebook.jjava", 8); // kernel integrations
        LAYER.put("notebook.ijava", 8);
        LAYER.put("", 9);               // Lab: the notebooks' entry point
    }

    static final String ROOT = "org.linearitylab";

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    static String packageOf(JavaClass c) {
        String p = c.getPackageName();
        return p.equals(ROOT) ? "" : p.substring(ROOT.length() + 1);
    }

    @Test
    void everyPackageHasALayer() {
        TreeSet<String> missing = new TreeSet<>();
        for (JavaClass c : classes) {
            if (!LAYER.containsKey(packageOf(c))) {
                missing.add(packageOf(c));
            }
        }
        assertTrue(classes.size() > 50, "the toolkit's classes were imported (" + classes.size() + ")");
        assertEquals(new TreeSet<>(), missing, "packages without a layer in LayeringTest.LAYER");
    }

    @Test
    void dependenciesPointDown() {
        List<String> wrong = new ArrayList<>();
        for (JavaClass c : classes) {
            String from = packageOf(c);
            Integer mine = LAYER.get(from);
            if (mine == null) {
                continue;
            }
            TreeSet<String> targets = new TreeSet<>();
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass t = d.getTargetClass();
                if (!t.getPackageName().startsWith(ROOT) || t.getPackageName().equals(c.getPackageName())) {
                    continue;
                }
                String to = packageOf(t);
                Integer theirs = LAYER.get(to);
                if (theirs != null && theirs >= mine) {
                    targets.add(t.getName().substring(ROOT.length() + 1));
                }
            }
            if (!targets.isEmpty()) {
                wrong.add(c.getName().substring(ROOT.length() + 1) + " → " + targets);
            }
        }
        assertEquals(List.of(), wrong, "classes that depend on a package of the same or a higher layer");
    }

    @Test
    void noPackageCycles() {
        EvaluationResult r = SlicesRuleDefinition.slices().matching(ROOT + ".(**)").should().beFreeOfCycles().evaluate(classes);
        assertTrue(!r.hasViolation(), () -> String.join("\n", r.getFailureReport().getDetails()));
    }

    @Test
    void onlyTheDisplayAndNotebookLayersDraw() {
        List<String> wrong = new ArrayList<>();
        for (JavaClass c : classes) {
            String from = packageOf(c);
            if (LAYER.getOrDefault(from, 0) >= LAYER.get("display")) {
                continue;
            }
            TreeSet<String> targets = new TreeSet<>();
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String t = d.getTargetClass().getName();
                if (t.startsWith("org.knowm.xchart") || t.startsWith("tech.tablesaw.io") || t.startsWith("java.awt")) {
                    targets.add(t);
                }
            }
            if (!targets.isEmpty()) {
                wrong.add(c.getName().substring(ROOT.length() + 1) + " → " + targets);
            }
        }
        assertEquals(List.of(), wrong, "classes below the display layer that use XChart, Tablesaw's writers or AWT");
    }
}
