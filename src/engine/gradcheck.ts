// Finite-difference gradient check: compares the reverse-mode gradient of a scalar function with
// central differences (f(θ + εe_i) − f(θ − εe_i)) / 2ε, whose error is O(ε²) truncation plus
// O(u·|f|/ε) rounding (Nocedal & Wright, "Numerical Optimization", 2nd ed., §8.1). An entry passes
// when |analytic − numeric| <= atol + rtol·max(|analytic|, |numeric|) (numpy.allclose's rule, made
// symmetric). Parameters must be float64; they are perturbed in place and restored exactly.
import { formatShape } from "../core/check.ts";
import { AnsatzError } from "../core/errors.ts";
import { noGrad, valueAndGrad } from "./autodiff.ts";
import type { Tensor } from "./tensor.ts";
import { flattenTree, type ParamTree } from "./tree.ts";

export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Check at most this many entries per leaf, evenly spaced (default: all). */
  maxEntriesPerLeaf?: number;
}

export interface GradcheckEntry {
  path: string;
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradcheckResult {
  /** True when every checked entry is within tolerance. */
  ok: boolean;
  /** Largest |analytic − numeric| / (atol + rtol·max(|analytic|, |numeric|)); ok iff <= 1. */
  maxRatio: number;
  /** Largest |analytic − numeric| / max(|analytic|, |numeric|) over entries (0 where both are 0). */
  maxRelError: number;
  /** The entry with the largest ratio (null when nothing was checked). */
  worst: GradcheckEntry | null;
  /** Number of entries checked. */
  checked: number;
}

/** Compares grad(f) with central differences at `params` (see the header); never throws on mismatch. */
export function gradcheck<P extends ParamTree>(
  f: (params: P) => Tensor,
  params: P,
  options: GradcheckOptions = {},
): GradcheckResult {
  const eps = options.eps ?? 1e-6;
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-8;
  const maxEntries = options.maxEntriesPerLeaf ?? Infinity;
  if (!(eps > 0)) throw AnsatzError.expected("bad-value", "gradcheck eps", "a number > 0", String(eps));
  const leaves = flattenTree(params);
  for (const { path, tensor } of leaves) {
    if (tensor.dtype !== "float64") {
      throw AnsatzError.expected("bad-argument", `gradcheck "${path}"`, "float64 parameters", tensor.dtype);
    }
  }
  const { grads } = valueAndGrad(f)(params);
  const gl = flattenTree(grads);
  const evalAt = (): number => {
    const out = noGrad(() => f(params));
    if (out.size !== 1) {
      throw AnsatzError.expected(
        "bad-shape",
        "gradcheck: f's result",
        "a scalar tensor",
        `shape ${formatShape(out.shape)}`,
      );
    }
    return out.data[0]!;
  };
  let maxRatio = 0;
  let maxRel = 0;
  let worst: GradcheckEntry | null = null;
  let checked = 0;
  for (let l = 0; l < leaves.length; l++) {
    const { path, tensor } = leaves[l]!;
    const g = gl[l]!.tensor.data;
    const d = tensor.data;
    const n = d.length;
    const count = Math.min(n, maxEntries);
    for (let c = 0; c < count; c++) {
      const i = count === n ? c : Math.floor((c * n) / count);
      const orig = d[i]!;
      d[i] = orig + eps;
      const fp = evalAt();
      d[i] = orig - eps;
      const fm = evalAt();
      d[i] = orig;
      const numeric = (fp - fm) / (2 * eps);
      const analytic = g[i]!;
      const diff = Math.abs(analytic - numeric);
      const scale = Math.max(Math.abs(analytic), Math.abs(numeric));
      const ratio = Number.isFinite(diff) ? diff / (atol + rtol * scale) : Infinity;
      const rel = scale === 0 ? 0 : Number.isFinite(diff) ? diff / scale : Infinity;
      checked++;
      if (rel > maxRel) maxRel = rel;
      if (worst === null || ratio > maxRatio) {
        maxRatio = ratio;
        worst = { path, index: i, analytic, numeric };
      }
    }
  }
  return { ok: maxRatio <= 1, maxRatio, maxRelError: maxRel, worst, checked };
}

/** gradcheck that throws an AnsatzError describing the worst entry when the check fails. */
export function assertGradcheck<P extends ParamTree>(
  f: (params: P) => Tensor,
  params: P,
  options: GradcheckOptions = {},
  where = "gradcheck",
): GradcheckResult {
  const r = gradcheck(f, params, options);
  if (!r.ok) {
    const w = r.worst!;
    throw new AnsatzError(
      "internal",
      `${where}: gradient mismatch at "${w.path}"[${w.index}]: analytic ${w.analytic}, numeric ${w.numeric} ` +
        `(ratio to tolerance ${r.maxRatio.toExponential(3)})`,
      { where, expected: "analytic gradient = central difference", found: `${w.analytic} vs ${w.numeric}` },
    );
  }
  return r;
}
