package org.linearitylab.core;

import java.util.Locale;

import org.bytedeco.javacpp.Pointer;

/**
 * The toolkit's memory budget: every call whose allocation grows with the user's sizes (Gram matrices m²,
 * designs n·p, Jacobians n·P, dense Hessians P², heat maps, a sweep's stored results) estimates its bytes with
 * overflow-safe arithmetic and asks {@link #require} <em>before</em> allocating. Over budget it throws an
 * {@link IllegalArgumentException} naming the sizes, the estimate, the budget and what to do instead, so a
 * student's kernel keeps its state instead of being killed.
 *
 * <p>Why the toolkit checks itself: ND4J (1.0.0-M2.1, CPU) allocates array buffers in native code that JavaCPP
 * does not count, so {@code -Dorg.bytedeco.javacpp.maxbytes} and {@code maxphysicalbytes} do not stop one big
 * request. Measured with the kernel's settings (-Xmx768m, maxbytes=512m, maxphysicalbytes=1000m): a
 * 20 000 × 20 000 float64 array (3.2 GB) is allocated in full (resident 3.1 GB) and only the next tiny JavaCPP
 * allocation fails; ND4J's {@code Environment.setMaxPrimaryMemory} and {@code SD_MAX_PRIMARY_BYTES} do not stop
 * it either. Under Binder's memory limit the kernel is killed before that.
 *
 * <p>The budget of one request, derived from what the process has:
 * <ul>
 *   <li>Java heap (plain {@code double[]}): half of {@code Runtime.maxMemory()} (-Xmx);</li>
 *   <li>ND4J off-heap: min(JavaCPP maxbytes, maxphysicalbytes / 2) (their defaults follow -Xmx);</li>
 *   <li>both overridden by the system property {@value #PROPERTY} (e.g. {@code -Dlinearitylab.memory=2g}) or
 *       by {@link #setBudget(String)} in a notebook — raise it only when the machine really has the memory.</li>
 * </ul>
 */
public final class Memory {
    /** System property overriding both budgets: bytes, or a number with k, m or g (e.g. "2g"). */
    public static final String PROPERTY = "linearitylab.memory";
    /** Largest Java array length the JVM allows (a little under {@code Integer.MAX_VALUE}). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;

    private static volatile long override = -1;

    private Memory() {
    }

    /** Overrides both budgets for this kernel ("600m", "2g", bytes); {@code null} or "auto" restores the derived budgets. */
    public static void setBudget(String size) {
        override = size == null || size.equalsIgnoreCase("auto") ? -1 : parse("size", size);
    }

    /** The most one request may hold in Java heap arrays, in bytes. */
    public static long heapBudget() {
        long o = configured();
        return o > 0 ? o : Runtime.getRuntime().maxMemory() / 2;
    }

    /** The most one request may hold in ND4J's off-heap buffers, in bytes. */
    public static long offHeapBudget() {
        long o = configured();
        if (o > 0) {
            return o;
        }
        long max = Pointer.maxBytes() > 0 ? Pointer.maxBytes() : Runtime.getRuntime().maxMemory();
        long physical = Pointer.maxPhysicalBytes();
        return physical > 0 ? Math.min(max, physical / 2) : max;
    }

    /** Bytes of a float64 array with the given dimensions, overflow-safe (IllegalArgumentException on overflow). */
    public static long doubles(String what, long... dims) {
        long n = elements(what, dims);
        if (n > Long.MAX_VALUE / 8) {
            throw new IllegalArgumentException(what + " of " + sizes(dims) + " entries overflows a 64-bit byte count; use smaller sizes");
        }
        return n * 8;
    }

