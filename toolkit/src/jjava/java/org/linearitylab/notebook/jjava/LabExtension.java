package org.linearitylab.notebook.jjava;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import org.linearitylab.Lab;
import org.linearitylab.notebook.Html;
import org.linearitylab.notebook.Plots;
import org.linearitylab.notebook.Tables;

import tech.tablesaw.api.Table;

/**
 * Installed by JJava when the toolkit jar is added to a notebook (listed in META-INF/services):
 * XChart charts render as PNG, Tablesaw tables and toolkit results ({@link Html}) as HTML,
 * whenever they are a cell's last expression or passed to {@code display(...)}.
 */
public final class LabExtension implements Extension {
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void install(BaseKernel kernel) {
        Lab.init();
        kernel.getRenderer().createRegistration((Class) Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((chart, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Plots.base64Png((Chart<?, ?>) chart));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "chart: " + ((Chart<?, ?>) chart).getTitle());
                });
        kernel.getRenderer().createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.html(table));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print());
                });
        kernel.getRenderer().createRegistration(Html.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> result.toHtml());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> result.toString());
                });
    }
}
