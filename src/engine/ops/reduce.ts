// Reductions along one axis or over all entries (numpy semantics: negative axes count from the end,
// `keepdims` keeps the reduced axis with size 1): sum, mean, max, min, logsumexp, norm; and the
// axis-wise normalisations softmax and logSoftmax. Rules:
// - logsumexp(x) = m + log Σ exp(x − m), m = max x (stable); d/dx = softmax(x).
// - softmax y = exp(x − m)/Σ exp(x − m); vjp: y ⊙ (g − Σ g⊙y).
// - logSoftmax y = (x − m) − log Σ exp(x − m) (no cancellation at large |x|); vjp: g − softmax(x)·Σ g.
// - max/min: the gradient goes to the first arg-max/arg-min (numpy's argmax tie rule).
// - norm ‖x‖₂ = √Σ x²; vjp g·x/‖x‖ (0 where ‖x‖ = 0, a subgradient).
import { AnsatzError } from "../../core/errors.ts";
import { accumOwned, gradBuffer, record, tracked } from "../autodiff.ts";
import { alloc, type FloatArray, Tensor } from "../tensor.ts";
import { needTensor } from "./unary.ts";

/** An axis index, or null/undefined for all axes. */
export type Axis = number | null | undefined;

interface Split {
  outer: number;
  n: number;
  inner: number;
  shape: number[];
}

/** @internal Normalises `axis` for a tensor of rank `rank` (negative counts from the end). */
export function normAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw AnsatzError.expected(
      "bad-argument",
      `${op} axis`,
      rank === 0 ? "no axis for a 0-d tensor" : `an integer in [${-rank}, ${rank - 1}]`,
      String(axis),
    );
  }
  return axis < 0 ? axis + rank : axis;
}

function split(op: string, x: Tensor, axis: Axis, keepdims: boolean): Split {
  const shape = x.shape;
  if (axis === null || axis === undefined) {
    return { outer: 1, n: x.size, inner: 1, shape: keepdims ? shape.map(() => 1) : [] };
  }
  const ax = normAxis(op, axis, shape.length);
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < ax; d++) outer *= shape[d]!;
  for (let d = ax + 1; d < shape.length; d++) inner *= shape[d]!;
  const out = shape.slice();
  if (keepdims) out[ax] = 1;
  else out.splice(ax, 1);
  return { outer, n: shape[ax]!, inner, shape: out };
}

/** Sum over `axis` (all entries when omitted). */
export function sum(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  needTensor("sum", x);
  const s = split("sum", x, axis, keepdims);
  const { outer, n, inner } = s;
  const xd = x.data;
  const o = alloc(x.dtype, outer * inner);
  if (inner === 1) {
    for (let p = 0; p < outer; p++) {
      let acc = 0;
      const base = p * n;
      for (let k = 0; k < n; k++) acc += xd[base + k]!;
      o[p] = acc;
    }
  } else {
    for (let p = 0; p < outer; p++) {
      const ob = p * inner;
      for (let k = 0; k < n; k++) {
        const xb = (p * n + k) * inner;
        for (let i = 0; i < inner; i++) o[ob + i]! += xd[xb + i]!;
      }
    }
  }
  const out = new Tensor(o, s.shape);
  if (tracked(x)) record(out, (g) => accumOwned(x, spread(g, outer, n, inner, x.dtype, 1)));
  return out;
}

/** g (outer × inner) repeated along the reduced axis and scaled: a fresh buffer of outer × n × inner. */
function spread(
  g: FloatArray,
  outer: number,
  n: number,
  inner: number,
  dtype: "float64" | "float32",
  scale: number,
): FloatArray {
  const gx = alloc(dtype, outer * n * inner);
  if (inner === 1) {
    for (let p = 0; p < outer; p++) {
      const v = g[p]! * scale;
      gx.fill(v, p * n, (p + 1) * n);
    }
    return gx;
  }
  for (let p = 0; p < outer; p++) {
    const gb = p * inner;
    for (let k = 0; k < n; k++) {
      const xb = (p * n + k) * inner;
      for (let i = 0; i < inner; i++) gx[xb + i] = g[gb + i]! * scale;
    }
  }
  return gx;
}

