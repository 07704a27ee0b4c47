package org.linearitylab.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.Lab;

/**
 * The BLAS kernel under ND4J: the OpenBLAS core type, chosen from the CPU's features where the OpenBLAS on the class
 * path needs it, and a measured GEMM rate.
 *
 * <p>The toolkit ships OpenBLAS 0.3.31 (JavaCPP preset 0.3.31-1.5.13, in place of the 0.3.19 that ND4J 1.0.0-M2.1
 * bundles; {@code benchmarks/openblas-options.md}). Its own run-time CPU detection knows current CPUs, its AVX-512
 * kernels are right, and on an AVX-512 Xeon its SkylakeX GEMM is faster than 0.3.19's Haswell one: the toolkit leaves
 * the choice to it.
 *
 * <p>With OpenBLAS 0.3.19 (a class path that still resolves ND4J's own OpenBLAS) the toolkit has to choose: 0.3.19's
 * SkylakeX and Cooperlake kernels — which it picks on its own on an AVX-512 CPU — make LAPACK's blocked QR
 * ({@code dgeqrf}, used by {@link org.linearitylab.regression.ThinSvd} once min(n, p) ≥ 128) return a wrong triangle
 * (a 400×256 Gaussian matrix got s₁ = 551 instead of 35.3, commons-math3), and on CPUs it does not know at all it
 * falls back to a generic kernel (3–5× slower). So for 0.3.19 {@link #configure()} — called by {@link Nd#init()}
 * before the first ND4J call — sets {@code OPENBLAS_CORETYPE=Haswell} on CPUs with AVX2 + FMA (every AVX-512 CPU
 * has both), in the process's own environment (libc {@code setenv} through JNA, which ND4J already ships; OpenBLAS
 * reads the variable once, when it loads). {@code ThinSvdReferenceTest} fails under 0.3.19's SkylakeX and Cooperlake
 * and passes under Haswell and under every core of 0.3.31. A user who sets {@code OPENBLAS_CORETYPE=SkylakeX} with
 * 0.3.19 is warned by {@link Lab#diagnostics()}.
 *
 * <p>A value the user or the machine already set is never changed. Because the choice is made at run time in the
 * process that loads OpenBLAS, it is right on every machine the same build runs on (a Binder image is built on one
 * node and run on others). Linux only (elsewhere OpenBLAS's own detection stands).
 *
 * <p>{@link #core()} reports the core OpenBLAS actually uses ({@code openblas_get_corename}), {@link #gemmGflops(int)}
 * a measured float64 GEMM rate.
 */
public final class Blas {
    /** The environment variable OpenBLAS reads when it loads. */
    public static final String CORETYPE = "OPENBLAS_CORETYPE";
    /** A JVM system property that names the core type instead of the CPU flags (the environment variable still wins). */
    public static final String PROPERTY = "lab.openblas.coretype";

    /** The OpenBLAS version whose AVX-512 kernels give wrong blocked-QR results (see the class comment). */
    private static final String HASWELL_WORKAROUND = "0.3.19";

    /** The environment variable the OpenMP runtime under ND4J (libgomp) reads when it loads. */
    public static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    private static volatile String source = "not configured (Nd.init() not called before ND4J loaded)";
    private static volatile String waitPolicySource = "not configured (Nd.init() not called before ND4J loaded)";

    private Blas() {
    }

    /**
     * The OpenBLAS core type the toolkit sets for a CPU with the given /proc/cpuinfo flags under the given OpenBLAS
     * version ("0.3.31", or "unknown"): "Haswell" for 0.3.19 with AVX2 and FMA, AVX-512 CPUs included (its
     * SkylakeX and Cooperlake kernels give wrong blocked-QR results, and it does not know recent CPUs: see the class
     * comment); null otherwise (OpenBLAS's own detection, right and fastest for 0.3.31).
     */
    public static String coreTypeFor(Set<String> cpuFlags, String openblasVersion) {
        Require.notNull("cpuFlags", cpuFlags);
        Require.notNull("openblasVersion", openblasVersion);
        if (HASWELL_WORKAROUND.equals(openblasVersion) && cpuFlags.containsAll(List.of("avx2", "fma"))) {
            return "Haswell";
        }
        return null;
    }

    /**
     * The version of the OpenBLAS on the class path ("0.3.31", from its JavaCPP preset's jar manifest, e.g.
     * 0.3.31-1.5.13), read without loading the native library; "unknown" when not found.
     */
    public static String classPathVersion() {
        try {
            Package p = Class.forName("org.bytedeco.openblas.global.openblas", false, Blas.class.getClassLoader()).getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return v == null || v.isBlank() ? "unknown" : v.split("-")[0];
        } catch (ClassNotFoundException | LinkageError e) {
            return "unknown";
        }
    }

