// Matrix products through the kernel interface (kernels/index.ts), with reverse-mode rules for
// C = op(A)·op(B) (Giles, "An extended collection of matrix derivative results for forward and
// reverse mode AD", 2008, §2.2.2): dop(A) = dC·op(B)ᵀ, dop(B) = op(A)ᵀ·dC, each mapped back through
// the transpose flags so that no transposed copy is ever materialised.
// - matmul(a, b, {transA, transB}): 2-d × 2-d; 3-d × 3-d batched (same batch size); 3-d × 2-d
//   without transA (the batch is folded into rows); a 1-d a or b is a row/column vector (numpy).
// - linear(x, w, b) = x·w + b fused (x [batch, in] or [in], w [in, out], b [out]).
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { accumOwned, record, tracked } from "../autodiff.ts";
import { getMatmulKernel } from "../kernels/index.ts";
import type { FloatArray } from "../kernels/matmul-kernel.ts";
import { alloc, Tensor } from "../tensor.ts";
import { dtypeMismatch } from "./elementwise.ts";
import { needTensor } from "./unary.ts";

export interface MatmulOptions {
  /** Use Aᵀ (a's last two axes swapped). */
  transA?: boolean;
  /** Use Bᵀ (b's last two axes swapped). */
  transB?: boolean;
}

function innerMismatch(
  op: string,
  a: readonly number[],
  b: readonly number[],
  ta: boolean,
  tb: boolean,
): AnsatzError {
  const note = ta || tb ? ` (transA=${ta}, transB=${tb})` : "";
  return new AnsatzError(
    "bad-shape",
    `${op}: expected inner dimensions to agree, found ${formatShape(a)} · ${formatShape(b)}${note}`,
    { where: op, expected: "inner dimensions to agree", found: `${formatShape(a)} · ${formatShape(b)}` },
  );
}

/** C (=|+=) op(A)·op(B) through the dtype's kernel; a, b, c may be subarray views. */
function mm(
  a: FloatArray,
  b: FloatArray,
  c: FloatArray,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
  dtype: "float64" | "float32",
  accumulate = false,
): void {
  getMatmulKernel(dtype).matmul(a, b, c, m, k, n, ta, tb, accumulate);
}

/** dA (=|+=) for C = op(A)·op(B) given G = dC (A stored m×k, or k×m with ta). */
function gradA(
  g: FloatArray,
  b: FloatArray,
  da: FloatArray,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
  dt: "float64" | "float32",
  acc: boolean,
): void {
  if (!ta) mm(g, b, da, m, n, k, false, !tb, dt, acc);
  else mm(b, g, da, k, n, m, tb, true, dt, acc);
}

/** dB (=|+=) for C = op(A)·op(B) given G = dC (B stored k×n, or n×k with tb). */
function gradB(
  g: FloatArray,
  a: FloatArray,
  db: FloatArray,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
  dt: "float64" | "float32",
  acc: boolean,
): void {
  if (!tb) mm(a, g, db, k, m, n, !ta, false, dt, acc);
  else mm(g, a, db, n, m, k, true, ta, dt, acc);
}

/**
 * The buffer a product's gradient for `t` goes into, and whether to add to it: t's existing gradient
 * (the kernel accumulates into it, no temporary), or a fresh buffer that t adopts.
 */
function gradTarget(t: Tensor): [FloatArray, boolean] {
  const acc = t._grad;
  if (acc !== null) return [acc, true];
  const fresh = alloc(t.dtype, t.size);
  t._grad = fresh;
  return [fresh, false];
}

