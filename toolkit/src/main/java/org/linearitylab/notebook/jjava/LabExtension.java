package org.linearitylab.notebook.jjava;

import java.util.LinkedHashSet;
import java.util.Set;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.linearitylab.core.Nd;
import org.linearitylab.notebook.Kernels;
import org.linearitylab.notebook.Renderings;

/**
 * Installed by JJava when the toolkit jar is added to a notebook (listed in META-INF/services, or on the
 * kernel's classpath from the start via JJAVA_CLASSPATH): the toolkit's {@link Renderings} — charts and images
 * as PNG, tables and results as HTML — whenever they are a cell's last expression or passed to
 * {@code display(...)}; and the in-place progress display ({@code display}/{@code updateDisplay}).
 *
 * <p>Compiled against jjava-jupyter 1.0-a6 (Maven Central) and run in the 1.0a8 kernel: it only touches
 * API that is identical in both (checked with javap: Extension, BaseKernel.getRenderer, Renderer.register,
 * RenderContext.renderIfRequested, MIMEType.parse, BaseNotebookStatics.display/updateDisplay).
 */
public final class LabExtension implements Extension {
    @Override
    public void install(BaseKernel kernel) {
        Nd.init();
        register(kernel.getRenderer());
        Kernels.useLiveDisplay("JJava", new Kernels.LiveDisplay() {
            @Override
            public String show(Object view) {
                return BaseNotebookStatics.display(view);
            }

            @Override
            public void update(String id, Object view) {
                BaseNotebookStatics.updateDisplay(id, view);
            }
        });
    }

    /** Registers every {@link Renderings.Kind} with a JJava renderer. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void register(Renderer renderer) {
        for (Renderings.Kind kind : Renderings.kinds()) {
            Set<MIMEType> supported = new LinkedHashSet<>();
            for (Renderings.Form f : kind.forms()) {
                supported.add(MIMEType.parse(f.mime()));
            }
            renderer.register(supported, Set.of(MIMEType.parse(kind.preferred())), Set.of((Class) kind.type()),
                    (value, ctx) -> {
                        for (Renderings.Form f : kind.forms()) {
                            ctx.renderIfRequested(MIMEType.parse(f.mime()), () -> f.render().apply(value));
                        }
                    });
        }
    }
}
