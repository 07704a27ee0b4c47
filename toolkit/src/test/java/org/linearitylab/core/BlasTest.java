package org.linearitylab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.linearitylab.Lab;

class BlasTest {
    @Test
    void coreTypeFollowsTheCpuFlagsOnlyForTheOpenBlasThatNeedsIt() {
        Set<String> skylakeX = Set.of("sse2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd");
        assertEquals("Haswell", Blas.coreTypeFor(skylakeX, "0.3.19")); // 0.3.19's SkylakeX kernels break blocked QR (ThinSvdReferenceTest)
        assertEquals("Haswell", Blas.coreTypeFor(Set.of("sse2", "avx", "avx2", "fma", "avx512f"), "0.3.19"));
        assertEquals("Haswell", Blas.coreTypeFor(Set.of("avx2", "fma"), "0.3.19"));
        assertNull(Blas.coreTypeFor(Set.of("sse2", "avx"), "0.3.19"));
        assertNull(Blas.coreTypeFor(Set.of("avx2"), "0.3.19")); // no FMA: leave it to OpenBLAS
        assertNull(Blas.coreTypeFor(Set.of(), "0.3.19"));
        assertNull(Blas.coreTypeFor(skylakeX, "0.3.31")); // its own detection is right and fastest
        assertNull(Blas.coreTypeFor(skylakeX, "unknown"));
    }

    @Test
    void theOpenBlasVersionIsReadFromTheClassPath() {
        String v = Blas.classPathVersion();
        assertTrue(v != null && v.matches("\\d+\\.\\d+\\.\\d+"), "version " + v);
        Nd.init();
        assertTrue(Blas.config().startsWith("OpenBLAS " + v + " "), Blas.config()); // the library loaded is that version
    }

    @Test
    void theAvx512CoresOfTheBundledOpenBlasAreFlaggedAsWrong() {
        assertTrue(Blas.knownWrong("0.3.19", "SkylakeX"));
        assertTrue(Blas.knownWrong("0.3.19", "Cooperlake"));
        assertFalse(Blas.knownWrong("0.3.19", "Haswell"));
        assertFalse(Blas.knownWrong("0.3.31", "SkylakeX"));
    }

    @Test
    void theCoreInUseIsTheOneChosenUnlessTheUserSetOne() {
        Nd.init();
        String core = Blas.core();
        String set = System.getenv(Blas.CORETYPE);
        String expected = set != null && !set.isBlank() ? set : Blas.coreTypeFor(Blas.cpuFlags(), Blas.classPathVersion());
        if (expected != null && Blas.coreTypeSource().contains("=")) {
            assertEquals(expected.toLowerCase(), core.toLowerCase(), Blas.coreTypeSource());
        }
        if (expected == null && System.getProperty(Blas.PROPERTY) == null) {
            assertFalse(Blas.coreTypeSource().contains("="), "nothing to set for OpenBLAS " + Blas.classPathVersion() + ": " + Blas.coreTypeSource());
        }
        assertFalse(core.isBlank());
    }

    @Test
    void theOpenMpWaitPolicyIsPassiveUnlessTheUserSetOne() {
        Nd.init();
        String set = System.getenv(Blas.WAIT_POLICY);
        String inProcess = com.sun.jna.platform.unix.LibC.INSTANCE.getenv(Blas.WAIT_POLICY);
        if (set != null && !set.isBlank()) {
            assertEquals(set, inProcess);
            assertTrue(Blas.waitPolicySource().startsWith("set before start"), Blas.waitPolicySource());
        } else if (Blas.waitPolicySource().startsWith("set by the toolkit")) {
            assertEquals("PASSIVE", inProcess);
        } else {
            // only when libgomp was loaded before Nd.init(), which the toolkit's own tests never do
            assertTrue(Blas.waitPolicySource().startsWith("libgomp's default"), Blas.waitPolicySource());
        }
        assertTrue(Blas.describe(false).contains("OpenMP wait policy: " + Blas.waitPolicySource()), Blas.describe(false));
    }

    @Test
    void diagnosticsNameTheCoreAndAMeasuredRate() {
        String d = Lab.diagnostics();
        assertTrue(d.contains("core " + Blas.core()), d);
        assertTrue(d.matches(".*GEMM 1024² [0-9.]+ GFLOP/s.*"), d);
        double rate = Blas.gemmGflops(256);
        assertTrue(rate > 0.1 && rate < 1e5, "GEMM rate " + rate);
        assertTrue(Lab.hello().contains("OpenBLAS core "), Lab.hello());
    }

    /**
     * The mechanism itself, in a fresh JVM: a core type set by the toolkit before ND4J loads is the one OpenBLAS
     * uses. Haswell is not what OpenBLAS picks on an AVX-512 machine, so on such a machine this fails if the
     * setting comes too late; an explicit OPENBLAS_CORETYPE in the environment must win over the property.
     */
    @Test
    void theToolkitsChoiceReachesOpenBlasInAFreshJvm() throws Exception {
        if (!Set.of("avx2", "fma").stream().allMatch(Blas.cpuFlags()::contains)) {
            return; // Haswell kernels need AVX2 + FMA
        }
        assertEquals("Haswell", childCore(null, "Haswell"));
        assertEquals("Prescott", childCore("Prescott", "Haswell"), "the user's OPENBLAS_CORETYPE must not be overridden");
    }

    private static String childCore(String env, String property) throws Exception {
        String javaExe = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaExe, "-cp", System.getProperty("java.class.path"), "-D" + Blas.PROPERTY + "=" + property,
                "-Dorg.bytedeco.javacpp.logger=slf4j", PrintCore.class.getName());
        pb.environment().remove(Blas.CORETYPE);
        if (env != null) {
            pb.environment().put(Blas.CORETYPE, env);
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("core="), out);
        return last.substring(5);
    }

    /** The child JVM: initialise the toolkit, print the core OpenBLAS uses. */
    public static final class PrintCore {
        public static void main(String[] args) {
            Nd.init();
            System.out.println("core=" + Blas.core());
        }
    }
}
