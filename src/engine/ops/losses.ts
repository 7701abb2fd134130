// Losses as fused, numerically stable ops (each returns a 0-d tensor):
// - mse(pred, target) = mean (pred − target)² (or the sum); grads ±2(pred − target)/N.
// - bceWithLogits(x, y) = mean[max(x, 0) − x·y + log(1 + e^(−|x|))], the stable form of
//   −[y log σ(x) + (1 − y) log(1 − σ(x))] (as PyTorch's BCEWithLogitsLoss); dx = (σ(x) − y)/N, dy = −x/N.
// - softmaxCrossEntropy(logits [B, C], labels) = mean_b [logsumexp(logits_b) − logits_b,label_b]
//   (PyTorch's CrossEntropyLoss with integer targets); dlogits = (softmax − onehot)/B.
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { accumOwned, record, tracked } from "../autodiff.ts";
import { alloc, Tensor } from "../tensor.ts";
import { dtypeMismatch } from "./elementwise.ts";
import { type Indices, toIndices } from "./index-ops.ts";
import { needTensor, sigmoidScalar } from "./unary.ts";

export interface LossOptions {
  /** "mean" (default) or "sum" over all entries (over the batch for softmaxCrossEntropy). */
  reduction?: "mean" | "sum";
}

function scaleOf(op: string, options: LossOptions, n: number): number {
  const r = options.reduction ?? "mean";
  if (r !== "mean" && r !== "sum")
    throw AnsatzError.expected("bad-argument", `${op} reduction`, '"mean" or "sum"', String(r));
  if (r === "mean" && n === 0)
    throw AnsatzError.expected("bad-shape", op, "at least one entry", "an empty tensor");
  return r === "mean" ? 1 / n : 1;
}

function sameShape(op: string, a: Tensor, b: Tensor, na: string, nb: string): void {
  if (a.dtype !== b.dtype) throw dtypeMismatch(op, a, b);
  const ok = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
  if (!ok) {
    throw new AnsatzError(
      "bad-shape",
      `${op}: expected ${na} and ${nb} of the same shape, found ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
      { where: op, expected: "equal shapes", found: `${formatShape(a.shape)} and ${formatShape(b.shape)}` },
    );
  }
}

function scalarOut(v: number, dtype: "float64" | "float32"): Tensor {
  const d = alloc(dtype, 1);
  d[0] = v;
  return new Tensor(d, []);
}

/** Mean squared error between equally shaped pred and target. */
export function mse(pred: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  needTensor("mse pred", pred);
  needTensor("mse target", target);
  sameShape("mse", pred, target, "pred", "target");
  const c = scaleOf("mse", options, pred.size);
  const p = pred.data;
  const t = target.data;
  let acc = 0;
  for (let i = 0; i < p.length; i++) {
    const d = p[i]! - t[i]!;
    acc += d * d;
  }
  const out = scalarOut(acc * c, pred.dtype);
  const tp = tracked(pred);
  const tt = tracked(target);
  if (tp || tt) {
    record(out, (g) => {
      const s = 2 * c * g[0]!;
      if (tp) {
        const gp = alloc(pred.dtype, p.length);
        for (let i = 0; i < p.length; i++) gp[i] = s * (p[i]! - t[i]!);
        accumOwned(pred, gp);
      }
      if (tt) {
        const gt = alloc(target.dtype, p.length);
        for (let i = 0; i < p.length; i++) gt[i] = s * (t[i]! - p[i]!);
        accumOwned(target, gt);
      }
    });
  }
  return out;
}

/** Binary cross-entropy with logits x and targets y in [0, 1] (stable for any x). */
export function bceWithLogits(logits: Tensor, targets: Tensor, options: LossOptions = {}): Tensor {
  needTensor("bceWithLogits logits", logits);
  needTensor("bceWithLogits targets", targets);
  sameShape("bceWithLogits", logits, targets, "logits", "targets");
  const c = scaleOf("bceWithLogits", options, logits.size);
  const x = logits.data;
  const y = targets.data;
  let acc = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    acc += Math.max(v, 0) - v * y[i]! + Math.log1p(Math.exp(-Math.abs(v)));
  }
  const out = scalarOut(acc * c, logits.dtype);
  const tx = tracked(logits);
  const ty = tracked(targets);
  if (tx || ty) {
    record(out, (g) => {
      const s = c * g[0]!;
      if (tx) {
        const gx = alloc(logits.dtype, x.length);
        for (let i = 0; i < x.length; i++) gx[i] = s * (sigmoidScalar(x[i]!) - y[i]!);
        accumOwned(logits, gx);
      }
      if (ty) {
        const gy = alloc(targets.dtype, x.length);
        for (let i = 0; i < x.length; i++) gy[i] = -s * x[i]!;
        accumOwned(targets, gy);
      }
    });
  }
  return out;
}

/** Softmax cross-entropy of logits [batch, classes] against integer labels (length batch). */
export function softmaxCrossEntropy(logits: Tensor, labels: Indices, options: LossOptions = {}): Tensor {
  needTensor("softmaxCrossEntropy logits", logits);
  if (logits.shape.length !== 2) {
    throw AnsatzError.expected(
      "bad-shape",
      "softmaxCrossEntropy logits",
      "a 2-d tensor [batch, classes]",
      `shape ${formatShape(logits.shape)}`,
    );
  }
  const [b, k] = logits.shape as [number, number];
  const lab = toIndices("softmaxCrossEntropy labels", labels, k);
  if (lab.length !== b) {
    throw AnsatzError.expected(
      "bad-shape",
      "softmaxCrossEntropy labels",
      `${b} labels (one per row of logits)`,
      `${lab.length}`,
    );
  }
  const c = scaleOf("softmaxCrossEntropy", options, b);
  const x = logits.data;
  const probs = alloc(logits.dtype, x.length);
  let acc = 0;
  for (let r = 0; r < b; r++) {
    const o = r * k;
    let m = -Infinity;
    for (let j = 0; j < k; j++) if (x[o + j]! > m) m = x[o + j]!;
    if (m === -Infinity) m = 0;
    let z = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(x[o + j]! - m);
      probs[o + j] = e;
      z += e;
    }
    for (let j = 0; j < k; j++) probs[o + j] = probs[o + j]! / z;
    acc += m + Math.log(z) - x[o + lab[r]!]!;
  }
  const out = scalarOut(acc * c, logits.dtype);
  if (tracked(logits)) {
    record(out, (g) => {
      const s = c * g[0]!;
      for (let r = 0; r < b; r++) {
        const o = r * k;
        for (let j = 0; j < k; j++) probs[o + j] = probs[o + j]! * s;
        probs[o + lab[r]!]! -= s;
      }
      accumOwned(logits, probs);
    });
  }
  return out;
}