    /** The flags of the first CPU in /proc/cpuinfo (empty when there is no such file, e.g. not Linux). */
    public static Set<String> cpuFlags() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return Set.of();
        }
        try (var lines = Files.lines(info)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> new HashSet<>(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))))
                    .map(s -> (Set<String>) s).orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** The CPU model name from /proc/cpuinfo, or os.arch when unknown. */
    public static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    /**
     * Sets OPENBLAS_CORETYPE from the CPU flags in this process's environment, unless it is already set or
     * OpenBLAS is already loaded (idempotent; never throws). Must run before ND4J's first call: {@link Nd.init()}
     * calls it.
     */
    public static synchronized void configure() {
        if (!source.startsWith("not configured")) {
            return;
        }
        configureWaitPolicy();
        try {
            String atStart = setAtStart(CORETYPE);
            if (atStart != null) {
                source = atStart;
                return;
            }
            if (loadedLibrary() != null) {
                source = "OpenBLAS's own detection (it was loaded before Nd.init())";
                return;
            }
            String property = System.getProperty(PROPERTY);
            String version = classPathVersion();
            String core = property != null && !property.isBlank() ? property.trim() : coreTypeFor(cpuFlags(), version);
            if (core == null) {
                source = "OpenBLAS's own detection (" + (HASWELL_WORKAROUND.equals(version) ? "no AVX2 + FMA flags found"
                        : "OpenBLAS " + version + ": no core type needed") + ")";
                return;
            }
            String inProcess = setUnlessSet(CORETYPE, core); // a blank value counts as unset: OpenBLAS would read it as a core name
            if (inProcess != null) {
                source = inProcess;
                return;
            }
            source = (property != null && !property.isBlank() ? "from -D" + PROPERTY : "chosen by the toolkit from the CPU flags for OpenBLAS " + version)
                    + " (" + CORETYPE + "=" + core + ")";
        } catch (Throwable e) { // no JNA, not a Unix libc, …: OpenBLAS decides
            source = "OpenBLAS's own detection (could not set " + CORETYPE + ": " + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * Sets {@code OMP_WAIT_POLICY=PASSIVE} in this process's environment unless it is set already or ND4J is loaded.
     *
     * <p>Two thread pools share the cores: OpenBLAS's own threads run the GEMMs, libgomp's (ND4J's OpenMP runtime)
     * run ND4J's element-wise and reduction ops. By default an idle libgomp thread spins for a while before it
     * sleeps, and OpenBLAS's threads spin after each GEMM too: on a 2-core machine an op that follows a GEMM then waits
     * for a scheduler time slice. Measured on a 2-core AVX-512 Xeon, m = 256: a 256×256 scalar multiply after a GEMM
     * took 5.6 ms with the default policy and 0.1 ms with PASSIVE; the exact Gram recursion of a 4-layer net at
     * m = 256 (20 samples) went from 0.65 s to 0.12 s, at m = 1024 from 1.89 s to 1.52 s (the GEMMs themselves are
     * unchanged). {@code ./lab bench} has the figures of the current build.
     */
    static void configureWaitPolicy() {
        try {
            String atStart = setAtStart(WAIT_POLICY);
            if (atStart != null) {
                waitPolicySource = atStart;
                return;
            }
            if (loadedLibrary("libgomp") != null) {
                waitPolicySource = "libgomp's default (it was loaded before Nd.init())";
                return;
            }
            String inProcess = setUnlessSet(WAIT_POLICY, "PASSIVE");
            if (inProcess != null) {
                waitPolicySource = inProcess;
                return;
            }
            waitPolicySource = "set by the toolkit (" + WAIT_POLICY + "=PASSIVE)";
        } catch (Throwable e) {
            waitPolicySource = "libgomp's default (could not set " + WAIT_POLICY + ": " + e.getClass().getSimpleName() + ")";
        }
    }

    /** "set before start (NAME=value)" when the process started with {@code name} set to a non-blank value, else null. */
    private static String setAtStart(String name) {
        String v = System.getenv(name);
        return v != null && !v.isBlank() ? "set before start (" + name + "=" + v + ")" : null;
    }

    /**
     * Sets {@code name=value} in this process's own environment (libc {@code setenv} through JNA, which ND4J ships)
     * unless it already holds a non-blank value there; returns "set in this process (NAME=value)" in that case, null
     * when it set it. Throws when there is no JNA or no Unix libc (the callers fall back to the library's default).
     */
    private static String setUnlessSet(String name, String value) {
        com.sun.jna.platform.unix.LibC libc = com.sun.jna.platform.unix.LibC.INSTANCE;
        String inProcess = libc.getenv(name);
        if (inProcess != null && !inProcess.isBlank()) {
            return "set in this process (" + name + "=" + inProcess + ")";
        }
        libc.setenv(name, value, 1);
        return null;
    }

    /** Where the OpenMP wait policy came from: set by the user, set by the toolkit (PASSIVE), or libgomp's default. */
    public static String waitPolicySource() {
        return waitPolicySource;
    }

    /** Where the core type came from: set by the user, chosen by the toolkit, or left to OpenBLAS. */
    public static String coreTypeSource() {
        return source;
    }

    /** The path of the loaded libopenblas (from /proc/self/maps), or null. */
    static String loadedLibrary() {
        return loadedLibrary("libopenblas");
    }

    /** The path of the first loaded library whose name contains {@code name} (from /proc/self/maps), or null. */
    static String loadedLibrary(String name) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return null;
        }
        try (var lines = Files.lines(maps)) {
            return lines.filter(l -> l.contains(name) && l.indexOf('/') >= 0).findFirst()
                    .map(l -> l.substring(l.indexOf('/')).trim()).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The core OpenBLAS uses ({@code openblas_get_corename()}, e.g. "SkylakeX"), or "unknown". Loads ND4J. */
    public static String core() {
        return call("openblas_get_corename", "unknown");
    }

    /** OpenBLAS's build configuration ({@code openblas_get_config()}, e.g. "OpenBLAS 0.3.19 DYNAMIC_ARCH …"). */
    public static String config() {
        return call("openblas_get_config", "unknown");
    }

    private static String call(String function, String fallback) {
        Nd.init();
        String path = loadedLibrary();
        if (path == null) {
            return fallback;
        }
        try {
            // RTLD_LAZY without RTLD_GLOBAL (JNA's default): promoting OpenBLAS to global scope changes how ND4J's
            // later lazily bound calls resolve (measured: "BLAS : Bad memory unallocation!" at exit).
            var lib = com.sun.jna.NativeLibrary.getInstance(path, java.util.Map.of(com.sun.jna.Library.OPTION_OPEN_FLAGS, 1));
            return lib.getFunction(function).invokeString(new Object[0], false).trim();
        } catch (Throwable e) {
            return fallback;
        }
    }

    /**
     * A measured float64 GEMM rate in GFLOP/s: C = A B with n×n matrices, best of a few products after one
     * warm-up (about 0.1 s at n = 1024 on a recent 2-core machine).
     */
    public static double gemmGflops(int n) {
        Require.inRange("n", n, 16, 8192);
        Nd.init();
        INDArray a = Nd4j.rand(DataType.DOUBLE, n, n);
        INDArray b = Nd4j.rand(DataType.DOUBLE, n, n);
        INDArray c = Nd4j.zeros(DataType.DOUBLE, n, n);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 3; r++) {
            long t = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
        return 2.0 * n * n * (double) n / best / 1e9;
    }

    /** One line: OpenBLAS core and where its type came from, OpenBLAS threads, and (if {@code gemm}) a GEMM rate. */
    public static String describe(boolean gemm) {
        String config = config();
        String version = config.startsWith("OpenBLAS ") ? config.split(" ")[1] : "?";
        String threads = System.getenv("OMP_NUM_THREADS");
        String out = "OpenBLAS " + version + " core " + core() + " [" + coreTypeSource() + "], CPU " + cpuModel()
                + ", OMP_NUM_THREADS=" + (threads == null ? "unset" : threads) + ", OpenMP wait policy: " + waitPolicySource;
        if (gemm) {
            out += String.format(Locale.ROOT, ", float64 GEMM 1024² %.1f GFLOP/s", gemmGflops(1024));
        }
        if (knownWrong(version, core())) {
            out += " · WARNING: OpenBLAS " + version + "'s " + core() + " kernels give wrong blocked-QR results (least squares "
                    + "with min(n, p) ≥ 128); unset " + CORETYPE + " or set it to Haswell";
        }
        return out;
    }

    /** OpenBLAS 0.3.19's AVX-512 cores, whose blocked QR is wrong (see the class comment). */
    static boolean knownWrong(String version, String core) {
        String c = core == null ? "" : core.toLowerCase(Locale.ROOT);
        return HASWELL_WORKAROUND.equals(version) && (c.equals("skylakex") || c.equals("cooperlake") || c.equals("sapphirerapids"));
    }
}