/** Mean over `axis` (all entries when omitted). */
export function mean(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  needTensor("mean", x);
  const s = split("mean", x, axis, keepdims);
  const { outer, n, inner } = s;
  if (n === 0) throw AnsatzError.expected("bad-shape", "mean", "a non-empty axis", "an axis of size 0");
  const xd = x.data;
  const o = alloc(x.dtype, outer * inner);
  const inv = 1 / n;
  for (let p = 0; p < outer; p++) {
    for (let i = 0; i < inner; i++) {
      let acc = 0;
      for (let k = 0; k < n; k++) acc += xd[(p * n + k) * inner + i]!;
      o[p * inner + i] = acc * inv;
    }
  }
  const out = new Tensor(o, s.shape);
  if (tracked(x)) record(out, (g) => accumOwned(x, spread(g, outer, n, inner, x.dtype, inv)));
  return out;
}

function extreme(op: string, x: Tensor, axis: Axis, keepdims: boolean, sign: 1 | -1): Tensor {
  needTensor(op, x);
  const s = split(op, x, axis, keepdims);
  const { outer, n, inner } = s;
  if (n === 0) throw AnsatzError.expected("bad-shape", op, "a non-empty axis", "an axis of size 0");
  const xd = x.data;
  const o = alloc(x.dtype, outer * inner);
  const arg = new Int32Array(outer * inner);
  for (let p = 0; p < outer; p++) {
    for (let i = 0; i < inner; i++) {
      let bi = p * n * inner + i;
      let best = xd[bi]! * sign;
      for (let k = 1; k < n; k++) {
        const j = (p * n + k) * inner + i;
        const v = xd[j]! * sign;
        if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
          best = v;
          bi = j;
        }
      }
      o[p * inner + i] = xd[bi]!;
      arg[p * inner + i] = bi;
    }
  }
  const out = new Tensor(o, s.shape);
  if (tracked(x)) {
    record(out, (g) => {
      const gx = gradBuffer(x);
      for (let q = 0; q < arg.length; q++) gx[arg[q]!]! += g[q]!;
    });
  }
  return out;
}

/** Maximum over `axis` (all entries when omitted); the gradient goes to the first maximiser. */
export function max(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  return extreme("max", x, axis, keepdims, 1);
}

/** Minimum over `axis` (all entries when omitted); the gradient goes to the first minimiser. */
export function min(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  return extreme("min", x, axis, keepdims, -1);
}

/** Per-row maxima m (outer × inner), with −∞ rows replaced by 0 so that x − m stays finite. */
function rowMax(xd: FloatArray, outer: number, n: number, inner: number, m: Float64Array): void {
  m.fill(-Infinity);
  for (let p = 0; p < outer; p++) {
    for (let k = 0; k < n; k++) {
      const xb = (p * n + k) * inner;
      for (let i = 0; i < inner; i++) {
        const v = xd[xb + i]!;
        if (v > m[p * inner + i]!) m[p * inner + i] = v;
      }
    }
  }
  for (let q = 0; q < m.length; q++) if (m[q] === -Infinity) m[q] = 0;
}

/**
 * Stable softmax probabilities y of x along the split axis; returns log Σ exp(x − m) (outer × inner)
 * and leaves the shifts in `m` (so that logsumexp = m + the result).
 */
function softmaxCore(
  xd: FloatArray,
  outer: number,
  n: number,
  inner: number,
  y: FloatArray,
  m: Float64Array,
): Float64Array {
  rowMax(xd, outer, n, inner, m);
  const z = new Float64Array(outer * inner);
  for (let p = 0; p < outer; p++) {
    for (let k = 0; k < n; k++) {
      const xb = (p * n + k) * inner;
      for (let i = 0; i < inner; i++) {
        const e = Math.exp(xd[xb + i]! - m[p * inner + i]!);
        y[xb + i] = e;
        z[p * inner + i]! += e;
      }
    }
  }
  for (let p = 0; p < outer; p++) {
    for (let k = 0; k < n; k++) {
      const xb = (p * n + k) * inner;
      for (let i = 0; i < inner; i++) y[xb + i] = y[xb + i]! / z[p * inner + i]!;
    }
  }
  for (let q = 0; q < z.length; q++) z[q] = Math.log(z[q]!);
  return z;
}

