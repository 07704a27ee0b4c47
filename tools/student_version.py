"""Write the student version of notebooks: solution code removed, every cell still runs.

Usage: python tools/student_version.py [--out build/student] [--classpath PATH] [NOTEBOOK...]
       (default: every notebook in notebooks/ that holds solutions)

Markers (nbgrader style), in the instructor's notebook:

  code cells      // BEGIN SOLUTION                 the lines in between are removed and replaced by
                  ...                               "// YOUR CODE HERE"; a line "// STUB: <code>" inside the
                  // END SOLUTION                   block is kept as <code> (e.g. a placeholder assignment)
  markdown cells  <!-- BEGIN SOLUTION --> ... <!-- END SOLUTION -->   replaced by "*Your answer here.*"
  cell tags       "solution"    the whole cell's content is replaced (code: "// YOUR CODE HERE")
                  "instructor"  the cell is dropped (e.g. a cell asserting that every reference solution passes)

A notebook with nbgrader cell metadata (the homework, 06) is handed to nbgrader instead: `nbgrader generate_assignment`
(tools/nbgrader_course.py, course directory build/nbgrader) writes its student version, which is copied to --out.

Write answers so that the stub still runs: declare the answer with a placeholder before the solution block
(`double slope = Double.NaN;`), then the checks give "not answered yet" / "wrong" feedback instead of an error.

The first cell (%classpath ../toolkit/target/lib/*.jar) is rewritten to point at this clone's toolkit from
the output folder (override with --classpath, e.g. the original line when the notebooks are handed out to be
placed in notebooks/). Outputs are cleared.
"""
import argparse
import os
import pathlib
import re
import shutil
import sys

import nbformat

import nbgrader_course

ROOT = pathlib.Path(__file__).resolve().parent.parent
CODE_BEGIN = re.compile(r"^(\s*)//\s*BEGIN SOLUTION\b")
CODE_END = re.compile(r"^\s*//\s*END SOLUTION\b")
STUB = re.compile(r"^\s*//\s*STUB:\s?(.*)$")
MD_BLOCK = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->", re.S)
MD_MARKER = re.compile(r"<!--\s*(BEGIN|END) SOLUTION\s*-->")
CLASSPATH = re.compile(r"^%classpath\s+\S*toolkit/target/lib/\*\.jar\s*$", re.M)
CODE_STUB = "// YOUR CODE HERE"
MD_STUB = "*Your answer here.*"


class MarkerError(ValueError):
    pass


def strip_code(source: str, where: str = "cell") -> str:
    """The source with every BEGIN/END SOLUTION block replaced by the stub (and its STUB: lines)."""
    out, inside, indent, stubs = [], False, "", []
    for n, line in enumerate(source.splitlines(), 1):
        begin, end = CODE_BEGIN.match(line), CODE_END.match(line)
        if begin:
            if inside:
                raise MarkerError(f"{where}, line {n}: BEGIN SOLUTION inside a solution block")
            inside, indent, stubs = True, begin.group(1), []
        elif end:
            if not inside:
                raise MarkerError(f"{where}, line {n}: END SOLUTION without BEGIN SOLUTION")
            out.append(indent + CODE_STUB)
            out += [indent + s for s in stubs]
            inside = False
        elif inside:
            stub = STUB.match(line)
            if stub:
                stubs.append(stub.group(1))
        else:
            out.append(line)
    if inside:
        raise MarkerError(f"{where}: BEGIN SOLUTION without END SOLUTION")
    return "\n".join(out)


def has_solutions(nb) -> bool:
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & {"solution", "instructor"} or MD_MARKER.search(cell.source) or (
                cell.cell_type == "code" and any(CODE_BEGIN.match(line) for line in cell.source.splitlines())):
            return True
    return False


def student_notebook(nb, classpath: str | None, name: str = "notebook"):
    """A copy of nb with solutions removed, instructor cells dropped, outputs cleared."""
    nb = nbformat.from_dict(nb)
    cells = []
    for i, cell in enumerate(nb.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if "instructor" in tags:
            continue
        where = f"{name} cell {i}"
        if cell.cell_type == "code":
            if "solution" in tags:
                stubs = [m.group(1) for m in map(STUB.match, cell.source.splitlines()) if m]
                cell.source = "\n".join([CODE_STUB] + stubs)
            else:
                cell.source = strip_code(cell.source, where)
            if classpath is not None:
                cell.source = CLASSPATH.sub(lambda _m: f"%classpath {classpath}", cell.source)
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            if "solution" in tags:
                cell.source = MD_STUB
            else:
                cell.source = MD_BLOCK.sub(MD_STUB, cell.source)
            if MD_MARKER.search(cell.source):
                raise MarkerError(f"{where}: unbalanced <!-- BEGIN/END SOLUTION --> markers")
        if "solution" in tags:
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "solution"]
        cells.append(cell)
    nb.cells = cells
    return nb


def solution_lines(nb) -> list[str]:
    """Every line inside a solution (block or tagged cell), except STUB: lines: what must not leak."""
    lines = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        src = cell.source.splitlines()
        if "solution" in tags or "instructor" in tags:
            lines += [s for s in src if not STUB.match(s)]
            continue
        if cell.cell_type == "markdown":
            for block in MD_BLOCK.findall(cell.source):
                lines += block.splitlines()[1:-1] if "\n" in block else []
            continue
        inside = False
        for line in src:
            if CODE_BEGIN.match(line):
                inside = True
            elif CODE_END.match(line):
                inside = False
            elif inside and not STUB.match(line):
                lines.append(line)
    return lines


def classpath_from(out: pathlib.Path) -> str:
    """This clone's toolkit, as a %classpath relative to the folder the student notebooks are written to."""
    return os.path.relpath(ROOT / "toolkit" / "target" / "lib", out.resolve()) + "/*.jar"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--out", default=str(ROOT / "build" / "student"))
    ap.add_argument("--classpath", default=None,
                    help="the %%classpath of the student notebooks (default: this clone's toolkit, relative to --out)")
    args = ap.parse_args(argv)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    classpath = args.classpath or classpath_from(out)
    paths = [pathlib.Path(p) for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    written = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if not args.notebooks and not has_solutions(nb):
            continue
        if nbgrader_course.has_nbgrader_metadata(nb):
            # an nbgrader assignment (the homework): nbgrader itself writes the student version
            released = nbgrader_course.release(ROOT / "build" / "nbgrader", [path], args.classpath or classpath_from(out))
            shutil.copy(released / path.name, out / path.name)
            print(f"{path.name}: nbgrader generate_assignment, {len(solution_lines(nb))} solution lines removed -> {out / path.name}")
            written += 1
            continue
        try:
            student = student_notebook(nb, classpath, path.name)
        except MarkerError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        nbformat.write(student, out / path.name)
        print(f"{path.name}: {len(solution_lines(nb))} solution lines removed -> {out / path.name}")
        written += 1
    print(f"student versions: {written} notebook(s) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
