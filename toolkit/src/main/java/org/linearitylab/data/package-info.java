/**
 * Data sets: synthetic inputs xⱼ ~ N(0, I_d) and smooth one-dimensional targets (seeded: same seed, same numbers),
 * small regression sets for training experiments, and the UCI optical-recognition digits (1,797 images of 8×8
 * pixels, features pixel/16 ∈ [0, 1]; Alpaydin &amp; Kaynak, CC BY 4.0) shipped as a resource.
 *
 * <p>Layer 1 (see {@code LayeringTest}): may import only {@code core}.
 */
package org.linearitylab.data;