/** log Σ exp(x) over `axis` (all entries when omitted), computed stably. */
export function logsumexp(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  needTensor("logsumexp", x);
  const s = split("logsumexp", x, axis, keepdims);
  const { outer, n, inner } = s;
  const y = alloc(x.dtype, x.size);
  const m = new Float64Array(outer * inner);
  const logz = softmaxCore(x.data, outer, n, inner, y, m);
  const o = alloc(x.dtype, outer * inner);
  for (let q = 0; q < o.length; q++) o[q] = m[q]! + logz[q]!;
  const out = new Tensor(o, s.shape);
  if (tracked(x)) {
    record(out, (g) => {
      // d lse / dx = softmax(x) = y.
      for (let p = 0; p < outer; p++) {
        for (let k = 0; k < n; k++) {
          const xb = (p * n + k) * inner;
          for (let i = 0; i < inner; i++) y[xb + i] = y[xb + i]! * g[p * inner + i]!;
        }
      }
      accumOwned(x, y);
    });
  }
  return out;
}

/** Softmax along `axis` (default the last). */
export function softmax(x: Tensor, axis = -1): Tensor {
  needTensor("softmax", x);
  const s = split("softmax", x, axis, true);
  const { outer, n, inner } = s;
  const y = alloc(x.dtype, x.size);
  softmaxCore(x.data, outer, n, inner, y, new Float64Array(outer * inner));
  const out = new Tensor(y, x.shape);
  if (tracked(x)) {
    record(out, (g) => {
      const gx = alloc(x.dtype, x.size);
      for (let p = 0; p < outer; p++) {
        for (let i = 0; i < inner; i++) {
          let dot = 0;
          for (let k = 0; k < n; k++) {
            const j = (p * n + k) * inner + i;
            dot += g[j]! * y[j]!;
          }
          for (let k = 0; k < n; k++) {
            const j = (p * n + k) * inner + i;
            gx[j] = y[j]! * (g[j]! - dot);
          }
        }
      }
      accumOwned(x, gx);
    });
  }
  return out;
}

/** log softmax along `axis` (default the last): x − logsumexp(x), stable. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  needTensor("logSoftmax", x);
  const s = split("logSoftmax", x, axis, true);
  const { outer, n, inner } = s;
  const y = alloc(x.dtype, x.size);
  const m = new Float64Array(outer * inner);
  const logz = softmaxCore(x.data, outer, n, inner, y, m);
  const xd = x.data;
  const o = alloc(x.dtype, x.size);
  for (let p = 0; p < outer; p++) {
    for (let k = 0; k < n; k++) {
      const xb = (p * n + k) * inner;
      for (let i = 0; i < inner; i++) o[xb + i] = xd[xb + i]! - m[p * inner + i]! - logz[p * inner + i]!;
    }
  }
  const out = new Tensor(o, x.shape);
  if (tracked(x)) {
    record(out, (g) => {
      const gx = alloc(x.dtype, x.size);
      for (let p = 0; p < outer; p++) {
        for (let i = 0; i < inner; i++) {
          let tot = 0;
          for (let k = 0; k < n; k++) tot += g[(p * n + k) * inner + i]!;
          for (let k = 0; k < n; k++) {
            const j = (p * n + k) * inner + i;
            gx[j] = g[j]! - y[j]! * tot;
          }
        }
      }
      accumOwned(x, gx);
    });
  }
  return out;
}

/** Euclidean norm √Σ x² over `axis` (all entries when omitted). */
export function norm(x: Tensor, axis?: Axis, keepdims = false): Tensor {
  needTensor("norm", x);
  const s = split("norm", x, axis, keepdims);
  const { outer, n, inner } = s;
  const xd = x.data;
  const o = alloc(x.dtype, outer * inner);
  for (let p = 0; p < outer; p++) {
    for (let i = 0; i < inner; i++) {
      let acc = 0;
      for (let k = 0; k < n; k++) {
        const v = xd[(p * n + k) * inner + i]!;
        acc += v * v;
      }
      o[p * inner + i] = Math.sqrt(acc);
    }
  }
  const out = new Tensor(o, s.shape);
  if (tracked(x)) {
    record(out, (g) => {
      const gx = alloc(x.dtype, x.size);
      for (let p = 0; p < outer; p++) {
        for (let i = 0; i < inner; i++) {
          const nv = o[p * inner + i]!;
          if (nv === 0) continue;
          const c = g[p * inner + i]! / nv;
          for (let k = 0; k < n; k++) {
            const j = (p * n + k) * inner + i;
            gx[j] = xd[j]! * c;
          }
        }
      }
      accumOwned(x, gx);
    });
  }
  return out;
}
