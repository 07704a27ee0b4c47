package org.linearitylab;

import org.linearitylab.core.Rng;






/**
 * Base class for tests that draw random numbers: one fixed seed, so every run of the suite sees the same
 * numbers, and a fresh generator per use so tests do not depend on each other's draws.
 */
public abstract class SeededTest {
    /** The seed every test in the suite starts from. */
    protected static final long SEED = 20221;

    /** A generator seeded with {@link #SEED}. */
    protected static Rng rng() {
        return Rng.seed(SEED);
    }

    /** A generator seeded with {@link #SEED} + offset, for a second independent stream. */
    protected static Rng rng(long offset) {
        return Rng.seed(SEED + offset);
    }
}
