"""Tests of the Python-side tools, run by `./lab test` after the notebooks have been executed.

  * student_version.py: markers are replaced, no solution text survives, the student version of every
    notebook with solutions runs top to bottom in the real kernel, and its checks say "not yet", never "correct";
  * the instructor version (build/executed/06-homework.ipynb): every check says "correct";
  * nbgrader (06-homework): generate_assignment writes the student version; autograde in the Java kernel gives the
    solution every autograded point, the unanswered version none, and a version with one slip all points but one test's;
  * docs/extending.md: every Java example is a cell of notebooks/07-extending.ipynb (executed by ./lab test);
  * build_site.py: a page per executed notebook and an index, charts embedded, no error cells;
  * the project's kernel: a notebook saved outside notebooks/ runs toolkit code with no setup line, the shipped
    first cell re-adding the same jars is harmless, and both render charts as PNG and tables as HTML;
  * no executed output shows a Java default toString (Class@1a2b3c, [D@…).

Usage: python tools/test_tools.py [-k PATTERN]   (closes with 'tools: N passed, N failed')
"""
import pathlib
import re
import sys
import tempfile
import unittest
from collections import Counter

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

TOOLS = pathlib.Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))

import build_site  # noqa: E402
import nbgrader_course  # noqa: E402
import freshness  # noqa: E402
import run_notebooks  # noqa: E402
import student_version as sv  # noqa: E402
from test_reliability import KernelSurvivalTest, RerunTest  # noqa: E402,F401  (issue 18: kernel survival, re-runs)

EXECUTED = ROOT / "build" / "executed"
STUDENT = ROOT / "build" / "student"
STUDENT_EXECUTED = ROOT / "build" / "student-executed"
VERDICT = re.compile(r'class="lab-check"\s+data-check="(\w+)"')


def verdicts(nb) -> list[str]:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            out += VERDICT.findall(o.get("data", {}).get("text/html", ""))
    return out


def notebooks_with_solutions():
    return [p for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if sv.has_solutions(nbformat.read(p, as_version=4))]


class StripMarkersTest(unittest.TestCase):
    """The marker rules on a small synthetic notebook (fast, no kernel)."""

    def notebook(self):
        solution = new_code_cell("x = 1;")
        solution.metadata["tags"] = ["solution"]
        instructor = new_code_cell("Checks.holds(\"all\", true)")
        instructor.metadata["tags"] = ["instructor"]
        return new_notebook(cells=[
            new_code_cell("%classpath ../toolkit/target/lib/*.jar"),
            new_code_cell("double a = Double.NaN;\nfor (int k = 0; k < 3; k++) {\n    // BEGIN SOLUTION\n"
                          "    a = secretFormula(k);\n    // STUB: a = 0;\n    // END SOLUTION\n}\nCheck.number(\"q\", a, 1, 0.1, \"h\")"),
            new_markdown_cell("Why? <!-- BEGIN SOLUTION -->Because of hidden reasons.<!-- END SOLUTION -->"),
            solution, instructor])

    def test_blocks_become_stubs_with_indentation_and_stub_lines(self):
        out = sv.student_notebook(self.notebook(), "../../toolkit/target/lib/*.jar")
        code = out.cells[1].source
        self.assertNotIn("secretFormula", code)
        self.assertIn("    // YOUR CODE HERE\n    a = 0;\n}", code)
        self.assertIn("Check.number", code)
        self.assertEqual(out.cells[0].source, "%classpath ../../toolkit/target/lib/*.jar")

    def test_markdown_solutions_tagged_cells_and_instructor_cells(self):
        out = sv.student_notebook(self.notebook(), None)
        self.assertEqual(out.cells[2].source, "Why? " + sv.MD_STUB)
        self.assertEqual(out.cells[3].source, sv.CODE_STUB)
        self.assertEqual(len(out.cells), 4, "the instructor cell must be dropped")
        self.assertEqual(out.cells[0].source, "%classpath ../toolkit/target/lib/*.jar", "no --classpath: unchanged")
        self.assertEqual(set(sv.solution_lines(self.notebook())),
                         {"    a = secretFormula(k);", "x = 1;", "Checks.holds(\"all\", true)"})

    def test_unbalanced_markers_are_reported(self):
        for src in ["// BEGIN SOLUTION\nx = 1;", "x = 1;\n// END SOLUTION", "// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION"]:
            with self.assertRaises(sv.MarkerError):
                sv.strip_code(src)


