"""Compose benchmarks/RESULTS.md from benchmarks/toolkit.csv (./lab bench's Java suite) and the notebook
run report (build/executed/report.json: wall time and kernel peak RSS per notebook)."""
import csv
import json
import os
import pathlib
import platform
import subprocess
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
bench = root / "benchmarks"
NOTEBOOK_TARGETS_S = {"01": 60, "02": 30, "03": 60, "04": 90, "05": 90}
RSS_TARGET_MB = 1536


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
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


blas = suite_line("BLAS:")
load0, load1 = suite_line("Machine load at start (1-min load average):"), suite_line("Machine load at end (1-min load average):")
try:
    loaded = max(float(load0), float(load1)) > (os.cpu_count() or 1)
except ValueError:
    loaded = False
lines = ["# Benchmarks", "", f"Machine: {machine()}.", "", f"BLAS: {blas}.", "",
         f"Load: 1-min load average {load0} at the start of the toolkit suite and {load1} at its end, on {os.cpu_count()} cores"
         + (" — the machine was shared with other jobs" + (f" ({os.environ['LAB_BENCH_NOTE']})" if os.environ.get("LAB_BENCH_NOTE") else "")
            + ", so absolute times are several times the idle figures; compare the ratios, each measured within this one run."
            if loaded else "."),
         "", "Regenerate with `./lab bench`. Each row: median, min and max of repeated runs after warm-up; rates are fractions of the"
         " best float64 GEMM measured in the same run (ND4J's and numpy's from PyPI, and PyTorch's when installed).", ""]
missed = []
rows = list(csv.DictReader(open(bench / "toolkit.csv"))) if (bench / "toolkit.csv").exists() else []
for r in rows:
    if r.get("verdict") == "MISSED":
        if r.get("target_ratio"):
            missed.append(f"- {r['group']}: {r['what']} ({r['size']}): {float(r['ratio']):.2f} of the best GEMM, target ≥ {r['target_ratio']}")
        else:
            missed.append(f"- {r['group']}: {r['what']} ({r['size']}): median {secs(r['median_s'])}, target ≤ {r['target_s']} s")
lines += ["## Missed targets", ""] + (missed or ["none"]) + [""]
lines += ["## Toolkit", "", "Rate / best GEMM: the row's median rate over the median of the best GEMM; best run: its fastest run over the"
          " same limit (under load the spread is large).", "",
          "| group | what | size | median | min–max | runs | rate / best GEMM | best run | target | verdict | note |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    rng = f"{secs(r['min_s'])}–{secs(r.get('max_s', ''))}" if r.get("max_s") and float(r["max_s"]) == float(r["max_s"]) else secs(r["min_s"])
    ratio = f"{float(r['ratio']):.2f}" if r.get("ratio") else ""
    best = f"{float(r['ratio']) * float(r['median_s']) / float(r['min_s']):.2f}" if r.get("ratio") and float(r["min_s"]) > 0 else ""
    tgt = f"≥ {r['target_ratio']} of GEMM" if r.get("target_ratio") else (f"≤ {r['target_s']} s" if r["target_s"] else "")
    lines.append(f"| {r['group']} | {r['what']} | {r['size']} | {secs(r['median_s'])} | {rng} | {r['runs']} | {ratio} | {best} | {tgt} | {r['verdict']} | {r['note']} |")
lines += ["", "## Notebooks (default sizes, one headless run each in the real kernel)", "",
          "| notebook | wall time | target | kernel peak RSS | target | verdict |", "|---|---|---|---|---|---|"]
rep = root / "build" / "executed" / "report.json"
if rep.exists():
    for r in json.loads(rep.read_text()):
        name = pathlib.Path(r["notebook"]).name
        t = NOTEBOOK_TARGETS_S.get(name[:2])
        ok = r["ok"] and (t is None or r["wall_s"] <= t) and r["peak_rss_mb"] <= RSS_TARGET_MB
        lines.append(f"| {name} | {r['wall_s']} s | {'≤ %d s' % t if t else ''} | {r['peak_rss_mb']} MB | ≤ {RSS_TARGET_MB} MB | "
                     f"{'met' if ok else 'MISSED' + ('' if r['ok'] else ' (errors)')} |")
options = bench / "openblas-options.md"
if options.exists():
    lines += ["", options.read_text().rstrip()]
if raw_text:
    lines += ["", "## Full output of the toolkit suite", "", "```", raw_text.rstrip(), "```"]
(bench / "RESULTS.md").write_text("\n".join(lines) + "\n")
print(f"wrote {bench / 'RESULTS.md'}")
