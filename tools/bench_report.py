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


lines = ["# Benchmarks", "", f"Machine: {machine()}.", "",
         "Regenerate with `./lab bench` (medians of repeated runs after warm-up; the machine should be otherwise idle).", "",
         "## Toolkit", "", "| group | what | size | median | min | runs | target | verdict | note |", "|---|---|---|---|---|---|---|---|---|"]
csv_path = bench / "toolkit.csv"
if csv_path.exists():
    for r in csv.DictReader(open(csv_path)):
        med = float(r["median_s"])
        med_s = "" if med != med else f"{med:.4f} s"
        mn = float(r["min_s"])
        mn_s = "" if mn != mn else f"{mn:.4f} s"
        tgt = f"≤ {r['target_s']} s" if r["target_s"] else ""
        lines.append(f"| {r['group']} | {r['what']} | {r['size']} | {med_s} | {mn_s} | {r['runs']} | {tgt} | {r['verdict']} | {r['note']} |")
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
raw = bench / "suite-output.txt"
if raw.exists():
    lines += ["", "## Full output of the toolkit suite", "", "```", raw.read_text().rstrip(), "```"]
(bench / "RESULTS.md").write_text("\n".join(lines) + "\n")
print(f"wrote {bench / 'RESULTS.md'}")