class StudentVersionTest(unittest.TestCase):
    """The real student versions: written by the command, free of solutions, and runnable."""

    @classmethod
    def setUpClass(cls):
        cls.sources = notebooks_with_solutions()
        if sv.main(["--out", str(STUDENT)]) != 0:
            raise AssertionError("student_version.py failed")

    def test_there_is_a_homework_with_solutions(self):
        self.assertIn("06-homework.ipynb", [p.name for p in self.sources])

    def test_no_solution_text_remains(self):
        for src in self.sources:
            nb = nbformat.read(src, as_version=4)
            student = nbformat.read(STUDENT / src.name, as_version=4)
            text = "\n".join(c.source for c in student.cells)
            code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
            self.assertNotIn("BEGIN SOLUTION", code, src.name)
            self.assertNotIn("END SOLUTION", code, src.name)
            self.assertIsNone(sv.MD_MARKER.search(text), src.name)
            self.assertFalse([c for c in student.cells if "instructor" in c.get("metadata", {}).get("tags", [])])
            # every substantial line that occurs only inside solutions must be gone
            everywhere = Counter(line.strip() for c in nb.cells for line in c.source.splitlines())
            in_solutions = Counter(line.strip() for line in sv.solution_lines(nb))
            secret = [s for s, n in in_solutions.items() if len(s) >= 12 and everywhere[s] == n]
            self.assertTrue(secret, f"{src.name}: expected some solution lines to check")
            leaked = [s for s in secret if s in text]
            self.assertEqual(leaked, [], f"{src.name}: solution text in the student version")
            self.assertIn(sv.CODE_STUB, text)

    def test_student_version_runs_top_to_bottom_and_says_not_yet(self):
        for src in self.sources:
            if nbgrader_course.has_nbgrader_metadata(nbformat.read(src, as_version=4)):
                continue  # an nbgrader assignment: its checks raise when not yet right (NbgraderTest autogrades it)
            wall, rss, problems = run_notebooks.run(STUDENT / src.name, STUDENT_EXECUTED, 600)
            rss = rss.get("jvm", rss) if isinstance(rss, dict) else rss  # newer runners report a dict of peaks
            print(f"   student {src.name}: {wall:.1f} s, kernel peak RSS {rss} MB", file=sys.stderr)
            self.assertEqual(problems, [], f"student version of {src.name} does not run clean")
            got = verdicts(nbformat.read(STUDENT_EXECUTED / src.name, as_version=4))
            self.assertGreaterEqual(len(got), 5 if "homework" in src.name else 1, f"{src.name}: too few checks: {got}")
            self.assertNotIn("correct", got, f"{src.name}: an empty answer was judged correct: {got}")


class InstructorVersionTest(unittest.TestCase):
    def test_every_reference_solution_is_correct(self):
        path = EXECUTED / "06-homework.ipynb"
        self.assertTrue(path.exists(), f"{path} missing: run ./lab notebooks first")
        got = verdicts(nbformat.read(path, as_version=4))
        self.assertGreaterEqual(len(got), 5)
        self.assertEqual(set(got), {"correct"}, got)


HOMEWORK = ROOT / "notebooks" / "06-homework.ipynb"
COURSE = ROOT / "build" / "nbgrader-test"
# one slip in one exercise: exercise 2's norm without its square root (the check names "squared norm")
SLIP = ("gradNorm[k] = Math.sqrt(sum);", "gradNorm[k] = sum;", "ex2_check", "squared norm")


