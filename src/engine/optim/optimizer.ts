// The optimiser interface (in-place updates of a parameter tree's tensors from a gradient tree of the
// same structure) and gradient clipping by global norm (Pascanu, Mikolov & Bengio, ICML 2013, §3.2;
// scale factor max_norm / (‖g‖ + 1e-6) as torch.nn.utils.clip_grad_norm_).
import { assertPositive, formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Tensor } from "../tensor.ts";
import { flattenTree, type ParamTree, treeLeaves } from "../tree.ts";

export interface Optimizer {
  /** Short name, e.g. "adam". */
  readonly name: string;
  /** Learning rate; may be changed between steps (schedules). */
  lr: number;
  /** Number of steps taken so far. */
  readonly steps: number;
  /** Updates the tensors of `params` in place from `grads` (a tree of the same structure). */
  step(params: ParamTree, grads: ParamTree): void;
}

/** √(Σ g²) over every entry of every leaf. */
export function globalNorm(grads: ParamTree): number {
  let s = 0;
  for (const t of treeLeaves(grads)) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) s += d[i]! * d[i]!;
  }
  return Math.sqrt(s);
}

/**
 * Scales `grads` in place so that their global norm is at most `maxNorm` (factor maxNorm/(norm + 1e-6)
 * when norm > maxNorm, as PyTorch); returns the norm before clipping.
 */
export function clipGradNorm(grads: ParamTree, maxNorm: number): number {
  assertPositive(maxNorm, "clipGradNorm maxNorm");
  const norm = globalNorm(grads);
  if (norm > maxNorm) {
    const c = maxNorm / (norm + 1e-6);
    for (const t of treeLeaves(grads)) {
      const d = t.data;
      for (let i = 0; i < d.length; i++) d[i] = d[i]! * c;
    }
  }
  return norm;
}

/** @internal Paired leaves of params and grads, checked to match in count and shape. */
export function pairLeaves(where: string, params: ParamTree, grads: ParamTree): [Tensor[], Tensor[]] {
  const p = treeLeaves(params);
  const g = treeLeaves(grads);
  let bad = p.length !== g.length;
  for (let i = 0; !bad && i < p.length; i++) bad = p[i]!.size !== g[i]!.size;
  if (bad) {
    const pf = flattenTree(params);
    const gf = flattenTree(grads);
    const desc = (l: { path: string; tensor: Tensor }[]) =>
      l.map((e) => `${e.path}${formatShape(e.tensor.shape)}`).join(", ");
    throw AnsatzError.expected(
      "bad-argument",
      `${where}: grads`,
      `the structure of params (${desc(pf)})`,
      desc(gf),
    );
  }
  return [p, g];
}

/** @internal Validates optional hyper-parameters shared by the optimisers. */
export function checkLr(where: string, lr: number): void {
  assertPositive(lr, `${where} lr`);
}
