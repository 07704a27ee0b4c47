"""nbgrader for the homework notebook: a course directory, the student version, and autograding in the Java kernel.

Usage: python tools/nbgrader_course.py release  [--course DIR] [--classpath PATH] [NOTEBOOK...]
       python tools/nbgrader_course.py autograde --course DIR --student ID SUBMITTED.ipynb

  release    lays out DIR (default build/nbgrader) as an nbgrader course — source/homework/<notebook> with the
             first cell's %classpath pointing at this clone's toolkit (or --classpath) — and runs
             `nbgrader generate_assignment homework`: the student version is release/homework/<notebook>
             (solutions replaced by "// YOUR CODE HERE", outputs cleared, graded cells locked and checksummed).
  autograde  copies SUBMITTED.ipynb to submitted/ID/homework/ (its %classpath pointed at this clone's toolkit), runs `nbgrader autograde homework --student ID`
             (executes it in the Java kernel; locked test cells are restored from the release) and prints the score.

Notebooks carry standard nbgrader cell metadata (schema 3): solution cells ("solution": true, their answer between
// BEGIN SOLUTION and // END SOLUTION) and autograded test cells ("grade": true, "points": N, "locked": true). A test
cell earns its points when it runs without an error: the homework's checks end in `.orThrow()`, so a wrong or missing
answer raises an AssertionError, which the Java kernel reports as an error output — nbgrader's signal for 0 points.
(A check that only prints ✗ would get full credit: nbgrader reads errors, not text.)
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSIGNMENT = "homework"
CLASSPATH = re.compile(r"^%classpath\s+\S*toolkit/target/lib/\*\.jar\s*$", re.M)
CONFIG = '''c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "linearity-lab"
c.ClearSolutions.code_stub = {{"java": "// YOUR CODE HERE"}}
c.ClearSolutions.text_stub = "*Your answer here.*"
# a loaded 2-core machine: the slowest check recomputes a small training sweep
c.Execute.timeout = {timeout}
c.ExecutePreprocessor.kernel_name = "java"
'''


def has_nbgrader_metadata(nb) -> bool:
    return any("nbgrader" in c.get("metadata", {}) for c in nb.cells)


def nbgrader(course: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    exe = pathlib.Path(sys.executable).parent / "nbgrader"
    cmd = [str(exe) if exe.exists() else "nbgrader", *args, "--CourseDirectory.root=" + str(course)]
    env = dict(os.environ, PATH=str(exe.parent) + os.pathsep + os.environ.get("PATH", ""))  # nbgrader calls `alembic`
    return subprocess.run(cmd, cwd=course, capture_output=True, text=True, env=env)


def prepare(course: pathlib.Path, notebooks, classpath: str | None = None, timeout: int = 900) -> None:
    """A fresh course directory with the notebooks as the source of the assignment."""
    course = course.resolve()
    if course.exists():
        shutil.rmtree(course)
    source = course / "source" / ASSIGNMENT
    source.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(CONFIG.format(root=str(course), timeout=timeout), encoding="utf-8")
    cp = classpath or str(ROOT / "toolkit" / "target" / "lib") + "/*.jar"
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.source = CLASSPATH.sub(lambda _m: f"%classpath {cp}", cell.source)
        nbformat.write(nb, source / pathlib.Path(path).name)


def release(course: pathlib.Path, notebooks, classpath: str | None = None) -> pathlib.Path:
    """Runs nbgrader generate_assignment; returns release/homework (the student versions)."""
    prepare(course, notebooks, classpath)
    done = nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    if done.returncode != 0:
        raise RuntimeError("nbgrader generate_assignment failed:\n" + done.stdout + done.stderr)
    return course.resolve() / "release" / ASSIGNMENT


def autograde(course: pathlib.Path, student: str, submitted: pathlib.Path):
    """Autogrades one submitted notebook; returns (score, max_score, autograded notebook)."""
    course = course.resolve()
    target = course / "submitted" / student / ASSIGNMENT
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    # the submission's %classpath was written for the student's folder; grade against this clone's toolkit
    nb = nbformat.read(submitted, as_version=4)
    cp = str(ROOT / "toolkit" / "target" / "lib") + "/*.jar"
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = CLASSPATH.sub(lambda _m: f"%classpath {cp}", cell.source)
    nbformat.write(nb, target / pathlib.Path(submitted).name)
    done = nbgrader(course, "autograde", ASSIGNMENT, "--student", student, "--create", "--force")
    if done.returncode != 0:
        raise RuntimeError("nbgrader autograde failed:\n" + done.stdout + done.stderr)
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///" + str(course / "gradebook.db")) as gb:
        sub = gb.find_submission(ASSIGNMENT, student)
        score, max_score = sub.score, sub.max_score
    graded = course / "autograded" / student / ASSIGNMENT / pathlib.Path(submitted).name
    return score, max_score, nbformat.read(graded, as_version=4)


def cell_scores(nb):
    """{grade_id: (earned, points)} of the autograded test cells, read from an autograded notebook's outputs."""
    from nbgrader.utils import determine_grade, is_grade, is_solution
    out = {}
    for cell in nb.cells:
        if "nbgrader" in cell.get("metadata", {}) and is_grade(cell) and not is_solution(cell):
            out[cell.metadata.nbgrader["grade_id"]] = determine_grade(cell)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["release", "autograde"])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--course", default=str(ROOT / "build" / "nbgrader"))
    ap.add_argument("--classpath", default=None)
    ap.add_argument("--student", default="student")
    args = ap.parse_intermixed_args(argv)
    course = pathlib.Path(args.course)
    if args.command == "release":
        paths = [pathlib.Path(p) for p in args.notebooks] or [
            p for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if has_nbgrader_metadata(nbformat.read(p, as_version=4))]
        out = release(course, paths, args.classpath)
        for p in sorted(out.glob("*.ipynb")):
            print(f"student version (nbgrader generate_assignment): {p}")
        return 0
    if len(args.notebooks) != 1:
        ap.error("autograde takes one submitted notebook")
    score, max_score, _ = autograde(course, args.student, pathlib.Path(args.notebooks[0]))
    print(f"{args.student}: {score:g} / {max_score:g} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
