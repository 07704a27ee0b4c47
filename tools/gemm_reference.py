"""Float64 GEMM rate of numpy (its bundled, current OpenBLAS) and, when installed, PyTorch: the machine's limit
for ./lab bench. Prints one JSON object: {"numpy": {"gflops": [...], "config": ...}, "torch": {...} or null}.

Usage: python tools/gemm_reference.py [N] [REPEATS]   (default 2048, 5)
"""
import json
import sys
import time


def rates(matmul, a, b, repeats):
    matmul(a, b)  # warm-up
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        matmul(a, b)
        out.append(2.0 * a.shape[0] ** 3 / (time.perf_counter() - t) / 1e9)
    return out


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    result = {"n": n, "numpy": None, "torch": None}
    try:
        import numpy as np
        rng = np.random.default_rng(0)
        a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        core = ""
        try:
            core = np.show_config(mode="dicts")["Build Dependencies"]["blas"].get("openblas configuration", "")
        except Exception:
            pass
        result["numpy"] = {"version": np.__version__, "gflops": rates(np.matmul, a, b, repeats), "blas": core}
    except ImportError:
        pass
    try:
        import torch
        torch.set_default_dtype(torch.float64)
        a, b = torch.randn(n, n), torch.randn(n, n)
        result["torch"] = {"version": torch.__version__, "gflops": rates(torch.matmul, a, b, repeats),
                           "threads": torch.get_num_threads()}
    except Exception:  # not installed, or installed without the libraries it loads at import
        pass
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
