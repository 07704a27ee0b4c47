package org.linearitylab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.linearitylab.core.Nd;
import org.linearitylab.model.DifferentiableModel;

/**
 * Walks the public API reflectively (every public static method, public constructor, and public method of a
 * public type, builder setters included) and feeds each parameter bad values — null, empty, ragged, NaN/∞,
 * negative sizes, sizes whose products overflow int — while the other arguments hold values for which the call
 * succeeds (its baseline). A bad value must give an {@link IllegalArgumentException} (or a
 * {@link NullPointerException}) whose message names the argument (its parameter name, or for a one-argument
 * setter the setter's name); Integer.MAX_VALUE sizes may be accepted but must not crash with anything else.
 *
 * <p>Instances for instance methods come from the API itself: every successful baseline call's result joins a
 * pool of samples by type, and the walk is repeated, so builders, models, results and charts are all reached.
 * Methods whose baseline cannot be found automatically are listed as not covered (printed).
 */
@Tag("slow")
class ApiFuzzTest {
    static final long CALL_TIMEOUT_MS = 4000;
    static final Set<String> SKIP_METHODS = Set.of("equals", "hashCode", "toString", "wait", "notify", "notifyAll", "getClass",
            "valueOf", "values", "compareTo", "describeConstable", "ordinal", "name", "getDeclaringClass");
    /** Global side effects (kernel settings, files, the process) are not fuzzed. */
    static final Set<String> SKIP_QUALIFIED = Set.of("Memory.setBudget", "Nd.init",
            "DeepNet.releaseNativeMemory", // frees the pooled net itself: every later call would test the release
            "DeepNet.gradientStepConsuming"); // releases the pooled net too (its checks: DeepNetHessianSpeedPathTest)
    /**
     * The allow-list: "Class.method#parameter" (any bad value) or "Class.method#parameter=value label", each with
     * its reason. Nothing here hides a crash: allowed cases still must not throw anything but
     * IllegalArgumentException / NullPointerException / IllegalStateException.
     */
    static final Map<String, String> ALLOWED = Map.ofEntries(
            // labels: the text of the message itself, not a value of the computation
            Map.entry("Require.*#name", "the label the message is built from"),
            Map.entry("Memory.*#what", "the label the message is built from"),
            Map.entry("Memory.*#instead", "the advice text of the message"),
            Map.entry("Checks.*#name", "the label of an in-notebook check"),
            Map.entry("Checks.holds#claim", "the label of an in-notebook check"),
            Map.entry("Activation.requireSmooth#argument", "the label the message is built from"),
            Map.entry("Plots.*#title", "null = no title (XChart)"), Map.entry("Plots.*#xLabel", "null = no axis title (XChart)"),
            Map.entry("Plots.*#yLabel", "null = no axis title (XChart)"), Map.entry("TrainingPlots.*#title", "null = no title (XChart)"),
            Map.entry("TrainingPlots.*#yLabel", "null = no axis title (XChart)"), Map.entry("OrthogonalityCharts.chart#title", "null = no title (XChart)"),
            Map.entry("OrthogonalityCharts.chart#xLabel", "null = no axis title (XChart)"), Map.entry("SweepCharts.chart#title", "null = no title (XChart)"), Map.entry("HeatMaps.matrix#title", "null = no title (XChart)"),
            // documented meanings
            Map.entry("Check.*#answer", "a NaN / null answer means \"not answered yet\" (issue 17 owns Check)"),
            Map.entry("Check.*#answerSlope", "NaN means \"not answered yet\" (issue 17 owns Check)"),
            Map.entry("Homework.*#answer", "the student's answer: NaN entries, an empty or null array, or p < 0 mean \"not answered yet\""),
            Map.entry("Homework.*#answerSlope", "NaN means \"not answered yet\""),
            Map.entry("Homework.gradientByHand#formula", "null means \"not answered yet\""),
            Map.entry("Homework.neuron0Net#v0", "NaN keeps the drawn output weight (documented)"),
            Map.entry("Kernels.useLiveDisplay#display", "null = no live display (outside a kernel, e.g. after a test)"),
            Map.entry("Progress.useLiveDisplay#display", "null = no live display (outside a kernel, e.g. after a test)"),
            Map.entry("Check.measured#slips", "null = no known slips for this exercise (documented)"),
            Map.entry("Describe.*#*", "formats any value for display: NaN, ±∞ and null are printed as such"),
            Map.entry("LiveDisplay.*#*", "the kernel's display hook: it passes on whatever the kernel gives it"),
            Map.entry("Plots.clipBelow#y=empty", "an empty series clips to an empty series"),
            Map.entry("Check.*#y", "the student's measurements: NaN means \"not answered yet\" (issue 17 owns Check)"),
            Map.entry("Check.*#x", "the student's measurements (issue 17 owns Check)"),
            Map.entry("Check.*#hint", "null = no hint (issue 17 is redesigning Check)"),
            Map.entry("Check.*#expected", "reference values (issue 17 is redesigning Check)"),
            Map.entry("Checks.inRange#value", "NaN fails the check with AssertionError, by design"),
            Map.entry("Builder.progress#sink", "null = silent (documented)"),
            Map.entry("Plots.*#x=NaN entry", "a NaN point is a gap in a line; an all-NaN series is rejected"),
            Map.entry("Plots.*#y=NaN entry", "a NaN point is a gap in a line; an all-NaN series is rejected"),
            Map.entry("Plots.*#err=NaN entry", "a NaN error bar is not drawn"),
            Map.entry("Plots.withErrors#err=null", "null = no error bars (documented)"),
            // IEEE scalar / elementwise functions on hot paths: NaN in, NaN out (visible, not a wrong number)
            Map.entry("Activation.value#z", "σ(z) elementwise, called per neuron: NaN in → NaN out"),
            Map.entry("Activation.derivative#z", "σ'(z) elementwise, per neuron: NaN in → NaN out"),
            Map.entry("Activation.secondDerivative#z", "σ''(z) elementwise, per neuron: NaN in → NaN out"),
            Map.entry("Synthetic.smooth#x", "a scalar target function: NaN in → NaN out"),
            Map.entry("SubModel.*#w", "per-neuron calls inside AssemblyModel's loops; AssemblyModel validates θ and x once per call"),
            Map.entry("SubModel.*#x", "per-neuron calls inside AssemblyModel's loops; AssemblyModel validates θ and x once per call"),
            Map.entry("SubModel.*#u", "per-neuron calls inside AssemblyModel's loops"),
            Map.entry("SubModel.*#radius", "per-neuron calls inside AssemblyModel's loops"),
            Map.entry("Stats.*#xs=NaN entry", "NaN in → NaN out; sweeps reject NaN measurements where they are measured"),
            Map.entry("FiniteDifferences.maxAbsDifference#a=NaN entry", "a NaN difference is reported as NaN"),
            Map.entry("FiniteDifferences.maxAbsDifference#b=NaN entry", "a NaN difference is reported as NaN"),
            Map.entry("Nd.array#values=NaN entry", "a conversion: callers validate their numbers"),
            Map.entry("Nd.matrix#rows=NaN entry", "a conversion: callers validate their numbers"),
            Map.entry("Nd.matrix#flat=NaN entry", "a conversion: callers validate their numbers"),
            Map.entry("Nd.column#values=NaN entry", "a conversion: callers validate their numbers"),
            Map.entry("Nd.column#values=empty", "zero scalars give zero rows"),
            Map.entry("Require.*#*", "Require's own contract (each method checks one property, e.g. length() only the length)"),
            Map.entry("Checks.inRange#hi=+∞", "+∞ = no upper bound"),
            Map.entry("Check.*#relTolerance", "its message says 'tolerance' (issue 17 owns Check)"),
            Map.entry("Split.rows#index=empty", "selecting no rows gives no rows"),
            Map.entry("Split.rows#x=NaN entry", "a row selection: no arithmetic on the values"),
            Map.entry("Split.rows#x=null row", "a row selection: no arithmetic on the values"),
            Map.entry("Split.rows#x=ragged", "a row selection: no arithmetic on the values"));


