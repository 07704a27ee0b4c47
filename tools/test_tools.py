"""Tests of the Python-side tools, run by `./lab test` after the notebooks have been executed.

  * student_version.py: markers are replaced, no solution text survives, the student version of every
    notebook with solutions runs top to bottom in the real kernel, and its checks say "not yet", never "correct";
  * the instructor version (build/executed/06-homework.ipynb): every check says "correct";
  * docs/extending.md: every Java example is a cell of notebooks/07-extending.ipynb (executed by ./lab test);
  * build_site.py: a page per executed notebook and an index, charts embedded, no error cells.

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
