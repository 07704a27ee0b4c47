"""Are the outputs committed in notebooks/*.ipynb what a fresh execution gives? (GitHub and nbviewer show them.)

Usage: python tools/freshness.py [--executed build/executed] [NOTEBOOK...]     (default: notebooks/*.ipynb)
       python tools/freshness.py --refresh [--executed build/executed] [NOTEBOOK...]

Check (part of `./lab test`, after `run_notebooks.py` has written fresh executed copies to build/executed, so no
notebook runs twice): each committed notebook is compared with its executed copy by nbdime's notebook diff, after
both are normalised:
  * text (text/plain, text/html, streams): durations ("3.2 s", "410 ms", "elapsed 0:03"), hexadecimal ids,
    UUIDs and the OpenBLAS core that Lab.hello() names (the machine's CPU: "OpenBLAS core SkylakeX" on one machine,
    "Cooperlake" on another) are masked; these are the only legitimate differences between two seeded runs;
  * images: replaced by their presence and pixel size ("<image/png 720×420>"), never compared byte by byte;
  * execution counts, cell ids and cell/notebook timing metadata are dropped.
A notebook with no committed outputs fails (nothing to read on GitHub): run `./lab refresh`.

Refresh (`./lab refresh`): writes the executed outputs into the notebook sources, keeping a committed output
whenever it equals the new one after normalisation (images compared byte by byte here, so a redrawn chart is written
back), so re-running does not churn timings in git.
"""
import argparse
import base64
import copy
import pathlib
import re
import struct
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent

DURATION = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?\s?(?:ms|µs|us|ns|s|sec|seconds?|min|minutes?|h)(?![\w])")
CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\b")
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
HEX = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{7,}\b")
BLAS_CORE = re.compile(r"(OpenBLAS core )[A-Za-z0-9_]+")
RUN_OF_TIMES = re.compile(r"<time>(?:\s*<time>)+")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")


def normalise_text(text: str) -> str:
    text = UUID.sub("<uuid>", text)
    text = BLAS_CORE.sub(r"\1<core>", text)
    text = HEX.sub("<hex>", text)
    text = DURATION.sub("<time>", text)
    text = CLOCK.sub("<time>", text)
    return RUN_OF_TIMES.sub("<time>", text)  # "2 min 13 s" is one duration, like "23 s"


def image_size(mime: str, data: str) -> str:
    """'<image/png 720×420>' from the PNG header (presence and size, not bytes)."""
    try:
        raw = base64.b64decode(data if isinstance(data, str) else "".join(data))
        if mime == "image/png" and raw[:8] == b"\x89PNG\r\n\x1a\n":
            w, h = struct.unpack(">II", raw[16:24])
            return f"<{mime} {w}×{h}>"
    except (ValueError, struct.error):
        pass
    return f"<{mime}>"


def normalise_output(out, image_bytes=False):
    """What must agree between two runs; with image_bytes, images count by their bytes (refresh), else by size (check)."""
    out = copy.deepcopy(out)
    out.pop("execution_count", None)
    out.pop("metadata", None)
    if "text" in out:
        out["text"] = normalise_text("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
    for mime, value in list(out.get("data", {}).items()):
        if mime in IMAGE_TYPES:
            if not image_bytes:
                out["data"][mime] = image_size(mime, value)
        elif mime.startswith("text/"):
            out["data"][mime] = normalise_text("".join(value) if isinstance(value, list) else value)
    if out.get("output_type") == "error":
        out["traceback"] = []
    return out


def normalise(nb):
    """A copy of the notebook with only what must agree between two runs."""
    nb = copy.deepcopy(nb)
    nb.metadata = {}
    for cell in nb.cells:
        cell.pop("id", None)
        cell.metadata = {}
        if cell.cell_type == "code":
            cell.execution_count = None
            cell.outputs = [normalise_output(o) for o in cell.outputs]
    return nb


def has_outputs(nb) -> bool:
    return any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def differences(committed, executed) -> list[str]:
    """Human-readable differences between the committed and the executed notebook (empty when fresh)."""
    from nbdime import diff_notebooks
    from nbdime.prettyprint import PrettyPrintConfig, pretty_print_diff
    if not has_outputs(committed):
        return ["no outputs committed (GitHub shows no chart or number): run ./lab refresh"]
    a, b = normalise(committed), normalise(executed)
    if [c.source for c in a.cells] != [c.source for c in b.cells]:
        return ["the executed copy is of a different source: run ./lab notebooks (or ./lab refresh) on this notebook"]
    diff = diff_notebooks(a, b)
    if not diff:
        return []
    import io
    out = io.StringIO()
    pretty_print_diff(a, diff, "nb", PrettyPrintConfig(out=out, include={"outputs": True, "sources": False,
                                                                       "metadata": False, "attachments": False,
                                                                       "details": True}))
    text = out.getvalue()
    return [text[:3000] + ("\n…" if len(text) > 3000 else "")]


def refreshed(committed, executed):
    """The executed notebook to write back: the source as committed, outputs new unless equal after normalisation."""
    nb = copy.deepcopy(executed)
    old_cells = committed.cells if [c.source for c in committed.cells] == [c.source for c in executed.cells] else None
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if old_cells is not None:
            old = old_cells[i]
            # keep the committed outputs only when nothing but timings differ: a redrawn chart is written back
            if ([normalise_output(o, image_bytes=True) for o in old.get("outputs", [])]
                    == [normalise_output(o, image_bytes=True) for o in cell.outputs]):
                cell.outputs = old.outputs
    return nb


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--executed", default=str(ROOT / "build" / "executed"))
    ap.add_argument("--refresh", action="store_true", help="write the executed outputs into the notebooks")
    args = ap.parse_args(argv)
    paths = [pathlib.Path(p) for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    stale = 0
    for path in paths:
        executed_path = pathlib.Path(args.executed) / path.name
        if not executed_path.exists():
            print(f"{path.name}: no executed copy in {args.executed}: run ./lab notebooks first")
            stale += 1
            continue
        committed = nbformat.read(path, as_version=4)
        executed = nbformat.read(executed_path, as_version=4)
        if args.refresh:
            nbformat.write(refreshed(committed, executed), path)
            print(f"{path.name}: outputs written")
            continue
        diffs = differences(committed, executed)
        if diffs:
            stale += 1
            print(f"{path.name}: committed outputs differ from a fresh execution")
            for d in diffs:
                print("   " + d.replace("\n", "\n   "))
        else:
            print(f"{path.name}: committed outputs are fresh")
    if args.refresh:
        return 1 if stale else 0
    print(f"freshness: {len(paths) - stale} fresh, {stale} stale" + (" (run ./lab refresh and commit)" if stale else ""))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