    static boolean allowed(Executable e, String param, String value) {
        String cls = e.getDeclaringClass().getSimpleName();
        String m = e instanceof Constructor ? "<new>" : e.getName();
        for (String c : new String[]{cls + "." + m, cls + ".*"}) {
            if (ALLOWED.containsKey(c + "#" + param) || ALLOWED.containsKey(c + "#" + param + "=" + value) || ALLOWED.containsKey(c + "#*")) {
                return true;
            }
        }
        return false;
    }

    record Case(String entry, String parameter, String value, String outcome) {
    }

    final Map<Class<?>, List<Object>> pool = new LinkedHashMap<>();
    final List<Case> failures = new ArrayList<>();
    final Set<String> covered = new java.util.TreeSet<>();
    final Set<String> uncovered = new java.util.TreeSet<>();
    int cases;
    int allowedCases;

    @Test
    void everyPublicEntryPointRejectsBadArgumentsNamingThem() throws Exception {
        Nd.init();
        List<Class<?>> types = publicTypes();
        List<Executable> entries = new ArrayList<>();
        for (Class<?> t : types) {
            for (Method m : t.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !SKIP_METHODS.contains(m.getName())
                        && !SKIP_QUALIFIED.contains(t.getSimpleName() + "." + m.getName())) {
                    entries.add(m);
                }
            }
            if (!t.isInterface() && !t.isEnum() && !Modifier.isAbstract(t.getModifiers())) {
                for (Constructor<?> c : t.getConstructors()) {
                    if (!t.isRecord()) { // a record's canonical constructor builds a result value: not an entry point
                        entries.add(c);
                    }
                }
            }
        }
        seedPool();
        // rounds: results of successful baselines become samples for instance methods of the next round
        for (int round = 0; round < 3; round++) {
            for (Executable e : entries) {
                if (!(e instanceof Method m) || Modifier.isStatic(m.getModifiers()) || round > 0) {
                    baselineOnly(e);
                }
            }
        }
        for (Executable e : entries) {
            if (e.getParameterCount() > 0) {
                fuzz(e);
            }
        }
        Map<String, Long> byOutcome = failures.stream().collect(Collectors.groupingBy(c -> c.outcome().replaceAll(":.*", ""),
                TreeMap::new, Collectors.counting()));
        System.out.printf("API fuzz: %d public entry points with parameters covered, %d cases tried (%d of them allow-listed), %d failures %s; %d not covered%n",
                covered.size(), cases, allowedCases, failures.size(), byOutcome, uncovered.size());
        System.out.println("not covered (no baseline found): " + uncovered);
        failures.forEach(c -> System.out.println("  FAIL " + c));
        assertTrue(failures.isEmpty(), failures.size() + " bad arguments were not rejected clearly; first: "
                + failures.stream().limit(15).map(Case::toString).collect(Collectors.joining("\n")));
        assertTrue(covered.size() >= 150, "too few entry points covered: " + covered.size());
    }

    /** A few results whose builders take lambdas the generic proxies cannot make meaningful (names "q", layers 1–2). */
    void seedPool() {
        List<Object> seeds = new ArrayList<>();
        try {
            seeds.add(org.linearitylab.experiment.Sweep.widths(2, 4, 8).seeds(3).quiet().measure("q", (m, seed) -> 1.0 / m).run());
            seeds.add(org.linearitylab.analysis.OrthogonalitySweep.of(m -> org.linearitylab.model.DeepNet.tanh(2, 1, m, m), 2, 3).inputs(org.linearitylab.data.GaussianInputs.sample(3, 2, 1)).layers(1, 2).policy(org.linearitylab.analysis.OrthogonalitySweep.Policy.EXACT).run());
            seeds.add(org.linearitylab.regression.DoubleDescent.legendre(x -> x * x, 8, 0.1).ps(2, 4, 8).seeds(2).progress(null).run());
            seeds.add(org.linearitylab.training.WidthSweep.of((m, seed) -> org.linearitylab.model.TwoLayerNet.tanh(m, 1, seed), 2, 4)
                    .data(org.linearitylab.data.TrainingSet.sphere(3, 1, 1)).steps(3).seeds(2).progress(x -> { }).run());
        } catch (RuntimeException e) {
            System.out.println("fuzz: a hand-made sample failed (its methods stay uncovered): " + e);
        }
        for (Object o : seeds) {
            pool.computeIfAbsent(o.getClass(), k -> new ArrayList<>()).add(o);
        }
    }

    // ------------------------------------------------------------------ discovery

    static List<Class<?>> publicTypes() throws IOException, ClassNotFoundException {
        Path root = Path.of("target/classes");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains("$$") || name.matches(".*\\$\\d+.*") || name.contains("jjava")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, ApiFuzzTest.class.getClassLoader());
                if (isPublic(c) && !c.isAnnotation()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    static boolean isPublic(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    static String label(Executable e) {
        String owner = e.getDeclaringClass().getName().replace("org.linearitylab.", "");
        String params = Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "));
        return owner + "." + (e instanceof Constructor ? "<new>" : e.getName()) + "(" + params + ")";
    }

    // ------------------------------------------------------------------ values

    /** A "good" argument of the given type for variant v (sizes 2, 3 or the model's parameter count). */
    Object good(Parameter p, int v, Object target) {
        Class<?> t = p.getType();
        int len = switch (v) {
            case 0 -> 2;
            case 1, 4 -> 3;
            case 2 -> 1;
            default -> target instanceof DifferentiableModel dm ? dm.parameterCount() : 4;
        };
        if (v == 5 && target instanceof DifferentiableModel dm) { // by name: inputs have length d, the rest length P
            boolean input = Set.of("x", "xs", "inputs", "a", "b").contains(p.getName());
            boolean perSample = Set.of("c", "targets", "y").contains(p.getName());
            len = input ? dm.inputDim() : perSample ? 3 : dm.parameterCount();
            if (t == double[][].class) {
                return new double[][]{vector(dm.inputDim(), 1), vector(dm.inputDim(), 2), vector(dm.inputDim(), 3)};
            }
        }
        if (t == int.class || t == Integer.class) {
            return v == 2 ? 1 : v == 1 ? 3 : 2;
        }
        if (t == long.class || t == Long.class) {
            return 1L;
        }
        if (t == double.class || t == Double.class) {
            return 0.5;
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == String.class) {
            return "q";
        }
        if (t == double[].class) {
            return v == 4 ? new double[]{1, 2, 4} : vector(len, 0); // variant 4: positive, increasing (fits, grids)
        }
        if (t == double[][].class) {
            double[][] rows = new double[3][];
            for (int i = 0; i < 3; i++) {
                rows[i] = vector(v == 3 ? 2 : len, i + 1);
            }
            return rows;
        }
        if (t == int[].class) {
            return v == 2 ? new int[]{1} : v == 1 ? new int[]{1, 2, 3} : new int[]{2, 3};
        }
        if (t == long[].class) {
            return new long[]{1, 2};
        }
        if (t == String[].class) {
            return new String[]{"a", "b"};
        }
        if (t == INDArray.class) {
            return Nd.matrix((double[][]) good(new FakeParam(double[][].class), v, target));
        }
        if (t.isEnum()) {
            return t.getEnumConstants()[0];
        }
        if (t == Path.class) {
            return null;
        }
        if (t == List.class) {
            return List.of("a");
        }
        Object sample = sample(t, v);
        if (sample != null) {
            return sample;
        }
        if (t.isInterface()) {
            return proxy(t, p.getParameterizedType(), v);
        }
        if (t.isArray() && sample(t.getComponentType(), v) != null) {
            Object a = Array.newInstance(t.getComponentType(), 2);
            Array.set(a, 0, sample(t.getComponentType(), v));
            Array.set(a, 1, sample(t.getComponentType(), v));
            return a;
        }
        return null;
    }

    static double[] vector(int len, int salt) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = 0.3 * Math.sin(1.7 * i + salt) + 0.05 * (i + salt);
        }
        return x;
    }

    Object sample(Class<?> t, int v) {
        List<Object> all = new ArrayList<>();
        for (Map.Entry<Class<?>, List<Object>> e : pool.entrySet()) {
            if (t.isAssignableFrom(e.getKey())) {
                all.addAll(e.getValue());
            }
        }
        return all.isEmpty() ? null : all.get(Math.min(v, all.size() - 1));
    }

    /** A functional-interface argument: returns a good value of its return type (a pooled sample for generic returns). */
    Object proxy(Class<?> t, Type generic, int v) {
        Class<?> generated = generic instanceof ParameterizedType pt && pt.getActualTypeArguments().length > 0
                && pt.getActualTypeArguments()[pt.getActualTypeArguments().length - 1] instanceof Class<?> c ? c : null;
        return Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[]{t}, (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("hashCode") ? 0 : m.getName().equals("equals") ? self == args[0] : "proxy";
            }
            if (m.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(self, m, args);
            }
            Class<?> r = m.getReturnType();
            if (r == void.class) {
                return null;
            }
            if (r == double[].class && args != null && args.length > 0 && args[0] instanceof double[] a) {
                return a.clone();
            }
            if (r == Object.class && generated != null) {
                return sample(generated, v);
            }
            return good(new FakeParam(r), v, null);
        });
    }

    static final class FakeParam {
        final Class<?> type;

        FakeParam(Class<?> type) {
            this.type = type;
        }
    }

    Object good(FakeParam p, int v, Object target) {
        Parameter[] dummy = Holder.param(p.type);
        return dummy == null ? null : good(dummy[0], v, target);
    }

    /** Real Parameter objects for the value types (from the methods below). */
    static final class Holder {
        static void i(int a) { }
        static void l(long a) { }
        static void d(double a) { }
        static void b(boolean a) { }
        static void s(String a) { }
        static void dv(double[] a) { }
        static void dm(double[][] a) { }
        static void iv(int[] a) { }
        static void nd(INDArray a) { }

        static Parameter[] param(Class<?> t) {
            for (Method m : Holder.class.getDeclaredMethods()) {
                if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == t) {
                    return m.getParameters();
                }
            }
            return null;
        }
    }

    /** Bad values for one parameter: (label, value, must it be rejected?). */
    List<Object[]> bad(Parameter p, Object goodValue) {
        Class<?> t = p.getType();
        List<Object[]> out = new ArrayList<>();
        if (t == int.class) {
            out.add(new Object[]{"-1", -1, true});
            out.add(new Object[]{"Integer.MAX_VALUE", Integer.MAX_VALUE, false});
        } else if (t == long.class) { // seeds take any value; sizes must still not crash
            out.add(new Object[]{"-1L", -1L, false});
            out.add(new Object[]{"Long.MAX_VALUE", Long.MAX_VALUE, false});
      } else if (t == double.class) {
            out.add(new Object[]{"NaN", Double.NaN, true});
            out.add(new Object[]{"+∞", Double.POSITIVE_INFINITY, true});
        } else if (t == double[].class) {
            out.add(new Object[]{"null", null, true});
            out.add(new Object[]{"empty", new double[0], true});
            double[] nan = ((double[]) goodValue).clone();
            nan[nan.length - 1] = Double.NaN;
            out.add(new Object[]{"NaN entry", nan, true});
        } else if (t == double[][].class) {
            double[][] g = (double[][]) goodValue;
            out.add(new Object[]{"null", null, true});
            out.add(new Object[]{"empty", new double[0][], true});
            double[][] ragged = Arrays.stream(g).map(double[]::clone).toArray(double[][]::new);
            ragged[1] = Arrays.copyOf(ragged[1], ragged[1].length + 1);
            out.add(new Object[]{"ragged", ragged, true});
            double[][] nan = Arrays.stream(g).map(double[]::clone).toArray(double[][]::new);
            nan[2][0] = Double.NaN;
            out.add(new Object[]{"NaN entry", nan, true});
            double[][] nullRow = Arrays.stream(g).map(double[]::clone).toArray(double[][]::new);
            nullRow[1] = null;
            out.add(new Object[]{"null row", nullRow, true});
        } else if (t == int[].class) {
            out.add(new Object[]{"null", null, true});
            out.add(new Object[]{"empty", new int[0], true});
            int[] neg = ((int[]) goodValue).clone();
            neg[0] = -1;
            out.add(new Object[]{"negative entry", neg, true});
        } else if (t == INDArray.class) {
            out.add(new Object[]{"null", null, true});
        } else if (!t.isPrimitive() && t != long[].class && t != Long.class) {
            out.add(new Object[]{"null", null, true});
        }
        return out;
    }

    // ------------------------------------------------------------------ calls

    final Map<String, Object[]> baselines = new LinkedHashMap<>();

    Object target(Executable e, int v) {
        if (e instanceof Constructor || Modifier.isStatic(e.getModifiers())) {
            return null;
        }
        return sample(e.getDeclaringClass(), v);
    }

    /** Finds arguments for which the call succeeds; pools the result. */
    void baselineOnly(Executable e) {
        String key = label(e);
        if (baselines.containsKey(key)) {
            return;
        }
        boolean instance = !(e instanceof Constructor) && !Modifier.isStatic(e.getModifiers());
        List<Object> targets = new ArrayList<>();
        if (instance) {
            for (Map.Entry<Class<?>, List<Object>> en : pool.entrySet()) {
                if (e.getDeclaringClass().isAssignableFrom(en.getKey())) {
                    targets.addAll(en.getValue());
                }
            }
            if (targets.isEmpty()) {
                return;
            }
        } else {
            targets.add(null);
        }
        for (int attempt = 0; attempt < 6 * targets.size(); attempt++) {
            int v = attempt % 6;
            Object target = targets.get(attempt / 6);
            Object[] args = new Object[e.getParameterCount()];
            Parameter[] ps = e.getParameters();
            for (int i = 0; i < ps.length; i++) {
                args[i] = good(ps[i], v, target);
            }
            Outcome o = call(e, target, args);
            if (o.error == null) {
                baselines.put(key, new Object[]{v, args, target});
                if (o.result != null && !(o.result instanceof Number) && !(o.result instanceof String) && !(o.result instanceof Boolean)
                        && !o.result.getClass().isArray()) {
                    List<Object> list = pool.computeIfAbsent(o.result.getClass(), k -> new ArrayList<>());
                    if (list.size() < 4) {
                        list.add(o.result);
                    }
                }
                return;
            }
        }
    }

    void fuzz(Executable e) {
        String key = label(e);
        Object[] base = baselines.get(key);
        boolean fuzzable = Arrays.stream(e.getParameters()).anyMatch(p -> !bad(p, goodOrDummy(p)).isEmpty());
        if (!fuzzable) {
            return;
        }
        if (base == null) {
            uncovered.add(key);
            return;
        }
        covered.add(key);
        int v = (int) base[0];
        Object[] good = (Object[]) base[1];
        Parameter[] ps = e.getParameters();
        for (int i = 0; i < ps.length; i++) {
            for (Object[] b : bad(ps[i], good[i])) {
                boolean allow = allowed(e, ps[i].getName(), (String) b[0]);
                Object[] args = good.clone();
                // fresh copies of mutable good arguments (a call may have modified them)
                args[i] = b[1];
                Object target = base[2]; // the instance the baseline succeeded on
                cases++;
                Outcome o = call(e, target, args);
                String verdict = judge(e, ps[i], (boolean) b[2] && !allow, o, args);
                if (allow && verdict != null && !verdict.startsWith("wrong exception") && !verdict.startsWith("hang")) {
                    verdict = null;
                }
                if (allow) {
                    allowedCases++;
                }
                if (verdict != null) {
                    failures.add(new Case(key, ps[i].getName(), (String) b[0], verdict));
                }
            }
        }
    }

    Object goodOrDummy(Parameter p) {
        Object g = good(p, 0, null);
        if (g != null) {
            return g;
        }
        return p.getType() == double[].class ? new double[1] : p.getType() == int[].class ? new int[1] : null;
    }

    static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    String judge(Executable e, Parameter p, boolean mustReject, Outcome o, Object[] args) {
        Throwable t = o.error;
        if (t == null) {
            return mustReject ? "accepted silently" : null;
        }
        if (o.timedOut) {
            return "hang: no answer within " + CALL_TIMEOUT_MS + " ms";
        }
        boolean checkFails = t instanceof AssertionError && e.getDeclaringClass().getSimpleName().equals("Checks");
        if (!(t instanceof IllegalArgumentException) && !(t instanceof NullPointerException) && !(t instanceof IllegalStateException) && !checkFails) {
            return "wrong exception: " + t.getClass().getName() + ": " + String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        }
        String msg = messages(t).toLowerCase(Locale.ROOT);
        String name = p.getName().toLowerCase(Locale.ROOT);
        // the message may name the argument's concept: theta0 → theta, newTheta → theta, widths → width
        String bare = name.replaceAll("\\d+$", "").replaceAll("^new(?=[a-z])", "");
        if (names(msg, name) || names(msg, bare) || (bare.endsWith("s") && names(msg, bare.substring(0, bare.length() - 1))) || (e.getParameterCount() == 1 && e instanceof Method && Pattern.compile("(^|[^a-z0-9_])" + Pattern.quote(setterName(e.getName()))).matcher(msg).find())) {
            return null;
        }
        if (t instanceof AssertionError) {
            return null;
        }
        Parameter[] ps = e.getParameters();
        for (int i = 0; i < ps.length; i++) { // helpers that take the argument's name (Require, Checks) name it by that label
            if (ps[i].getType() == String.class && Set.of("name", "question", "what").contains(ps[i].getName()) && args[i] != null
                    && names(msg, ((String) args[i]).toLowerCase(Locale.ROOT))) {
                return null;
            }
        }
        return "message does not name '" + p.getName() + "': " + t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    }

    /** "withMaxIterations" → "maxiterations": a setter's message may name the setting instead of its parameter. */
    static String setterName(String method) {
        String s = method.startsWith("with") && method.length() > 4 ? method.substring(4) : method;
        return s.toLowerCase(Locale.ROOT);
    }

    static boolean names(String msg, String name) {
        return Pattern.compile("(^|[^a-z0-9_])" + Pattern.quote(name) + "($|[^a-z0-9_])").matcher(msg).find();
    }

    static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(" | ");
        }
        return b.toString();
    }

    record Outcome(Object result, Throwable error, boolean timedOut) {
    }

    @SuppressWarnings({"deprecation", "removal"})
    static Outcome call(Executable e, Object target, Object[] args) {
        AtomicReference<Outcome> out = new AtomicReference<>();
        Thread th = new Thread(() -> {
            try {
                Object r = e instanceof Method m ? m.invoke(target, args) : ((Constructor<?>) e).newInstance(args);
                out.set(new Outcome(r, null, false));
            } catch (InvocationTargetException x) {
                out.set(new Outcome(null, x.getCause(), false));
            } catch (Throwable x) {
                out.set(new Outcome(null, x, false));
            }
        });
        th.setDaemon(true);
        th.start();
        try {
            th.join(CALL_TIMEOUT_MS);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        }
        if (th.isAlive()) {
            th.stop();
            return new Outcome(null, new RuntimeException("timeout"), true);
        }
        return out.get();
    }
}
