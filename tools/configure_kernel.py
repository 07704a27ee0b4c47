"""Point the `java` kernelspec (installed by the jjava PyPI package) at our memory budget.

Usage: python tools/configure_kernel.py [PREFIX]   (default: sys.prefix)

Binder gives ~2 GB; the kernel (JVM heap + ND4J/JavaCPP off-heap) must stay under ~1.5 GB resident.

ND4J frees an array's native buffer only when the garbage collector has collected its Java wrapper; the
wrappers are tiny, so with a roomy heap garbage buffers pile up until JavaCPP sees the process's resident
memory pass maxphysicalbytes and forces a collection. That limit therefore sets the kernel's peak RSS:
at 1400m notebook 05 peaked at 1.50 GB, at 1000m the same work peaks near 1.05 GB, as fast (measured).

It also puts the toolkit on the kernel's classpath (JJAVA_CLASSPATH = this clone's toolkit/target/lib/*.jar), so
a notebook saved anywhere (~/hw/my-experiment.ipynb) can use the toolkit without a setup line; the shipped
notebooks' first cell (%classpath ../toolkit/target/lib/*.jar) adds the same jars again, which is harmless
(tested by tools/test_tools.py, KernelClasspathTest).
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOOLKIT_CLASSPATH = str(ROOT / "toolkit" / "target" / "lib" / "*.jar")

JVM_OPTS = " ".join([
    "-Xmx768m",
    "-XX:+UseSerialGC",
    "-Dorg.bytedeco.javacpp.maxbytes=512m",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=1000m",
    "-Djava.awt.headless=true",
]).replace("  ", " ").strip()


def main() -> int:
    prefix = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else sys.prefix)
    spec = prefix / "share" / "jupyter" / "kernels" / "java" / "kernel.json"
    if not spec.exists():
        print(f"configure_kernel: no java kernelspec at {spec}; is jjava installed?", file=sys.stderr)
        return 1
    data = json.loads(spec.read_text())
    env = data.setdefault("env", {})
    env["JJAVA_JVM_OPTS"] = JVM_OPTS
    # Most ND4J calls here are small: one OpenMP thread avoids spin-waiting on a busy or shared CPU
    # (measured 3–10× faster on a loaded 2-core machine; Binder CPUs are shared too).
    env["OMP_NUM_THREADS"] = "1"
    env["JJAVA_CLASSPATH"] = TOOLKIT_CLASSPATH
    data["display_name"] = "Java (jjava)"
    spec.write_text(json.dumps(data, indent=2) + "\n")
    print(f"configure_kernel: {spec} JJAVA_JVM_OPTS={JVM_OPTS} JJAVA_CLASSPATH={TOOLKIT_CLASSPATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