/** Matrix product op(a)·op(b) (see the header for the supported ranks). */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  needTensor("matmul", a);
  needTensor("matmul", b);
  if (a.dtype !== b.dtype) throw dtypeMismatch("matmul", a, b);
  const ta = options.transA === true;
  const tb = options.transB === true;
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra === 2 && rb === 2) return matmul2d(a, b, ta, tb);
  if ((ra === 1 || rb === 1) && ra <= 2 && rb <= 2) {
    if (ta || tb) {
      throw AnsatzError.expected(
        "bad-argument",
        "matmul",
        "no transpose flags with a 1-d operand",
        `shapes ${formatShape(a.shape)} · ${formatShape(b.shape)}`,
      );
    }
    const a2 = ra === 1 ? reshapeView(a, [1, a.shape[0]!]) : a;
    const b2 = rb === 1 ? reshapeView(b, [b.shape[0]!, 1]) : b;
    if (a2.shape[1] !== b2.shape[0]) throw innerMismatch("matmul", a.shape, b.shape, false, false);
    const c = matmul2d(a2, b2, false, false);
    const shape = ra === 1 && rb === 1 ? [] : ra === 1 ? [c.shape[1]!] : [c.shape[0]!];
    return reshapeView(c, shape);
  }
  if (ra === 3 && rb === 2) {
    if (ta) {
      throw AnsatzError.expected(
        "bad-argument",
        "matmul",
        "transA=false for a 3-d · 2-d product",
        "transA=true",
      );
    }
    const [bs, m, k] = a.shape as [number, number, number];
    const kb = tb ? b.shape[1]! : b.shape[0]!;
    if (k !== kb) throw innerMismatch("matmul", a.shape, b.shape, ta, tb);
    const c = matmul2d(reshapeView(a, [bs * m, k]), b, false, tb);
    return reshapeView(c, [bs, m, c.shape[1]!]);
  }
  if (ra === 3 && rb === 3) return matmulBatched(a, b, ta, tb);
  throw AnsatzError.expected(
    "bad-shape",
    "matmul",
    "2-d · 2-d, 3-d · 3-d, 3-d · 2-d or a 1-d vector operand",
    `${formatShape(a.shape)} · ${formatShape(b.shape)}`,
  );
}

function matmul2d(a: Tensor, b: Tensor, ta: boolean, tb: boolean): Tensor {
  const m = ta ? a.shape[1]! : a.shape[0]!;
  const k = ta ? a.shape[0]! : a.shape[1]!;
  const kb = tb ? b.shape[1]! : b.shape[0]!;
  const n = tb ? b.shape[0]! : b.shape[1]!;
  if (k !== kb) throw innerMismatch("matmul", a.shape, b.shape, ta, tb);
  const dt = a.dtype;
  const c = alloc(dt, m * n);
  mm(a.data, b.data, c, m, k, n, ta, tb, dt);
  const out = new Tensor(c, [m, n]);
  const tA = tracked(a);
  const tB = tracked(b);
  if (tA || tB) {
    record(out, (g) => {
      if (tA) {
        const [da, acc] = gradTarget(a);
        gradA(g, b.data, da, m, k, n, ta, tb, dt, acc);
      }
      if (tB) {
        const [db, acc] = gradTarget(b);
        gradB(g, a.data, db, m, k, n, ta, tb, dt, acc);
      }
    });
  }
  return out;
}

function matmulBatched(a: Tensor, b: Tensor, ta: boolean, tb: boolean): Tensor {
  const bs = a.shape[0]!;
  if (b.shape[0] !== bs) {
    throw new AnsatzError(
      "bad-shape",
      `matmul: expected equal batch sizes, found ${formatShape(a.shape)} · ${formatShape(b.shape)}`,
      {
        where: "matmul",
        expected: "equal batch sizes",
        found: `${formatShape(a.shape)} · ${formatShape(b.shape)}`,
      },
    );
  }
  const m = ta ? a.shape[2]! : a.shape[1]!;
  const k = ta ? a.shape[1]! : a.shape[2]!;
  const kb = tb ? b.shape[2]! : b.shape[1]!;
  const n = tb ? b.shape[1]! : b.shape[2]!;
  if (k !== kb) throw innerMismatch("matmul", a.shape, b.shape, ta, tb);
  const dt = a.dtype;
  const sa = m * k;
  const sb = k * n;
  const sc = m * n;
  const c = alloc(dt, bs * sc);
  for (let i = 0; i < bs; i++) {
    mm(
      a.data.subarray(i * sa, (i + 1) * sa),
      b.data.subarray(i * sb, (i + 1) * sb),
      c.subarray(i * sc, (i + 1) * sc),
      m,
      k,
      n,
      ta,
      tb,
      dt,
    );
  }
  const out = new Tensor(c, [bs, m, n]);
  const tA = tracked(a);
  const tB = tracked(b);
  if (tA || tB) {
    record(out, (g) => {
      const [da, accA] = tA ? gradTarget(a) : [null, false];
      const [db, accB] = tB ? gradTarget(b) : [null, false];
      for (let i = 0; i < bs; i++) {
        const gi = g.subarray(i * sc, (i + 1) * sc);
        if (da)
          gradA(
            gi,
            b.data.subarray(i * sb, (i + 1) * sb),
            da.subarray(i * sa, (i + 1) * sa),
            m,
            k,
            n,
            ta,
            tb,
            dt,
            accA,
          );
        if (db)
          gradB(
            gi,
            a.data.subarray(i * sa, (i + 1) * sa),
            db.subarray(i * sb, (i + 1) * sb),
            m,
            k,
            n,
            ta,
            tb,
            dt,
            accB,
          );
      }
    });
  }
  return out;
}

