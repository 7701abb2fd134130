// Adam (Kingma & Ba, ICLR 2015, Algorithm 1) with PyTorch's torch.optim.Adam semantics:
//   g ← g + λθ (L2 weight decay; or, with decoupled = true, θ ← θ(1 − lr·λ) first: AdamW,
//   Loshchilov & Hutter, ICLR 2019); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
//   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
// At t = 1 the step is −lr·g/(|g| + ε) ≈ −lr·sign(g). Moments are kept in float64 for every dtype.
import { assertNonNegative } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { ParamTree } from "../tree.ts";
import { checkLr, clipGradNorm, type Optimizer, pairLeaves } from "./optimizer.ts";

export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr?: number;
  /** First-moment decay β₁ (default 0.9). */
  beta1?: number;
  /** Second-moment decay β₂ (default 0.999). */
  beta2?: number;
  /** ε added to the denominator (default 1e-8). */
  eps?: number;
  /** Weight decay λ (default 0): L2 added to the gradient, or decoupled (AdamW) with `decoupled`. */
  weightDecay?: number;
  /** Decoupled weight decay (AdamW) instead of L2 (default false). */
  decoupled?: boolean;
  /** Clip the gradients' global norm to this value before each step (grads are scaled in place). */
  clipNorm?: number;
}

function checkBeta(where: string, b: number): void {
  if (!(b >= 0 && b < 1)) throw AnsatzError.expected("bad-value", where, "a number in [0, 1)", String(b));
}

export class Adam implements Optimizer {
  readonly name = "adam";
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly decoupled: boolean;
  readonly clipNorm: number | undefined;
  private count = 0;
  private m: Float64Array[] | null = null;
  private v: Float64Array[] | null = null;

  constructor(options: AdamOptions = {}) {
    this.lr = options.lr ?? 1e-3;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.decoupled = options.decoupled ?? false;
    this.clipNorm = options.clipNorm;
    checkLr("adam", this.lr);
    checkBeta("adam beta1", this.beta1);
    checkBeta("adam beta2", this.beta2);
    assertNonNegative(this.eps, "adam eps");
    assertNonNegative(this.weightDecay, "adam weightDecay");
    if (this.clipNorm !== undefined) checkLr("adam clipNorm", this.clipNorm);
  }

  get steps(): number {
    return this.count;
  }

  /** One update of `params` in place. */
  step(params: ParamTree, grads: ParamTree): void {
    checkLr("adam", this.lr);
    const [ps, gs] = pairLeaves("adam.step", params, grads);
    if (this.clipNorm !== undefined) clipGradNorm(grads, this.clipNorm);
    if (this.m === null || this.v === null) {
      this.m = ps.map((p) => new Float64Array(p.size));
      this.v = ps.map((p) => new Float64Array(p.size));
    }
    if (this.m.length !== ps.length) {
      throw AnsatzError.expected(
        "bad-argument",
        "adam.step params",
        `${this.m.length} leaves (as at the first step)`,
        `${ps.length}`,
      );
    }
    const t = this.count + 1;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const lr = this.lr;
    const eps = this.eps;
    const wd = this.weightDecay;
    const bc1 = 1 - b1 ** t;
    const bc2Sqrt = Math.sqrt(1 - b2 ** t);
    const stepSize = lr / bc1;
    for (let l = 0; l < ps.length; l++) {
      const p = ps[l]!.data;
      const g = gs[l]!.data;
      const m = this.m[l]!;
      const v = this.v[l]!;
      if (m.length !== p.length) {
        throw AnsatzError.expected(
          "bad-argument",
          "adam.step params",
          `leaf ${l} of size ${m.length}`,
          `${p.length}`,
        );
      }
      for (let i = 0; i < p.length; i++) {
        let pi = p[i]!;
        let gi = g[i]!;
        if (wd !== 0) {
          if (this.decoupled) pi *= 1 - lr * wd;
          else gi += wd * pi;
        }
        const mi = b1 * m[i]! + (1 - b1) * gi;
        const vi = b2 * v[i]! + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = pi - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
      }
    }
    this.count = t;
  }
}

/** Adam optimiser (PyTorch semantics, see adam.ts). */
export function adam(options: AdamOptions = {}): Adam {
  return new Adam(options);
}
