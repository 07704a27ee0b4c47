"""Compose benchmarks/RESULTS.md from benchmarks/toolkit.csv (./lab bench's Java suite) and the notebook
run report (build/executed/report.json: wall time and kernel peak RSS per notebook).

Usage: python tools/bench_report.py [ROOT] [--bench DIR] [--notebooks REPORT.json|none]
(default DIR: ROOT/benchmarks, where toolkit.csv and suite-output.txt are read and RESULTS.md is written;
./lab bench --quick uses build/bench-quick and no notebooks).
"""
import argparse
import csv
import json
import os
import pathlib
import platform
import subprocess
import sys

parser = argparse.ArgumentParser(description="Compose RESULTS.md from ./lab bench's outputs.")
parser.add_argument("root", nargs="?", default=".")
parser.add_argument("--bench", help="folder with toolkit.csv and suite-output.txt; RESULTS.md is written there")
parser.add_argument("--notebooks", help="the notebook run report (default ROOT/build/executed/report.json; 'none': no table)")
args = parser.parse_args()
root = pathlib.Path(args.root)
bench = pathlib.Path(args.bench) if args.bench else root / "benchmarks"
NOTEBOOK_TARGETS_S = {"01": 60, "02": 30, "03": 60, "04": 90, "05": 90}
RSS_TARGET_MB = 1536


def cpu_model() -> str:
    """'Intel(R) Xeon(R) Processor, family 6 model 167, AVX-512' from /proc/cpuinfo (the model name alone can be generic)."""
    fields = {}
    try:
        for line in open("/proc/cpuinfo"):
            if not line.strip():
                break  # the first CPU is enough
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    except OSError:
        return platform.processor() or platform.machine()
    flags = set(fields.get("flags", "").split())
    simd = "AVX-512" if "avx512f" in flags else "AVX2 + FMA" if {"avx2", "fma"} <= flags else "no AVX2"
    return (f"{fields.get('model name', 'unknown CPU')}, family {fields.get('cpu family', '?')} model {fields.get('model', '?')}, {simd}")