/** A differentiable reshape sharing the buffer (used internally; the public one is in shape.ts). */
function reshapeView(x: Tensor, shape: number[]): Tensor {
  const out = new Tensor(x.data, shape);
  if (tracked(x)) record(out, (g) => accumOwned(x, g));
  return out;
}

/**
 * Fused affine map x·w + b: x [batch, in] (or [in]), w [in, out], b [out] → [batch, out] (or [out]).
 * Backward: dx = g·wᵀ, dw = xᵀ·g, db = Σ_batch g.
 */
export function linear(x: Tensor, w: Tensor, b: Tensor): Tensor {
  needTensor("linear x", x);
  needTensor("linear w", w);
  needTensor("linear b", b);
  if (x.dtype !== w.dtype) throw dtypeMismatch("linear", x, w);
  if (b.dtype !== w.dtype) throw dtypeMismatch("linear", w, b);
  if (w.shape.length !== 2) {
    throw AnsatzError.expected(
      "bad-shape",
      "linear w",
      "a 2-d weight [in, out]",
      `shape ${formatShape(w.shape)}`,
    );
  }
  const inDim = w.shape[0]!;
  const outDim = w.shape[1]!;
  if (b.shape.length !== 1 || b.shape[0] !== outDim) {
    throw AnsatzError.expected("bad-shape", "linear b", `shape [${outDim}]`, `shape ${formatShape(b.shape)}`);
  }
  const vec = x.shape.length === 1;
  if ((x.shape.length !== 1 && x.shape.length !== 2) || x.shape[x.shape.length - 1] !== inDim) {
    throw innerMismatch("linear", x.shape, w.shape, false, false);
  }
  const batch = vec ? 1 : x.shape[0]!;
  const dt = x.dtype;
  // C starts as the broadcast bias and the kernel adds x·w into it (no separate bias pass).
  const c = alloc(dt, batch * outDim);
  const bd = b.data;
  for (let i = 0; i < batch; i++) c.set(bd, i * outDim);
  mm(x.data, w.data, c, batch, inDim, outDim, false, false, dt, true);
  const out = new Tensor(c, vec ? [outDim] : [batch, outDim]);
  const tx = tracked(x);
  const tw = tracked(w);
  const tbias = tracked(b);
  if (tx || tw || tbias) {
    record(out, (g) => {
      if (tx) {
        const [dx, acc] = gradTarget(x);
        mm(g, w.data, dx, batch, outDim, inDim, false, true, dt, acc);
      }
      if (tw) {
        const [dw, acc] = gradTarget(w);
        mm(x.data, g, dw, inDim, batch, outDim, true, false, dt, acc);
      }
      if (tbias) {
        const [db] = gradTarget(b);
        for (let i = 0; i < batch; i++) {
          const o = i * outDim;
          for (let j = 0; j < outDim; j++) db[j]! += g[o + j]!;
        }
      }
    });
  }
  return out;
}
