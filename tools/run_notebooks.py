"""Execute notebooks headless in the real Java kernel (nbclient) and fail on any error.

Usage: python tools/run_notebooks.py [--out DIR] [--timeout S] [--max-rss-mb MB] NOTEBOOK...

Each notebook runs in its own directory (as in JupyterLab), top to bottom, in a fresh kernel.
A notebook fails on an error output, a kernel death or a cell timeout. Executed copies are written
to --out (default build/executed) for the HTML site and for inspection; sources are not modified.
Prints wall time and the kernel's peak resident memory (sum of VmHWM over the kernel's process tree:
launcher JVM + kernel JVM), and
closes with 'N passed, N failed'. Where there is no /proc (macOS), memory is not measured: the run says so in
one note and the memory budget is not checked.
"""
import argparse
import json
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


HAVE_PROC = os.path.isdir("/proc/self")


def _children(pid):
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def status_mb(pid, field):
    """A memory field of /proc/PID/status ("VmRSS", "VmHWM") in MB, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def _tree_peaks_mb(pid):
    """VmHWM (peak RSS, MB) of pid and every descendant, as {pid: MB}.

    The jjava kernel is `java -jar jjava-launcher.jar`, which starts a second JVM (the real kernel, with
    JJAVA_JVM_OPTS); both are resident for the whole session, so the budget counts them together.
    """
    peaks = {}
    stack = [pid]
    while stack:
        p = stack.pop()
        mb = status_mb(p, "VmHWM")
        if mb is not None:
            peaks[p] = mb
        stack += _children(p)
    return peaks


def run(path: pathlib.Path, out_dir: pathlib.Path, timeout: int):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="java", timeout=timeout, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent.resolve())}})
    peaks = {}  # pid -> VmHWM MB, kept for processes that have exited since

    def sample(**_kwargs):
        try:
            pid = client.km.provisioner.process.pid
            for p, mb in _tree_peaks_mb(pid).items():
                peaks[p] = max(peaks.get(p, 0), mb)
        except Exception:  # noqa: BLE001 - sampling memory must never fail a run
            pass

    client.on_cell_executed = sample
    start = time.time()
    problems = []
    try:
        client.execute()
    except CellTimeoutError as e:
        problems.append(f"cell timed out after {timeout}s: {str(e)[:300]}")
    except DeadKernelError as e:
        problems.append(f"kernel died: {e}")
    except CellExecutionError as e:
        problems.append(str(e)[:2000])
    wall = time.time() - start
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                src = cell.source.strip().splitlines()
                first = src[0] if src else ""
                tb = "\n".join(o.get("traceback", []))[:1500]
                problems.append(f"cell {i} ({first[:60]!r}): {o.get('ename')}: {o.get('evalue')}\n{tb}")
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_dir / path.name)
    # total = sum of the per-process peaks (an upper bound on the tree's resident peak: what the budget
    # must hold); jvm = the largest single process (the kernel JVM itself)
    return wall, {"total": sum(peaks.values()), "jvm": max(peaks.values(), default=0),
                  "processes": len(peaks)}, problems


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--out", default="build/executed")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--max-rss-mb", type=int, default=0, help="fail a notebook whose kernel peak RSS exceeds this")
    ap.add_argument("--report", default="build/executed/report.json")
    args = ap.parse_args()
    passed = failed = 0
    report = []
    if not HAVE_PROC:
        print("note: no /proc on this system (macOS?): kernel memory is not measured and --max-rss-mb is not checked")
    for name in args.notebooks:
        path = pathlib.Path(name)
        print(f"== {path} ...", flush=True)
        wall, mem, problems = run(path, pathlib.Path(args.out), args.timeout)
        rss = mem["total"]
        if HAVE_PROC and not mem["processes"]:
            problems.append("could not sample the kernel's memory (no kernel process found)")
        if HAVE_PROC and args.max_rss_mb and rss > args.max_rss_mb:
            problems.append(f"kernel peak RSS {rss} MB exceeds the budget of {args.max_rss_mb} MB")
        status = "FAILED" if problems else "ok"
        memory = (f"kernel peak RSS {rss} MB (kernel JVM {mem['jvm']} MB + launcher, {mem['processes']} processes)"
                  if HAVE_PROC else "memory not measured")
        print(f"   {status}: {wall:.1f} s wall, {memory}", flush=True)
        for p in problems:
            print("   " + p.replace("\n", "\n   "))
        report.append({"notebook": str(path), "wall_s": round(wall, 1), "peak_rss_mb": rss, "memory_measured": HAVE_PROC,
                       "kernel_jvm_peak_rss_mb": mem["jvm"], "kernel_processes": mem["processes"],
                       "max_rss_mb": args.max_rss_mb, "ok": not problems})
        passed += not problems
        failed += bool(problems)
    pathlib.Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.report).write_text(json.dumps(report, indent=2) + "\n")
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