def machine() -> str:
    cpu = cpu_model()
    mem = ""
    try:
        kb = int(next(l for l in open("/proc/meminfo") if l.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}, {java}"


raw = bench / "suite-output.txt"
raw_text = raw.read_text() if raw.exists() else ""


def suite_line(prefix: str) -> str:
    for line in raw_text.splitlines():
        if prefix in line:  # Maven may prefix colour codes
            return line[line.index(prefix) + len(prefix):].strip()
    return "unknown"


def secs(x: str) -> str:
    v = float(x) if x else float("nan")
    return "" if v != v else f"{v:.4f} s"


def peers(rows) -> list:
    """The exact Gram recursion side by side: toolkit, PyTorch recursion, torch.func.jacrev (seconds, fraction of GEMM)."""
    gram = [r for r in rows if r["group"] == "gram"]
    sizes = list(dict.fromkeys(r["size"] for r in gram))
    out = ["## Exact Gram recursion: toolkit and PyTorch, same weights and inputs, same run", ""]
    if not any("PyTorch" in r["what"] for r in gram):
        return out + ["PyTorch was not installed for this run, so there are no PyTorch rows (`LAB_TORCH_PYTHON=/path/to/python"
                      " ./lab bench` with a Python that has torch adds them).", ""]
    out += ["| size | toolkit | PyTorch recursion | toolkit speed / PyTorch's | torch.func.jacrev |", "|---|---|---|---|---|"]

    def cell(size, prefix):
        for r in gram:
            if r["size"] == size and r["what"].startswith(prefix):
                if not r["median_s"] or float(r["median_s"]) != float(r["median_s"]):
                    return r["note"]
                frac = f", {float(r['ratio']):.2f} of best GEMM" if r.get("ratio") else ""
                return f"{secs(r['median_s'])} ({secs(r['min_s'])}–{secs(r['max_s'])}){frac}"
        return ""

    def speed(size):
        for r in gram:
            if r["size"] == size and r["what"].startswith("toolkit speed"):
                return f"{float(r['ratio']):.2f}" + (" (target ≥ 1: MISSED)" if r["verdict"] == "MISSED" else "")
        return ""

    for size in sizes:
        out.append(f"| {size} | {cell(size, 'exact all-pairs')} | {cell(size, 'same recursion in PyTorch')} | {speed(size)} |"
                   f" {cell(size, 'torch.func.jacrev')} |")
    return out + [""]


blas = suite_line("BLAS:")
load0, load1 = suite_line("Machine load at start (1-min load average):"), suite_line("Machine load at end (1-min load average):")
try:
    # the suite itself keeps the cores busy, so its end load says little; other jobs show in the load before it starts
    loaded = float(load0) > (os.cpu_count() or 1) / 2
except ValueError:
    loaded = False
lines = ["# Benchmarks", "", f"Machine: {machine()}.", "", f"BLAS: {blas}.", "",
         f"Load: 1-min load average {load0} at the start of the toolkit suite and {load1} at its end, on {os.cpu_count()} cores"
         + (" — the machine was shared with other jobs" + (f" ({os.environ['LAB_BENCH_NOTE']})" if os.environ.get("LAB_BENCH_NOTE") else "")
            + ", so absolute times are several times the idle figures; compare the ratios, each measured within this one run."
            if loaded else "."),
         "", "Regenerate with `./lab bench` (on an idle machine). Each row: median, min and max of repeated runs after warm-up."
         " Every BLAS-bound row (the GEMMs, the exact Gram recursion in the toolkit and in PyTorch) gives its rate as a fraction of"
         " the best float64 GEMM measured in the same run (ND4J's, numpy's from PyPI, and PyTorch's when installed). The exact Gram"
         " recursion is rated on its own work, the plain two-GEMM recursion's flops (PyTorch's row runs that recursion and is"
         " rated on the same count): that rate is its time to solution. The toolkit reaches the same numbers with fewer flops"
         " (Cholesky factors), and its note gives the rate on the flops it executes.", ""]
missed = []
rows = list(csv.DictReader(open(bench / "toolkit.csv"))) if (bench / "toolkit.csv").exists() else []
for r in rows:
    if r.get("verdict") == "MISSED":
        if r.get("target_ratio"):
            missed.append(f"- {r['group']}: {r['what']} ({r['size']}): {float(r['ratio']):.2f}, target ≥ {r['target_ratio']}")
        else:
            missed.append(f"- {r['group']}: {r['what']} ({r['size']}): median {secs(r['median_s'])}, target ≤ {r['target_s']} s")
rep = None if args.notebooks == "none" else pathlib.Path(args.notebooks) if args.notebooks else root / "build" / "executed" / "report.json"
notebook_lines = []
for r in json.loads(rep.read_text()) if rep is not None and rep.exists() else []:
    name = pathlib.Path(r["notebook"]).name
    t = NOTEBOOK_TARGETS_S.get(name[:2])
    ok = r["ok"] and (t is None or r["wall_s"] <= t) and r["peak_rss_mb"] <= RSS_TARGET_MB
    notebook_lines.append(f"| {name} | {r['wall_s']} s | {'≤ %d s' % t if t else ''} | {r['peak_rss_mb']} MB | ≤ {RSS_TARGET_MB} MB | "
                          f"{'met' if ok else 'MISSED' + ('' if r['ok'] else ' (errors)')} |")
    if not ok:
        missed.append(f"- notebook {name}: {r['wall_s']} s (target {'≤ %d s' % t if t else 'none'}), kernel peak RSS {r['peak_rss_mb']} MB"
                      f" (target ≤ {RSS_TARGET_MB} MB)" + ("" if r["ok"] else ", with errors"))
if rep is not None and not rep.exists():
    notebook_lines.append(f"| (no notebook run report at {rep}) | | | | | |")
lines += ["## Missed targets", ""] + (missed or ["none"]) + [""]
lines += peers(rows)
lines += ["## Toolkit", "", "Ratio: a rate as a fraction of the median of the best GEMM (rows marked \"fraction of best GEMM\"), or the speed"
          " ratio the row names; best run: the fastest run over the same limit (under load the spread is large).", "",
          "| group | what | size | median | min–max | runs | ratio | best run | target | verdict | note |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    rng = f"{secs(r['min_s'])}–{secs(r.get('max_s', ''))}" if r.get("max_s") and float(r["max_s"]) == float(r["max_s"]) else secs(r["min_s"])
    ratio = f"{float(r['ratio']):.2f}" if r.get("ratio") else ""
    best = (f"{float(r['ratio']) * float(r['median_s']) / float(r['min_s']):.2f}"
            if r.get("ratio") and "fraction of best GEMM" in r["what"] and float(r["min_s"]) > 0 else "")
    tgt = f"≥ {r['target_ratio']}" if r.get("target_ratio") else (f"≤ {r['target_s']} s" if r["target_s"] else "")
    lines.append(f"| {r['group']} | {r['what']} | {r['size']} | {secs(r['median_s'])} | {rng} | {r['runs']} | {ratio} | {best} | {tgt} | {r['verdict']} | {r['note']} |")
if notebook_lines:
    lines += ["", "## Notebooks (default sizes, one headless run each in the real kernel)", "",
              "| notebook | wall time | target | kernel peak RSS | target | verdict |", "|---|---|---|---|---|---|"] + notebook_lines
options = root / "benchmarks" / "openblas-options.md"
if options.exists():
    lines += ["", options.read_text().rstrip()]
if raw_text:
    lines += ["", "## Full output of the toolkit suite", "", "```", raw_text.rstrip(), "```"]
(bench / "RESULTS.md").write_text("\n".join(lines) + "\n")
print(f"wrote {bench / 'RESULTS.md'}")
