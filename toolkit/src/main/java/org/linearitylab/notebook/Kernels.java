package org.linearitylab.notebook;

import java.lang.reflect.Method;
import org.linearitylab.core.Progress;

/**
 * Which notebook kernel the toolkit runs in, and the hooks it gives the toolkit.
 *
 * <ul>
 *   <li>JJava: the toolkit's extension ({@code notebook.jjava.LabExtension}, a {@code META-INF/services} entry)
 *       installs the renderers itself when the jar is added, and offers a live display (display / update in
 *       place) for {@link Progress}.</li>
 *   <li>IJava 1.3 (jupyter-jvm-basekernel 2.3) has no extensions: {@link #register()}, called by
 *       {@code Lab.hello()} (every notebook's setup cell), finds {@code io.github.spencerpark.ijava.IJava}
 *       reflectively and installs the same renderers through its kernel instance.</li>
 *   <li>Neither (plain JVM, tests): nothing is registered; progress goes to a final line on standard output.</li>
 * </ul>
 */
public final class Kernels {
    /** A kernel's display that can be updated in place: {@link Progress.LiveDisplay}. */
    public interface LiveDisplay extends Progress.LiveDisplay {
    }

    static final String IJAVA_CLASS = "io.github.spencerpark.ijava.IJava";
    private static final String IJAVA_RENDERERS = "org.linearitylab.notebook.ijava.IJavaRenderers";
    private static final String BASE_KERNEL = "io.github.spencerpark.jupyter.kernel.BaseKernel";

    private static volatile LiveDisplay live;
    private static volatile String kernel = "none";
    private static volatile Object ijavaKernel;

    private Kernels() {
    }

    /** Called by a kernel integration that can update displays in place (JJava's extension). */
    public static void useLiveDisplay(String kernelName, LiveDisplay display) {
        org.linearitylab.core.Require.notNull("kernelName", kernelName);
        kernel = kernelName;
        live = display;
        Progress.useLiveDisplay(display);
    }

    /** The live display of the running kernel, or {@code null} (IJava, plain JVM). */
    public static LiveDisplay liveDisplay() {
        return live;
    }

    /** The kernel integration in use: "JJava", "IJava" or "none". */
    public static String kernel() {
        return kernel;
    }

    /**
     * Installs the toolkit's renderers in IJava if this JVM runs IJava (found reflectively, so nothing fails
     * where it is absent); idempotent. Returns the kernel integration in use ({@link #kernel()}).
     */
    public static String register() {
        ClassLoader loader = Kernels.class.getClassLoader();
        Class<?> ijava;
        try {
            ijava = Class.forName(IJAVA_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return kernel; // not IJava
        }
        try {
            Object instance = ijava.getMethod("getKernelInstance").invoke(null);
            if (instance != null) {
                install(instance);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // a kernel we cannot hook: results still print their toString; never fail the setup cell
            System.err.println("Linearity Lab: could not install the IJava renderers (" + e + ")");
        }
        return kernel;
    }

    /** Installs the renderers in {@code instance}, a jupyter-jvm-basekernel {@code BaseKernel}. */
    static synchronized void install(Object instance) throws ReflectiveOperationException {
        if (instance == ijavaKernel) {
            return;
        }
        ClassLoader loader = Kernels.class.getClassLoader();
        Class<?> base = Class.forName(BASE_KERNEL, false, loader);
        Method install = Class.forName(IJAVA_RENDERERS, true, loader).getMethod("install", base);
        install.invoke(null, instance);
        ijavaKernel = instance;
        if (live == null) {
            kernel = "IJava";
        }
    }
}
