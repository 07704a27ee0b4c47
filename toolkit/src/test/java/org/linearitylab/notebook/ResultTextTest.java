package org.linearitylab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.linearitylab.core.Describe;
import org.linearitylab.display.Html;
import org.linearitylab.display.Views;
import org.linearitylab.model.LineScan;

/**
 * Every toolkit result that can be a cell's last expression reads well as text: records with array components
 * and results with an HTML view ({@link Views}, {@link Html} among them) define {@code toString()} (else Java prints {@code [D@4e25154f} / {@code Class@1a2b3c}).
 * Scans the compiled toolkit classes, so a new result type without a text form fails here.
 */
class ResultTextTest {
    private static final Pattern HASH = Pattern.compile("@[0-9a-f]{5,8}\\b");

    static List<Class<?>> toolkitClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(org.linearitylab.Lab.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(f).toString().replace('/', '.').replace('\\', '.').replaceAll("\\.class$", "");
                if (name.startsWith("org.linearitylab.") && !name.matches(".*\\$\\d+.*") && !name.contains(".jjava.") && !name.contains(".ijava.")) {
                    out.add(Class.forName(name, false, ResultTextTest.class.getClassLoader()));
                }
            }
        }
        return out;
    }

    static boolean definesToString(Class<?> c) throws NoSuchMethodException {
        return c.getMethod("toString").getDeclaringClass() != Object.class;
    }

    /** A record built from placeholder components (arrays of length 2, zeros, "x", null), or null if it refuses. */
    static Object placeholder(Class<?> c) {
        RecordComponent[] parts = c.getRecordComponents();
        Class<?>[] types = Stream.of(parts).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            args[i] = t == double[][].class ? new double[][]{{1, 2}, {3, 4}}
                    : t.isArray() ? java.lang.reflect.Array.newInstance(t.getComponentType(), 2)
                    : t == double.class ? 0.5 : t == int.class ? 2 : t == long.class ? 2L : t == boolean.class ? true
                    : t == String.class ? "x" : null;
        }
        try {
            var ctor = c.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Test
    void recordsWithArraysAndHtmlResultsHaveReadableText() throws Exception {
        List<Class<?>> classes = toolkitClasses();
        assertTrue(classes.size() > 50, "scanned " + classes.size() + " classes");
        List<String> missing = new ArrayList<>();
        int built = 0;
        for (Class<?> c : classes) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isInterface() || c.isEnum()) {
                continue;
            }
            boolean viewed = Views.all().stream().anyMatch(v -> v.type().isAssignableFrom(c));
            if (viewed && !c.isRecord() && !definesToString(c)) {
                missing.add(c.getName() + " (a result with an HTML view but without toString)");
            }
            boolean arrays = c.isRecord() && Stream.of(c.getRecordComponents()).map(RecordComponent::getType).anyMatch(Class::isArray);
            Object r = arrays ? placeholder(c) : null;
            if (r == null) {
                continue;
            }
            built++;
            String text;
            try {
                text = r.toString();
            } catch (RuntimeException e) {
                continue; // its toString needs real data
            }
            if (HASH.matcher(text).find()) {
                missing.add(c.getName() + " prints " + text);
            }
        }
        assertTrue(built >= 5, "built only " + built + " records with array components");
        assertEquals(List.of(), missing, "results without a readable text form (add toString, e.g. Describe.record(this))");
    }

    @Test
    void describeSummarisesArraysAndListsShortOnes() {
        double[] t = {-4, -2, 0, 2, 4, 6, 8};
        var scan = new LineScan(t, new double[]{1, 2, 3, 4, 5, 6, 7}, java.util.Arrays.stream(t).map(x -> 0.5 + 0.25 * x).toArray());
        String s = scan.toString();
        assertTrue(s.startsWith("LineScan[t=7 values in [-4, 8], f=7 values in [1, 7], tangent=7 values in [-0.5, 2.5]"), s);
        assertTrue(s.contains("f0=0.5") && s.contains("slope=0.25"), s);
        assertEquals("Slip[name=x, values=[1, 2], explanation=]", new org.linearitylab.notebook.Check.Slip("x", new double[]{1, 2}, null).toString());
        assertFalse(HASH.matcher(s).find());
        assertEquals("1.235e-16", Describe.number(1.2345e-16));
        assertEquals("3×2 matrix", Describe.value(new double[3][2]));
    }

    @Test
    void htmlWithoutToStringFallsBackToItsTextNotAHash() {
        Html h = () -> "<table><tr><td>slope</td><td>-0.5</td></tr></table>";
        String text = Renderings.text(h);
        assertFalse(HASH.matcher(text).find(), text);
        assertTrue(text.endsWith("slope -0.5"), text);
    }

    @Test
    void configuredObjectsThatCanEndACellPrintOneReadableLine() {
        var op = org.linearitylab.calculus.LinearOperator.of(3, x -> x.clone());
        for (Object o : new Object[]{org.linearitylab.calculus.Lanczos.of(op), org.linearitylab.calculus.PowerIteration.of(op),
            org.linearitylab.core.Rng.seed(1), org.linearitylab.model.DeepNet.builder(), org.linearitylab.model.TwoLayerNet.builder(),
            org.linearitylab.model.assembly.AssemblyModel.builder()}) {
            String s = o.toString();
            assertFalse(HASH.matcher(s).find(), s);
            assertFalse(s.contains("\n"), s);
        }
    }

    /**
     * A result whose toString() prints its table in full precision shows, as text/plain, the numbers its HTML view shows
     * (4 significant digits): the two forms agree, and the text does not change with the BLAS kernel's last-digit rounding.
     */
    @Test
    void tableResultsShowTheirHtmlDigitsAsText() {
        var sweep = org.linearitylab.experiment.Sweep.widths(8, 16).seeds(2).quiet()
                .measure("x", (m, seed) -> Math.PI * m).run();
        assertTrue(sweep.toString().contains("25.1327"), sweep.toString()); // 8π in full: the result's own text
        Renderings.Kind kind = Renderings.kinds().stream().filter(k -> k.type().isInstance(sweep)).findFirst().orElseThrow();
        String html = (String) kind.forms().get(0).render().apply(sweep);
        String text = (String) kind.forms().get(1).render().apply(sweep);
        assertEquals(Renderings.TEXT, kind.forms().get(1).mime());
        assertTrue(html.contains("25.13") && text.contains("25.13"), text);
        assertFalse(text.contains("25.132"), text);
    }
}
