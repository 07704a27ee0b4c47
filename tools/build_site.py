"""Render every executed notebook to a static HTML page (charts embedded), plus an index page.

Usage: python tools/build_site.py [--executed build/executed] [--out build/site] [--binder-repo OWNER/NAME]

Reads the executed copies written by `./lab notebooks` / `./lab test` (so the pages show real outputs),
renders each with nbconvert's HTMLExporter (images stay inline as data: URIs, so every page is a single
self-contained file) and writes DIR/<notebook>.html and DIR/index.html. Anyone can then read the
notebooks, with all charts and numbers, without Java or Jupyter. Every page and index entry links to the same
notebook on Binder (mybinder.org builds the repository from binder/), for the GitHub repository of the clone's
`origin` remote, or --binder-repo.
"""
import argparse
import datetime
import html
import json
import pathlib
import re
import subprocess
import sys

import nbformat
from nbconvert import HTMLExporter

ROOT = pathlib.Path(__file__).resolve().parent.parent


def github_repo(default: str = "OWNER/linearity-lab") -> str:
    """owner/name of the clone's GitHub `origin` remote, else the README's placeholder."""
    try:
        url = subprocess.run(["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        url = ""
    m = re.search(r"github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$", url)
    return m.group(1) if m else default


def binder_url(repo: str, notebook: str) -> str:
    """Opens `notebooks/<notebook>` in JupyterLab on mybinder.org."""
    return f"https://mybinder.org/v2/gh/{repo}/HEAD?urlpath=lab/tree/notebooks/{notebook}"


def title_of(nb, fallback: str) -> str:
    """The first markdown heading of the notebook."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def summary_of(nb) -> str:
    """The first paragraph after the title, as plain text (for the index)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paras = [p.strip() for p in re.split(r"\n\s*\n", cell.source)
                     if p.strip() and not p.lstrip().startswith("#") and not re.fullmatch(r"\*[^*].*\*", p.strip(), re.S)]
            if paras:
                text = re.sub(r"[*_`$]", "", paras[0])
                return text if len(text) < 300 else text[:297] + "…"
    return ""


def error_cells(nb) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))]


def build(executed: pathlib.Path, out: pathlib.Path, binder_repo: str | None = None) -> list[dict]:
    notebooks = sorted(executed.glob("*.ipynb"))
    if not notebooks:
        raise SystemExit(f"no executed notebooks in {executed}: run ./lab notebooks first")
    out.mkdir(parents=True, exist_ok=True)
    report = {}
    report_path = executed / "report.json"
    if report_path.exists():
        for r in json.loads(report_path.read_text()):
            report[pathlib.Path(r["notebook"]).name] = r
    exporter = HTMLExporter(template_name="lab")
    repo = binder_repo or github_repo()
    pages = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        title = title_of(nb, path.stem)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        binder = binder_url(repo, path.name)
        banner = (f'<div style="padding:.5em 1em;font-family:sans-serif">{html.escape(path.name)} as executed · '
                  f'<a href="{html.escape(binder)}">run it on Binder</a> · <a href="index.html">all notebooks</a></div>')
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, body, count=1)
        page = out / (path.stem + ".html")
        page.write_text(body, encoding="utf-8")
        images = sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
        pages.append({"file": page.name, "notebook": path.name, "title": title, "summary": summary_of(nb),
                      "images": images, "errors": error_cells(nb), "run": report.get(path.name), "binder": binder})
        print(f"{page.name}: {images} chart(s), {len(body) // 1024} KB")
    (out / "index.html").write_text(index_html(pages), encoding="utf-8")
    print(f"site: {len(pages)} page(s) and index.html in {out}")
    return pages


def index_html(pages: list[dict]) -> str:
    rows = []
    for p in pages:
        run = p["run"]
        status = "" if not run else f"{'ran clean' if run.get('ok') else 'FAILED'} in {run.get('wall_s')} s"
        if p["errors"]:
            status = f"error output in cell(s) {p['errors']}"
        rows.append(f"<li><a href=\"{html.escape(p['file'])}\">{html.escape(p['title'])}</a>"
                    f"<div class=\"sum\">{html.escape(p['summary'])}</div>"
                    f"<div class=\"meta\">{html.escape(p['notebook'])} · {p['images']} chart(s)"
                    f"{' · ' + html.escape(status) if status else ''}"
                    f" · <a href=\"{html.escape(p['binder'])}\">run on Binder</a></div></li>")
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Linearity Lab — notebooks</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; color: #222; }}
li {{ margin: 0 0 1.2em 0; list-style: none; }} a {{ font-size: 1.15em; font-weight: 600; }}
.sum {{ margin-top: .2em; }} .meta {{ color: #666; font-size: .9em; }}
</style></head><body>
<h1>Linearity Lab</h1>
<p>See why wide neural networks are simple. These pages are the lecture notebooks as executed by the
test run (every chart and number is real output). To run and change them, see the README (<code>./lab open</code>).</p>
<ul>
{chr(10).join(rows)}
</ul>
<p class="meta">Built {stamp} by <code>./lab site</code>.</p>
</body></html>
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--executed", default=str(ROOT / "build" / "executed"))
    ap.add_argument("--out", default=str(ROOT / "build" / "site"))
    ap.add_argument("--binder-repo", default=None, help="GitHub owner/name for the Binder links (default: origin)")
    args = ap.parse_args(argv)
    build(pathlib.Path(args.executed), pathlib.Path(args.out), args.binder_repo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