def test_points(nb):
    return {c.metadata.nbgrader["grade_id"]: float(c.metadata.nbgrader["points"]) for c in nb.cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade") and c.cell_type == "code"}


def errors(nb, grade_id):
    for c in nb.cells:
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return " ".join(o.get("evalue", "") + " ".join(o.get("traceback", [])) for o in c.get("outputs", [])
                            if o.get("output_type") == "error")
    raise KeyError(grade_id)


class NbgraderTest(unittest.TestCase):
    """nbgrader for real: generate_assignment and autograde (Java kernel) on three submissions of the homework."""

    @classmethod
    def setUpClass(cls):
        cls.release = nbgrader_course.release(COURSE, [HOMEWORK])
        cls.source = nbformat.read(COURSE / "source" / "homework" / HOMEWORK.name, as_version=4)
        cls.points = test_points(cls.source)
        cls.work = pathlib.Path(tempfile.mkdtemp(prefix="lab-nbgrader-"))

    def grade(self, student, nb):
        path = self.work / student / HOMEWORK.name
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        score, max_score, graded = nbgrader_course.autograde(COURSE, student, path)
        cells = nbgrader_course.cell_scores(graded)
        print(f"   nbgrader {student}: {score:g} / {max_score:g} points", file=sys.stderr)
        return score, cells, graded

    def test_the_release_has_locked_checks_and_no_solutions(self):
        student = nbformat.read(self.release / HOMEWORK.name, as_version=4)
        instructor = nbformat.read(HOMEWORK, as_version=4)
        self.assertGreaterEqual(len(self.points), 10)
        text = "\n".join(c.source for c in student.cells)
        self.assertNotIn("BEGIN SOLUTION", text)
        everywhere = Counter(line.strip() for c in instructor.cells for line in c.source.splitlines())
        in_solutions = Counter(line.strip() for line in sv.solution_lines(instructor))
        secret = [s for s, n in in_solutions.items() if len(s) >= 12 and everywhere[s] == n]
        self.assertTrue(secret)
        self.assertEqual([s for s in secret if s in text], [], "solution text in nbgrader's student version")
        for c in student.cells:
            meta = c.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade") and c.cell_type == "code":
                self.assertTrue(meta.get("locked"), meta)
                self.assertNotRegex(c.source, r"\d\.\d|\d+e-?\d", "a check cell must not hold an expected value or tolerance")

    def test_the_solution_gets_every_autograded_point(self):
        score, cells, _ = self.grade("solution", self.source)
        self.assertEqual({k: v[0] for k, v in cells.items()}, self.points)
        self.assertEqual(score, sum(self.points.values()))

    def test_the_unanswered_version_gets_zero_and_every_check_raises(self):
        score, cells, graded = self.grade("unanswered", nbformat.read(self.release / HOMEWORK.name, as_version=4))
        self.assertEqual(score, 0)
        for gid in self.points:
            self.assertEqual(cells[gid][0], 0, gid)
            self.assertIn("Not answered yet", errors(graded, gid), gid)

    def test_one_slip_loses_exactly_that_exercise(self):
        nb = nbformat.read(COURSE / "source" / "homework" / HOMEWORK.name, as_version=4)
        old, new, gid, name = SLIP
        hits = [c for c in nb.cells if old in c.source]
        self.assertEqual(len(hits), 1, "the slip's line must occur once")
        hits[0].source = hits[0].source.replace(old, new)
        score, cells, graded = self.grade("one-slip", nb)
        self.assertEqual(cells[gid][0], 0)
        self.assertIn(name, errors(graded, gid))
        self.assertEqual(score, sum(self.points.values()) - self.points[gid])


class ExtendingDocsTest(unittest.TestCase):
    """Every Java block of docs/extending.md is a cell of notebooks/07-extending.ipynb (which ./lab test runs)."""

    def test_every_java_block_is_a_notebook_cell(self):
        doc = (ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
        blocks = re.findall(r"^```java\n(.*?)^```", doc, re.S | re.M)
        self.assertGreaterEqual(len(blocks), 6, "expected examples for a notebook, an activation, a sub-model, a sweep")
        cells = [c.source for c in nbformat.read(ROOT / "notebooks" / "07-extending.ipynb", as_version=4).cells
                 if c.cell_type == "code"]
        for block in blocks:
            self.assertTrue(any(block.strip() in cell for cell in cells), f"not in 07-extending.ipynb:\n{block}")


class SiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.executed = sorted(EXECUTED.glob("*.ipynb"))
        cls.out = pathlib.Path(tempfile.mkdtemp(prefix="lab-site-"))
        cls.pages = build_site.build(EXECUTED, cls.out) if cls.executed else []

    def test_a_page_per_executed_notebook_and_an_index_linking_them(self):
        self.assertTrue(self.executed, f"no executed notebooks in {EXECUTED}: run ./lab notebooks first")
        index = (self.out / "index.html").read_text(encoding="utf-8")
        for nb in self.executed:
            page = self.out / (nb.stem + ".html")
            self.assertTrue(page.exists(), page)
            self.assertGreater(page.stat().st_size, 10_000, page)
            self.assertIn(f'href="{page.name}"', index)

    def test_every_page_and_index_entry_links_to_binder(self):
        index = (self.out / "index.html").read_text(encoding="utf-8")
        for p in self.pages:
            url = build_site.binder_url(build_site.github_repo(), p["notebook"])
            self.assertTrue(url.endswith("urlpath=lab/tree/notebooks/" + p["notebook"]), url)
            self.assertIn(f'href="{url}"', index)
            self.assertIn(f'href="{url}"', (self.out / p["file"]).read_text(encoding="utf-8"))

    def test_charts_are_embedded(self):
        total = 0
        for p in self.pages:
            body = (self.out / p["file"]).read_text(encoding="utf-8")
            embedded = body.count("data:image/png;base64,")
            self.assertGreaterEqual(embedded, p["images"], f"{p['file']}: {p['images']} charts but {embedded} embedded images")
            total += embedded
        self.assertGreater(total, 0, "the site holds no chart at all")

    def test_no_error_cells(self):
        for p in self.pages:
            self.assertEqual(p["errors"], [], f"{p['notebook']}: error output in cells {p['errors']}")
            body = (self.out / p["file"]).read_text(encoding="utf-8")
            self.assertNotIn("application/vnd.jupyter.error", body, p["file"])


def execute_in_project_kernel(cells: list[str], folder: pathlib.Path):
    """Executes a small notebook saved in `folder` in the project's `java` kernel; returns the executed notebook."""
    from nbclient import NotebookClient
    folder.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=[new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java (jjava)", "language": "java"}
    path = folder / "my-experiment.ipynb"
    nbformat.write(nb, path)
    NotebookClient(nb, kernel_name="java", timeout=300, allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


TOOLKIT_CELLS = [
    "import org.linearitylab.*;\nimport org.linearitylab.display.*;\nimport org.linearitylab.notebook.*;\nLab.hello()",
    'var c = Plots.xy("chart", "x", "y");\nPlots.line(c, "a", new double[]{1, 2, 3}, new double[]{1, 4, 9});\nc',
    'tech.tablesaw.api.Table.create("t", tech.tablesaw.api.DoubleColumn.create("x", new double[]{1, 2}))',
    "Check.number(\"q\", 1.0, 1.0, 1e-9, \"h\")",
    "Plots.grid(2, c, c)",
]


class KernelClasspathTest(unittest.TestCase):
    """The kernel the project installs has the toolkit on its classpath (JJAVA_CLASSPATH, tools/configure_kernel.py)."""

    def assert_renders(self, nb, first: int):
        errors = [o for c in nb.cells for o in c.outputs if o.output_type == "error"]
        self.assertEqual(errors, [], "\n".join(f"{e.ename}: {e.evalue}" for e in errors))
        out = [[o for o in c.outputs if o.output_type == "execute_result"] for c in nb.cells[first:]]
        self.assertIn("Linearity Lab toolkit", out[0][0].data["text/plain"])
        self.assertEqual(len(out[1]), 1, "one result per chart cell")
        self.assertIn("image/png", out[1][0].data, "a chart renders as PNG")
        self.assertIn("<table", out[2][0].data.get("text/html", ""), "a table renders as HTML")
        self.assertIn("lab-check", out[3][0].data.get("text/html", ""), "a check result renders as HTML")
        self.assertIn("image/png", out[4][0].data)
        self.assertEqual(out[4][0].data["text/plain"], "image 1440×420 px", "an image grid's text/plain is one line")

    def test_a_notebook_outside_notebooks_needs_no_setup_line(self):
        folder = pathlib.Path(tempfile.mkdtemp(prefix="lab-hw-"))
        self.assert_renders(execute_in_project_kernel(TOOLKIT_CELLS, folder), 0)

    def test_the_shipped_first_cell_adding_the_same_jars_again_is_harmless(self):
        (ROOT / "build").mkdir(exist_ok=True)
        folder = pathlib.Path(tempfile.mkdtemp(prefix="lab-nb-", dir=ROOT / "build"))
        rel = pathlib.Path("..", "..", "toolkit", "target", "lib", "*.jar").as_posix()  # build/lab-nb-*/ -> clone root
        nb = execute_in_project_kernel([f"%classpath {rel}"] + TOOLKIT_CELLS, folder)
        self.assert_renders(nb, 1)


class MavenRouteTest(unittest.TestCase):
    """`./lab install` (mvn install) + `%maven org.linearitylab:linearity-toolkit:VERSION` in a JJava kernel whose
    classpath does NOT already hold the toolkit: the toolkit, its dependencies and this platform's ND4J natives load."""

    def test_percent_maven_loads_the_installed_toolkit_with_natives(self):
        import json
        import os
        import shutil
        import subprocess
        version = re.search(r"^  <version>(.*)</version>$", (ROOT / "pom.xml").read_text(), re.M).group(1)
        subprocess.run(["mvn", "-B", "-q", "-f", str(ROOT / "pom.xml"), "install", "-DskipTests"], check=True)
        spec_dir = pathlib.Path(sys.prefix, "share", "jupyter", "kernels", "java")
        spec = json.loads((spec_dir / "kernel.json").read_text())
        spec["env"].pop("JJAVA_CLASSPATH", None)  # a plain JJava kernel, as a user elsewhere has it
        spec["argv"] = [a.replace("{resource_dir}", str(spec_dir)) for a in spec["argv"]]
        jpath = pathlib.Path(tempfile.mkdtemp(prefix="lab-jpath-"))
        (jpath / "kernels" / "java-plain").mkdir(parents=True)
        (jpath / "kernels" / "java-plain" / "kernel.json").write_text(json.dumps(spec))
        from nbclient import NotebookClient
        nb = new_notebook(cells=[new_code_cell(c) for c in [
            "Class.forName(\"org.linearitylab.Lab\")",  # must fail: the toolkit is not there yet
            f"%maven org.linearitylab:linearity-toolkit:{version}",
            "import org.linearitylab.*;\nimport org.linearitylab.display.*;\nimport org.linearitylab.model.*;\nimport org.linearitylab.notebook.*;\nLab.hello()",
            "var net = TwoLayerNet.builder().width(50).inputDim(1).activation(\"tanh\").seed(1).build();\n"
            "net.output(new double[]{0.5})",
            'var c = Plots.xy("chart", "x", "y");\nPlots.line(c, "a", new double[]{1, 2}, new double[]{1, 4});\nc',
        ]])
        old = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = str(jpath)
        try:
            NotebookClient(nb, kernel_name="java-plain", timeout=600, allow_errors=True,
                           resources={"metadata": {"path": tempfile.gettempdir()}}).execute()
        finally:
            if old is None:
                os.environ.pop("JUPYTER_PATH")
            else:
                os.environ["JUPYTER_PATH"] = old
            shutil.rmtree(jpath, ignore_errors=True)
        self.assertEqual([o.output_type for o in nb.cells[0].outputs], ["error"], "the plain kernel already had the toolkit")
        for cell in nb.cells[1:]:
            errors = [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
            self.assertEqual(errors, [], cell.source)
        result = lambda i: [o for o in nb.cells[i].outputs if o.output_type == "execute_result"][0].data
        self.assertIn("ND4J CpuBackend", result(2)["text/plain"])
        float(result(3)["text/plain"])  # a number computed by ND4J's native backend
        self.assertIn("image/png", result(4), "the renderers come with the jar")


def png_b64(width: int, height: int, shade: int = 0) -> str:
    """A tiny valid PNG (grey, width×height) as base64, like a kernel's image/png output."""
    import base64
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return base64.b64encode(png).decode()


class FreshnessTest(unittest.TestCase):
    """tools/freshness.py on synthetic executed notebooks (no kernel): what counts as stale, and ./lab refresh."""

    def executed(self, elapsed="1.86 s", slope="-0.52", image=(720, 420), shade=0):
        from nbformat.v4 import new_output
        cells = [new_code_cell("sweep.run()"), new_code_cell("fit.slope()"), new_code_cell("chart")]
        cells[0].outputs = [new_output("stream", name="stdout", text=f"sweep done: 9 widths × 5 seeds in {elapsed}\n")]
        cells[1].outputs = [new_output("execute_result", data={"text/plain": f"slope = {slope}",
                                                               "text/html": f"<b>slope</b> = {slope}"}, execution_count=2)]
        cells[2].outputs = [new_output("display_data", data={"image/png": png_b64(*image, shade), "text/plain": "chart"})]
        cells[2].metadata["execution"] = {"iopub.execute_input": "2026-12-01T22:00:00Z"}
        return new_notebook(cells=[new_markdown_cell("# t")] + cells)

    def test_same_run_and_timing_only_differences_are_fresh(self):
        self.assertEqual(freshness.differences(self.executed(), self.executed()), [])
        self.assertEqual(freshness.differences(self.executed(elapsed="1.86 s"), self.executed(elapsed="12.3 s")), [])
        self.assertEqual(freshness.differences(self.executed(elapsed="23 s"), self.executed(elapsed="2 min 13 s")), [],
                         "a duration in minutes and seconds is one duration")
        self.assertEqual(freshness.differences(self.executed(shade=0), self.executed(shade=200)), [],
                         "images are compared by presence and size, not bytes")

    def test_the_machines_blas_core_is_not_a_difference(self):
        from nbformat.v4 import new_output
        def hello(core):
            nb = self.executed()
            nb.cells[1].outputs = [new_output("execute_result", data={"text/plain": f"Linearity Lab toolkit 0.1.0 · float64 · OpenBLAS core {core}"},
                                              execution_count=1)]
            return nb
        self.assertEqual(freshness.differences(hello("SkylakeX"), hello("Cooperlake")), [])
        self.assertTrue(freshness.differences(hello("SkylakeX"), self.executed()), "the rest of the line still counts")

    def test_a_changed_number_is_stale(self):
        diff = freshness.differences(self.executed(slope="-0.52"), self.executed(slope="-0.61"))
        self.assertTrue(diff)
        self.assertIn("-0.61", "".join(diff))

    def test_a_resized_or_missing_image_is_stale(self):
        self.assertTrue(freshness.differences(self.executed(image=(720, 420)), self.executed(image=(1440, 420))))
        no_image = self.executed()
        no_image.cells[3].outputs = []
        self.assertTrue(freshness.differences(no_image, self.executed()))

    def test_missing_outputs_are_stale(self):
        committed = self.executed()
        for c in committed.cells[1:]:
            c.outputs = []
        self.assertIn("no outputs committed", "".join(freshness.differences(committed, self.executed())))

    def test_refresh_keeps_equal_outputs_and_writes_changed_ones(self):
        old = self.executed(elapsed="1.86 s", slope="-0.52")
        new = self.executed(elapsed="2.40 s", slope="-0.61")
        out = freshness.refreshed(old, new)
        self.assertIn("1.86 s", out.cells[1].outputs[0].text, "a timing-only change must not churn the committed text")
        self.assertIn("-0.61", out.cells[2].outputs[0].data["text/plain"])
        self.assertNotIn("execution", out.cells[3].metadata, "timestamps are not written into the sources")
        self.assertEqual(freshness.differences(out, new), [])

    def test_refresh_writes_a_redrawn_chart_of_the_same_size(self):
        old, new = self.executed(shade=0), self.executed(shade=90)
        self.assertEqual(freshness.differences(old, new), [], "the check compares images by size only")
        out = freshness.refreshed(old, new)
        self.assertEqual(out.cells[3].outputs[0]["data"]["image/png"], new.cells[3].outputs[0]["data"]["image/png"],
                         "refresh must write the redrawn chart, not keep the committed one")

    def test_the_command_fails_on_stale_and_passes_on_fresh(self):
        folder = pathlib.Path(tempfile.mkdtemp(prefix="lab-fresh-"))
        (folder / "executed").mkdir()
        nbformat.write(self.executed(slope="-0.61"), folder / "executed" / "nb.ipynb")
        nbformat.write(self.executed(slope="-0.52"), folder / "nb.ipynb")
        args = ["--executed", str(folder / "executed"), str(folder / "nb.ipynb")]
        self.assertEqual(freshness.main(args), 1)
        self.assertEqual(freshness.main(["--refresh"] + args), 0)
        self.assertEqual(freshness.main(args), 0)


class IJavaKernelTest(unittest.TestCase):
    """The same renderers in a real IJava 1.3 kernel, when one is installed: set LAB_IJAVA_KERNEL to its kernelspec
    name (IJava's own kernelspec is also called `java`, so it cannot live in the project's venv). Skipped otherwise."""

    @unittest.skipUnless(__import__("os").environ.get("LAB_IJAVA_KERNEL"), "no IJava kernel (set LAB_IJAVA_KERNEL)")
    def test_ijava_renders_charts_as_png_and_tables_and_checks_as_html(self):
        import os
        from nbclient import NotebookClient
        lib = (ROOT / "toolkit" / "target" / "lib").as_posix()
        nb = new_notebook(cells=[new_code_cell(c) for c in [f"%classpath {lib}/*.jar"] + TOOLKIT_CELLS + [
            "org.linearitylab.notebook.Kernels.kernel()"]])
        NotebookClient(nb, kernel_name=os.environ["LAB_IJAVA_KERNEL"], timeout=300, allow_errors=True,
                       resources={"metadata": {"path": tempfile.gettempdir()}}).execute()
        KernelClasspathTest.assert_renders(self, nb, 1)
        self.assertEqual(nb.cells[-1].outputs[0].data["text/plain"], "IJava")


class RunNotebooksWithoutProcTest(unittest.TestCase):
    """Where /proc does not exist (macOS) the runner still runs notebooks; memory degrades to a note."""

    def test_no_proc_is_a_note_not_a_failure(self):
        import contextlib
        import io
        folder = pathlib.Path(tempfile.mkdtemp(prefix="lab-noproc-"))
        nb = new_notebook(cells=[new_code_cell("1 + 1")])
        nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java (jjava)", "language": "java"}
        nbformat.write(nb, folder / "tiny.ipynb")
        saved = run_notebooks.HAVE_PROC, run_notebooks._tree_peaks_mb
        run_notebooks.HAVE_PROC, run_notebooks._tree_peaks_mb = False, lambda pid: {}  # what macOS gives
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                sys.argv = ["run_notebooks.py", "--out", str(folder / "out"), "--report", str(folder / "r.json"),
                            "--max-rss-mb", "1", str(folder / "tiny.ipynb")]
                code = run_notebooks.main()
        finally:
            run_notebooks.HAVE_PROC, run_notebooks._tree_peaks_mb = saved
        self.assertEqual(code, 0, out.getvalue())
        self.assertIn("memory is not measured", out.getvalue())
        self.assertIn("1 passed, 0 failed", out.getvalue())


class ProgressInKernelTest(unittest.TestCase):
    """In the real JJava kernel a sweep shows one display updated in place; the executed notebook keeps one final line."""

    def test_one_display_per_cell_ending_in_a_final_line(self):
        folder = pathlib.Path(tempfile.mkdtemp(prefix="lab-progress-"))
        nb = execute_in_project_kernel([
            "import org.linearitylab.*;\nimport org.linearitylab.experiment.*;\nLab.hello()",
            "var r = Sweep.widths(10, 20, 30, 40).seeds(3)\n"
            "    .measure(\"x\", (m, s) -> { try { Thread.sleep(120); } catch (InterruptedException e) { } return m; })\n"
            "    .run();\nr.fit(\"x\").slope()",
        ], folder)
        outs = nb.cells[1].outputs
        self.assertEqual([o.output_type for o in outs], ["display_data", "execute_result"], outs)
        line = outs[0].data["text/plain"]
        self.assertRegex(line, r"^sweep: 12/12 done in \d+(\.\d)? s$", "the display was updated to its final line")
        self.assertIn("done in", outs[0].data["text/html"])
        self.assertAlmostEqual(float(outs[1].data["text/plain"]), 1.0, places=6)


# A Java default toString: Class@1b6d3586, [D@4e25154f, [Ljava.lang.String;@6d06d69c.
OBJECT_HASH = re.compile(r"(?:[A-Za-z_$][\w$.]*|\[+[BCDFIJSZ]|\[+L[\w$.]+;)@[0-9a-f]{5,8}\b")


def output_texts(nb):
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            texts = [o.get("text", "")] + [v for k, v in o.get("data", {}).items() if k.startswith("text/")]
            for t in texts:
                yield i, "".join(t) if isinstance(t, list) else str(t)


class NoObjectHashTest(unittest.TestCase):
    def test_the_pattern_catches_default_tostrings(self):
        for bad in ["org.knowm.xchart.XYChart@1b6d3586", "WidthSweep@4e25154f", "[D@6d06d69c", "[Ljava.lang.String;@7852e922"]:
            self.assertRegex(bad, OBJECT_HASH)
        for good in ["user@example.org", "m = 1000 @ 3 seeds", "slope −0.52 ± 0.03"]:
            self.assertNotRegex(good, OBJECT_HASH)

    def test_no_executed_output_shows_class_at_hash(self):
        executed = sorted(EXECUTED.glob("*.ipynb"))
        self.assertTrue(executed, f"no executed notebooks in {EXECUTED}: run ./lab notebooks first")
        bad = [f"{p.name} cell {i}: {m.group(0)}" for p in executed
               for i, text in output_texts(nbformat.read(p, as_version=4)) for m in OBJECT_HASH.finditer(text)]
        self.assertEqual(bad, [], "default toString in outputs")


def main() -> int:
    argv = [a for a in sys.argv[1:]]
    loader = unittest.TestLoader()
    if "-k" in argv:
        loader.testNamePatterns = [f"*{argv[argv.index('-k') + 1]}*"]
    suite = loader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"tools: {result.testsRun - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
