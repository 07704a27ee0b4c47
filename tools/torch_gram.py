"""The toolkit's exact all-pairs neuron-gradient Gram (Figure 3) in PyTorch, for ./lab bench's optional peer rows.

The same computation as org.linearitylab.analysis.NeuronGradientGram.exactAll on a plain tanh DeepNet
(z_l = W_l a_{l-1} / sqrt(m_{l-1}), a_l = tanh(z_l), a_0 = x, no biases), float64, two ways:

* recursion: K_2 = (c_1/m_1) (W_2 D_1)(W_2 D_1)^T + c_2 I,  K_l = W_l (D_{l-1} K_{l-1} D_{l-1}) W_l^T / m_{l-1} + c_l I,
  c_l = |a_{l-1}|^2 / m_{l-1}, D_l = diag tanh'(z_l): two GEMMs per layer and sample, as the toolkit does;
* jacrev: what a student would write: torch.func.jacrev of the hidden pre-activations with respect to the weights,
  K_l = J_l J_l^T. It holds every Jacobian (sum_l m_l x P doubles), so it runs only under a memory cap (--max-gb);
  above it the result says how much it would need.

Each layer l >= 2 gives the mean |cos| over pairs i != j of K_l (layer 1's is exactly 0 and is skipped, as in the
toolkit), averaged over the samples. Timed: the whole call for all samples (batched forward pass included), after
a one-sample warm-up, like the toolkit's bench (toolkit/src/test/java/org/linearitylab/bench/Suite.java).

The weights and inputs can come from the toolkit (--theta, --inputs: raw little-endian float64, theta being the
DeepNet's parameters(): W_1 .. W_L row-major, one after the other; inputs n x d row-major), so both compute on the
same numbers and the mean |cos| can be compared; without them they are drawn here (N(0, 1), seed 0).

Usage: python tools/torch_gram.py --dims 64,1024,1024,1024 --samples 20 --runs 3 --threads 2 [--jacrev]
         [--max-gb 3] [--theta FILE --inputs FILE]
Prints one JSON object; {"torch": null, "why": ...} when PyTorch is not installed or does not import.
"""
import argparse
import json
import math
import sys
import time


def mean_abs_cos(k):
    """Mean |K_ij| / sqrt(K_ii K_jj) over pairs i != j of a symmetric m x m K (m >= 2)."""
    m = k.shape[0]
    inv = k.diagonal().rsqrt()
    total = inv @ k.abs() @ inv - m  # the diagonal contributes exactly 1 per row
    return float(total) / (m * (m - 1))


def recursion(torch, weights, xs):
    """Per hidden layer l >= 2, the per-sample mean |cos| of K_l, by the two-GEMM recursion."""
    hidden = len(weights)
    cs, ds = [], []
    a = xs
    for w in weights:  # one batched forward pass: each weight matrix read once for all samples
        fan = w.shape[1]
        cs.append((a * a).sum(1) / fan)
        z = a @ w.T / math.sqrt(fan)
        t = torch.tanh(z)
        ds.append(1 - t * t)
        a = t
    out = [[] for _ in range(hidden)]
    for s in range(xs.shape[0]):
        k = None
        for l in range(1, hidden):  # 0-based: weights[l] is W_{l+1}
            prev = weights[l].shape[1]
            if l == 1:
                wd = weights[1] * ds[0][s]  # W_2 D_1
                k = (wd @ wd.T) * (cs[0][s] / prev)
            else:
                g = k * ds[l - 1][s] * ds[l - 1][s][:, None]  # D K D
                k = (weights[l] @ g) @ weights[l].T / prev
            k.diagonal().add_(cs[l][s])
            out[l].append(mean_abs_cos(k))
    return out[1:]


def jacobian_bytes(dims):
    """Doubles jacrev's result holds: every hidden pre-activation against every hidden weight, x 8 bytes."""
    params = sum(dims[i] * dims[i + 1] for i in range(len(dims) - 1))
    return 8.0 * sum(dims[1:]) * params


def jacrev_gram(torch, weights, xs):
    """The same per-sample mean |cos| from full Jacobians (torch.func.jacrev), K_l = J_l J_l^T."""
    def preactivations(ws, x):
        a, zs = x, []
        for w in ws:
            z = w @ a / math.sqrt(w.shape[1])
            zs.append(z)
            a = torch.tanh(z)
        return tuple(zs)

    jac = torch.func.jacrev(preactivations)
    hidden = len(weights)
    out = [[] for _ in range(hidden)]
    for s in range(xs.shape[0]):
        js = jac(tuple(weights), xs[s])
        for l in range(1, hidden):
            m = weights[l].shape[0]
            j = torch.cat([block.reshape(m, -1) for block in js[l]], dim=1)
            out[l].append(mean_abs_cos(j @ j.T))
            del j
        del js
    return out[1:]


def timed(fn, torch, weights, xs, runs):
    fn(torch, weights, xs[:1])  # warm-up
    seconds, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn(torch, weights, xs)
        seconds.append(time.perf_counter() - t)
    return {"seconds": seconds, "mean_abs_cos": [sum(v) / len(v) for v in result]}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dims", required=True, help="d,m_1,...,m_{L-1}: input dimension and hidden widths")
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--jacrev", action="store_true", help="also the jacrev version (under --max-gb)")
    p.add_argument("--no-recursion", action="store_true", help="only the jacrev version")
    p.add_argument("--max-gb", type=float, default=3.0, help="largest Jacobian jacrev may hold (GB)")
    p.add_argument("--theta", help="the DeepNet's parameters(), raw little-endian float64")
    p.add_argument("--inputs", help="samples x d inputs, raw little-endian float64")
    args = p.parse_args(argv)
    dims = [int(v) for v in args.dims.split(",")]
    if len(dims) < 3 or min(dims) < 2 or args.samples < 1 or args.runs < 1 or args.threads < 1:
        p.error("need d and at least two hidden widths, all >= 2, and samples, runs, threads >= 1")
    try:
        import torch
        import torch.func  # noqa: F401  (PyTorch >= 2.0)
    except Exception as e:  # not installed, or installed without the libraries it loads at import
        print(json.dumps({"torch": None, "why": f"{type(e).__name__}: {e}"[:300]}))
        return 0
    torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float64)
    shapes = [(dims[i + 1], dims[i]) for i in range(len(dims) - 1)]
    if args.theta:
        import numpy as np
        theta = torch.from_numpy(np.fromfile(args.theta, dtype="<f8"))
        xs = torch.from_numpy(np.fromfile(args.inputs, dtype="<f8")).reshape(args.samples, dims[0])
        weights, at = [], 0
        for r, c in shapes:
            weights.append(theta[at:at + r * c].reshape(r, c).contiguous())
            at += r * c
    else:
        g = torch.Generator().manual_seed(0)
        weights = [torch.randn(r, c, generator=g) for r, c in shapes]
        xs = torch.randn(args.samples, dims[0], generator=g)
    out = {"torch": torch.__version__, "threads": torch.get_num_threads(), "dims": dims, "samples": args.samples}
    if not args.no_recursion:
        out["recursion"] = timed(recursion, torch, weights, xs, args.runs)
    if args.jacrev:
        need = jacobian_bytes(dims) / 1e9
        if need > args.max_gb:
            out["jacrev"] = {"skipped": f"its Jacobians alone need {need:.1f} GB (cap {args.max_gb:g} GB)", "gb": round(need, 2)}
        else:
            out["jacrev"] = timed(jacrev_gram, torch, weights, xs, args.runs)
            out["jacrev"]["gb"] = round(need, 2)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
