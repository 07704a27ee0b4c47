package org.linearitylab.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.linearitylab.core.Nd;

/**
 * Does JavaCPP's off-heap limit hold for one big ND4J buffer? (issue 18; the reason for {@link org.linearitylab.core.Memory}).
 * Run with the kernel's options and an n × n size, e.g.
 * <pre>
 * java -Xmx768m -XX:+UseSerialGC -Dorg.bytedeco.javacpp.maxbytes=512m -Dorg.bytedeco.javacpp.maxphysicalbytes=1000m \
 *      -cp "toolkit/target/lib/*:toolkit/target/test-classes" org.linearitylab.bench.OffHeapLimitProbe 20000
 * </pre>
 * Measured (ND4J 1.0.0-M2.1, JavaCPP 1.5.7): n = 20000 (3.2 GB) is allocated in full — resident 3.1 GB — and only the
 * next tiny JavaCPP allocation throws "Cannot allocate new LongPointer(2): totalBytes = 0, physicalBytes = 3133M";
 * the same with SD_MAX_PRIMARY_BYTES / SD_MAX_DEVICE_BYTES = 512 MB and with Environment.setMaxPrimaryMemory.
 * ND4J's buffers are allocated natively, outside JavaCPP's accounting, so no setting makes the limit hold.
 */
public final class OffHeapLimitProbe {
    private OffHeapLimitProbe() {
    }

    static long rssMb() throws java.io.IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS")) {
                return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        Nd.init();
        long n = args.length > 0 ? Long.parseLong(args[0]) : 20000;
        System.out.printf("JavaCPP maxBytes %d MB, maxPhysicalBytes %d MB; RSS %d MB%n", Pointer.maxBytes() >> 20, Pointer.maxPhysicalBytes() >> 20, rssMb());
        long t = System.nanoTime();
        try {
            var x = Nd4j.zeros(DataType.DOUBLE, n, n);
            x.addi(1.0);
            System.out.printf("allocated %d × %d (%d MB): RSS %d MB, JavaCPP totalBytes %d MB%n", n, n, n * n * 8 >> 20, rssMb(), Pointer.totalBytes() >> 20);
        } catch (Throwable e) {
            System.out.printf("threw %s after %.1f s; RSS %d MB%n", e, (System.nanoTime() - t) / 1e9, rssMb());
        }
    }
}
