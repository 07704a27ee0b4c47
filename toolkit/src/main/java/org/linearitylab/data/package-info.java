/**
 * Data sets: synthetic inputs (Gaussian xⱼ ~ N(0, I_d), seeded; smooth one-dimensional targets) and the UCI
 * optical-recognition digits (1,797 images of 8×8 pixels, Alpaydin &amp; Kaynak, CC BY 4.0) shipped as a resource.
 *
 * <p>Imports only the root package.
 */
package org.linearitylab.data;
