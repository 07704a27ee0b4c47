/**
 * The IJava 1.3 kernel integration (jupyter-jvm-basekernel 2.3, which has no extension mechanism): registers
 * {@code notebook.Renderings} with the kernel's renderer when {@code Lab.hello()} finds IJava reflectively
 * ({@code notebook.Kernels.register()}); never loaded where IJava is absent.
 *
 * <p>Layer 8 (see {@code LayeringTest}): may import every lower layer (it uses {@code notebook}); nothing in the
 * toolkit imports it by type.
 */
package org.linearitylab.notebook.ijava;
