package org.linearitylab;

import org.junit.jupiter.api.extension.Extension;
import org.linearitylab.core.Blas;

/**
 * Chooses OpenBLAS's core type ({@link Blas#configure()}) before any test class runs, so {@code mvn test} uses the
 * right BLAS kernel even when a test touches ND4J before {@link Lab#init()}. Registered for every test through
 * JUnit's extension auto-detection (src/test/resources/junit-platform.properties and META-INF/services).
 */
public final class BlasSetup implements Extension {
    static {
        Blas.configure();
    }
}
