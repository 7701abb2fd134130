// Stochastic gradient descent with momentum, Nesterov and L2 weight decay, exactly as PyTorch's
// torch.optim.SGD (dampening 0): g ← g + λθ; b ← μb + g (b = g at the first step);
// g ← g + μb (Nesterov) or g ← b; θ ← θ − lr·g.
import { assertNonNegative } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { ParamTree } from "../tree.ts";
import { checkLr, clipGradNorm, type Optimizer, pairLeaves } from "./optimizer.ts";

export interface SGDOptions {
  lr: number;
  /** Momentum μ (default 0). */
  momentum?: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay?: number;
  /** Nesterov momentum (default false; needs momentum > 0). */
  nesterov?: boolean;
  /** Clip the gradients' global norm to this value before each step (grads are scaled in place). */
  clipNorm?: number;
}

export class SGD implements Optimizer {
  readonly name = "sgd";
  lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  readonly clipNorm: number | undefined;
  private count = 0;
  private bufs: Float64Array[] | null = null;

  constructor(options: SGDOptions) {
    checkLr("sgd", options?.lr);
    this.lr = options.lr;
    this.momentum = options.momentum ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.clipNorm = options.clipNorm;
    assertNonNegative(this.momentum, "sgd momentum");
    assertNonNegative(this.weightDecay, "sgd weightDecay");
    if (this.nesterov && this.momentum === 0) {
      throw AnsatzError.expected("bad-argument", "sgd nesterov", "momentum > 0", "momentum 0");
    }
    if (this.clipNorm !== undefined) checkLr("sgd clipNorm", this.clipNorm);
  }

  get steps(): number {
    return this.count;
  }

  /** One update of `params` in place. */
  step(params: ParamTree, grads: ParamTree): void {
    checkLr("sgd", this.lr);
    const [ps, gs] = pairLeaves("sgd.step", params, grads);
    if (this.clipNorm !== undefined) clipGradNorm(grads, this.clipNorm);
    const mu = this.momentum;
    const wd = this.weightDecay;
    const lr = this.lr;
    if (mu > 0 && this.bufs === null) this.bufs = ps.map((p) => new Float64Array(p.size));
    if (this.bufs !== null && this.bufs.length !== ps.length) {
      throw AnsatzError.expected(
        "bad-argument",
        "sgd.step params",
        `${this.bufs.length} leaves`,
        `${ps.length}`,
      );
    }
    const first = this.count === 0;
    for (let l = 0; l < ps.length; l++) {
      const p = ps[l]!.data;
      const g = gs[l]!.data;
      const b = mu > 0 ? this.bufs![l]! : null;
      if (b !== null && b.length !== p.length) {
        throw AnsatzError.expected(
          "bad-argument",
          "sgd.step params",
          `leaf ${l} of size ${b.length}`,
          `${p.length}`,
        );
      }
      for (let i = 0; i < p.length; i++) {
        let gi = g[i]! + wd * p[i]!;
        if (b !== null) {
          const bi = first ? gi : mu * b[i]! + gi;
          b[i] = bi;
          gi = this.nesterov ? gi + mu * bi : bi;
        }
        p[i] = p[i]! - lr * gi;
      }
    }
    this.count++;
  }
}

/** SGD optimiser (PyTorch semantics, see sgd.ts). */
export function sgd(options: SGDOptions): SGD {
  return new SGD(options);
}