    /**
     * The number of entries Π dims, overflow-safe: an {@link IllegalArgumentException} naming {@code what} and
     * the sizes if a dimension is negative or the product overflows a long.
     */
    public static long elements(String what, long... dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(what + ": sizes must be ≥ 0, got " + sizes(dims));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + " of " + sizes(dims) + " entries overflows a 64-bit count; use smaller sizes");
            }
        }
        return n;
    }

    /** Entries of one Java array (≤ {@link #MAX_ARRAY}), as an int; otherwise an IllegalArgumentException. */
    public static int arrayLength(String what, long... dims) {
        long n = elements(what, dims);
        if (n > MAX_ARRAY) {
            throw new IllegalArgumentException(what + " has " + sizes(dims) + " = " + n + " entries, more than one Java array holds ("
                    + MAX_ARRAY + "); use smaller sizes");
        }
        return (int) n;
    }

    /**
     * Refuses a request over budget before anything is allocated.
     *
     * @param what       what is being built, with its sizes (e.g. "the Gram matrix of layer 2, m × m = 20000 × 20000")
     * @param heapBytes  bytes the request holds in Java arrays at its peak
     * @param offHeap    bytes it holds in ND4J buffers at its peak
     * @param instead    what to do instead (e.g. "use estimate(inputs, layer, k, seed)")
     */
    public static void require(String what, long heapBytes, long offHeap, String instead) {
        long heap = heapBudget();
        long off = offHeapBudget();
        if (heapBytes > heap || offHeap > off) {
            boolean onHeap = heapBytes > heap;
            throw new IllegalArgumentException(what + " needs about " + mb(onHeap ? heapBytes : offHeap) + " of "
                    + (onHeap ? "Java heap" : "ND4J off-heap memory") + ", over this kernel's budget of " + mb(onHeap ? heap : off)
                    + " per request (" + (configured() > 0 ? "set by " + PROPERTY : onHeap ? "half of the JVM heap, -Xmx" : "JavaCPP maxbytes / maxphysicalbytes")
                    + "); nothing was allocated. " + instead + ". (If the machine really has the memory: Memory.setBudget(\"4g\") or -D"
                    + PROPERTY + "=4g.)");
        }
    }

    /**
     * Refuses an n×P Jacobian (a Java array and its ND4J copy) over budget, or one whose n·P entries do not fit
     * in a Java array.
     */
    public static void requireJacobian(long n, long p) {
        String what = "the Jacobian n × P = " + n + " × " + p;
        long bytes = doubles(what, n, p);
        require(what, bytes, bytes, "Use fewer inputs, or products that never form it: weightedGradient(inputs, c) for Jᵀc, "
                + "the tangent kernel on a subset of inputs");
        arrayLength(what, n, p);
    }

    /** Refuses an a × b tangent kernel (the matrix and two same-sized intermediates) over budget. */
    public static void requireKernel(long a, long b) {
        String what = "the tangent kernel a × b = " + a + " × " + b;
        require(what, doubles(what, a, b), doubles(what, 3, a, b), "Use fewer inputs (a subset of the training set)");
    }

        /** A byte count in binary units, as -Xmx counts them: "3.0 GB" (2³⁰ bytes) / "512 MB" (2²⁰ bytes). */
    public static String mb(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", Math.max(1, Math.round(bytes / (double) (1L << 20))));
    }

    /** The budgets in one line, e.g. for a notebook's first cell. */
    public static String describe() {
        return "memory budget per request: " + mb(heapBudget()) + " Java heap, " + mb(offHeapBudget()) + " ND4J off-heap"
                + (configured() > 0 ? " (" + PROPERTY + ")" : "");
    }

    private static long configured() {
        if (override > 0) {
            return override;
        }
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? -1 : parse(PROPERTY, p);
    }

    static long parse(String name, String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("k") || s.endsWith("m") || s.endsWith("g")) {
            unit = s.endsWith("k") ? 1L << 10 : s.endsWith("m") ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        try {
            double v = Double.parseDouble(s);
            if (!(v > 0) || v * unit > Long.MAX_VALUE / 2.0) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive size such as 600m or 2g, got \"" + size + "\"");
        }
    }

    private static String sizes(long... dims) {
        StringBuilder b = new StringBuilder();
        for (long d : dims) {
            b.append(b.length() == 0 ? "" : " × ").append(d);
        }
        return b.toString();
    }
}
