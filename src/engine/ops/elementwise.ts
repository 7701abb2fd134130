// Binary elementwise ops with numpy broadcasting: add, sub, mul, div, comparisons (masks), where,
// maximum/minimum. Either operand may be a plain number (a 0-d constant of the other's dtype).
// Derivatives (standard calculus): d(a+b) = da + db, d(a·b) = b·da + a·db, d(a/b) = da/b − a·db/b²;
// the gradient of a broadcast operand is summed over the axes it was broadcast along.
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { accum, accumOwned, onTape, record, record2, tracked, tracked2 } from "../autodiff.ts";
import { alloc, type DType, type FloatArray, Tensor } from "../tensor.ts";
import {
  type BroadcastPlan,
  broadcastShapes,
  expandData,
  planBroadcast,
  type RowKernel,
  reduceTo,
  runPlan,
  shapesEqual,
} from "./broadcast.ts";

/** A tensor or a plain number (treated as a constant 0-d tensor of the other operand's dtype). */
export type Operand = Tensor | number;

/** @internal Throws the house-style dtype mismatch error. */
export function dtypeMismatch(op: string, a: Tensor, b: Tensor): AnsatzError {
  return new AnsatzError(
    "bad-argument",
    `${op}: expected operands of the same dtype, found ${a.dtype} and ${b.dtype}`,
    {
      where: op,
      expected: "operands of the same dtype",
      found: `${a.dtype} and ${b.dtype}`,
    },
  );
}

function scalarOf(v: number, dtype: DType): Tensor {
  const d = alloc(dtype, 1);
  d[0] = v;
  return new Tensor(d, []);
}

/** @internal Both operands as tensors (numbers take the other's dtype), dtype-checked. */
export function operands(op: string, a: Operand, b: Operand): [Tensor, Tensor] {
  if (typeof a === "number") {
    if (typeof b === "number") return [scalarOf(a, "float64"), scalarOf(b, "float64")];
    if (!(b instanceof Tensor)) throw notOperand(op, b);
    return [scalarOf(a, b.dtype), b];
  }
  if (!(a instanceof Tensor)) throw notOperand(op, a);
  if (typeof b === "number") return [a, scalarOf(b, a.dtype)];
  if (!(b instanceof Tensor)) throw notOperand(op, b);
  if (a.dtype !== b.dtype) throw dtypeMismatch(op, a, b);
  return [a, b];
}

function notOperand(op: string, v: unknown): AnsatzError {
  return AnsatzError.expected("bad-argument", op, "a Tensor or a number", v === null ? "null" : typeof v);
}

// Modes: 0 same shape, 1 b has one element (out = a's shape), 2 a has one element, 3 general plan.
const SAME = 0;
const B_SCALAR = 1;
const A_SCALAR = 2;
const GENERAL = 3;

interface Bin {
  mode: number;
  plan: BroadcastPlan | null;
  shape: number[];
  size: number;
}

function classify(op: string, a: Tensor, b: Tensor): Bin {
  if (shapesEqual(a.shape, b.shape)) return { mode: SAME, plan: null, shape: a.shape, size: a.size };
  if (b.size === 1 && b.shape.length <= a.shape.length)
    return { mode: B_SCALAR, plan: null, shape: a.shape, size: a.size };
  if (a.size === 1 && a.shape.length <= b.shape.length)
    return { mode: A_SCALAR, plan: null, shape: b.shape, size: b.size };
  const shape = broadcastShapes(op, a.shape, b.shape);
  const plan = planBroadcast(a.shape, b.shape, shape);
  return { mode: GENERAL, plan, shape, size: plan.size };
}

function forward(bin: Bin, k: RowKernel, a: Tensor, b: Tensor): FloatArray {
  const n = bin.size;
  const o = alloc(a.dtype, n);
  switch (bin.mode) {
    case SAME:
      k(a.data, 0, 1, b.data, 0, 1, o, 0, n);
      break;
    case B_SCALAR:
      k(a.data, 0, 1, b.data, 0, 0, o, 0, n);
      break;
    case A_SCALAR:
      k(a.data, 0, 0, b.data, 0, 1, o, 0, n);
      break;
    default:
      runPlan(bin.plan!, bin.plan!.sa, bin.plan!.sb, k, a.data, b.data, o);
  }
  return o;
}

/** Stride of operand `role` (its innermost step) in the fast modes. */
function fastStride(mode: number, role: "a" | "b"): number {
  if (mode === B_SCALAR) return role === "b" ? 0 : 1;
  if (mode === A_SCALAR) return role === "a" ? 0 : 1;
  return 1;
}

/**
 * t[i] = k(x[i], y_broadcast[i]) over the output positions, where x has the output layout and y is the
 * operand `role`; then summed down to operand `target` (size targetSize). Returns a fresh buffer.
 */
function vjp(
  bin: Bin,
  k: RowKernel,
  x: FloatArray,
  y: FloatArray,
  role: "a" | "b",
  target: "a" | "b",
  targetSize: number,
  dtype: DType,
): FloatArray {
  const n = bin.size;
  const t = alloc(dtype, n);
  if (bin.mode === GENERAL) {
    const p = bin.plan!;
    runPlan(p, p.so, role === "a" ? p.sa : p.sb, k, x, y, t);
  } else {
    k(x, 0, 1, y, 0, fastStride(bin.mode, role), t, 0, n);
  }
  return reduceGrad(bin, t, target, targetSize, dtype);
}

/** Sums a full-output-layout gradient down to operand `target`; returns g itself when no reduction is needed. */
function reduceGrad(
  bin: Bin,
  g: FloatArray,
  target: "a" | "b",
  targetSize: number,
  dtype: DType,
): FloatArray {
  if (targetSize === bin.size) return g;
  if (targetSize === 1) {
    const r = alloc(dtype, 1);
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i]!;
    r[0] = s;
    return r;
  }
  return reduceTo(bin.plan!, target, g, targetSize, dtype);
}

/** True when a and b are tensors of one dtype and one shape (the allocation-free fast path). */
function sameShape(a: Operand, b: Operand): boolean {
  return a instanceof Tensor && b instanceof Tensor && a.dtype === b.dtype && shapesEqual(a.shape, b.shape);
}

/** Backward of a same-shape add: g goes to both inputs (adopted by the first, copied for the second). */
function addSameBack(g: FloatArray, out: Tensor, x: Tensor | null, y: Tensor | null): void {
  const tx = onTape(x, out);
  if (tx) accumOwned(x!, g);
  if (onTape(y, out)) {
    if (tx) accum(y!, g);
    else accumOwned(y!, g);
  }
}

/** Backward of a same-shape sub: g to x, −g to y. */
function subSameBack(g: FloatArray, out: Tensor, x: Tensor | null, y: Tensor | null): void {
  if (onTape(y, out)) {
    const ng = alloc(y!.dtype, g.length);
    for (let i = 0; i < g.length; i++) ng[i] = -g[i]!;
    accumOwned(y!, ng);
  }
  if (onTape(x, out)) accumOwned(x!, g);
}

/** Backward of a same-shape mul: g·y to x, g·x to y (g itself is reused for y: it is dead afterwards). */
function mulSameBack(g: FloatArray, out: Tensor, x: Tensor | null, y: Tensor | null): void {
  const xd = x!.data;
  const yd = y!.data;
  if (onTape(x, out)) {
    const gx = alloc(x!.dtype, g.length);
    for (let i = 0; i < g.length; i++) gx[i] = g[i]! * yd[i]!;
    accumOwned(x!, gx);
  }
  if (onTape(y, out)) {
    for (let i = 0; i < g.length; i++) g[i] = g[i]! * xd[i]!;
    accumOwned(y!, g);
  }
}

/** Backward of x·c for a number c (the context). */
function mulNumberBack(g: FloatArray, _out: Tensor, x: Tensor | null, _b: Tensor | null, c: unknown): void {
  const k = c as number;
  for (let i = 0; i < g.length; i++) g[i] = g[i]! * k;
  accumOwned(x!, g);
}

const addK: RowKernel = (x, ix, sx, y, iy, sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx, iy += sy) o[io + k] = x[ix]! + y[iy]!;
};
const subK: RowKernel = (x, ix, sx, y, iy, sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx, iy += sy) o[io + k] = x[ix]! - y[iy]!;
};
const mulK: RowKernel = (x, ix, sx, y, iy, sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx, iy += sy) o[io + k] = x[ix]! * y[iy]!;
};
const divK: RowKernel = (x, ix, sx, y, iy, sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx, iy += sy) o[io + k] = x[ix]! / y[iy]!;
};
const negDivK: RowKernel = (x, ix, sx, y, iy, sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx, iy += sy) o[io + k] = -x[ix]! / y[iy]!;
};

/** a + b (broadcasting). */
export function add(a: Operand, b: Operand): Tensor {
  if (sameShape(a, b)) {
    const x = a as Tensor;
    const y = b as Tensor;
    const xd = x.data;
    const yd = y.data;
    const o = alloc(x.dtype, x.size);
    for (let i = 0; i < o.length; i++) o[i] = xd[i]! + yd[i]!;
    const out = new Tensor(o, x.shape);
    if (tracked2(x, y)) record2(out, addSameBack, x, y, null);
    return out;
  }
  const [x, y] = operands("add", a, b);
  const bin = classify("add", x, y);
  const out = new Tensor(forward(bin, addK, x, y), bin.shape);
  const tx = tracked(x);
  const ty = tracked(y);
  if (tx || ty) {
    record(out, (g) => {
      if (tx) accumOwned(x, reduceGrad(bin, g, "a", x.size, x.dtype));
      if (ty) accum(y, reduceGrad(bin, g, "b", y.size, y.dtype));
    });
  }
  return out;
}

/** a − b (broadcasting). */
export function sub(a: Operand, b: Operand): Tensor {
  if (sameShape(a, b)) {
    const x = a as Tensor;
    const y = b as Tensor;
    const xd = x.data;
    const yd = y.data;
    const o = alloc(x.dtype, x.size);
    for (let i = 0; i < o.length; i++) o[i] = xd[i]! - yd[i]!;
    const out = new Tensor(o, x.shape);
    if (tracked2(x, y)) record2(out, subSameBack, x, y, null);
    return out;
  }
  const [x, y] = operands("sub", a, b);
  const bin = classify("sub", x, y);
  const out = new Tensor(forward(bin, subK, x, y), bin.shape);
  const tx = tracked(x);
  const ty = tracked(y);
  if (tx || ty) {
    record(out, (g) => {
      if (ty) {
        const r = reduceGrad(bin, g, "b", y.size, y.dtype);
        const neg = alloc(y.dtype, r.length);
        for (let i = 0; i < r.length; i++) neg[i] = -r[i]!;
        accumOwned(y, neg);
      }
      if (tx) accumOwned(x, reduceGrad(bin, g, "a", x.size, x.dtype));
    });
  }
  return out;
}

/** a · b elementwise (broadcasting). */
export function mul(a: Operand, b: Operand): Tensor {
  if (sameShape(a, b)) {
    const x = a as Tensor;
    const y = b as Tensor;
    const xd = x.data;
    const yd = y.data;
    const o = alloc(x.dtype, x.size);
    for (let i = 0; i < o.length; i++) o[i] = xd[i]! * yd[i]!;
    const out = new Tensor(o, x.shape);
    if (tracked2(x, y)) record2(out, mulSameBack, x, y, null);
    return out;
  }
  if (typeof b === "number" && a instanceof Tensor) {
    const x = a;
    const xd = x.data;
    const o = alloc(x.dtype, x.size);
    for (let i = 0; i < o.length; i++) o[i] = xd[i]! * b;
    const out = new Tensor(o, x.shape);
    if (tracked(x)) record2(out, mulNumberBack, x, null, b);
    return out;
  }
  const [x, y] = operands("mul", a, b);
  const bin = classify("mul", x, y);
  const out = new Tensor(forward(bin, mulK, x, y), bin.shape);
  const tx = tracked(x);
  const ty = tracked(y);
  if (tx || ty) {
    record(out, (g) => {
      if (tx) accumOwned(x, vjp(bin, mulK, g, y.data, "b", "a", x.size, x.dtype));
      if (ty) accumOwned(y, vjp(bin, mulK, g, x.data, "a", "b", y.size, y.dtype));
    });
  }
  return out;
}

/** a / b elementwise (broadcasting). */
export function div(a: Operand, b: Operand): Tensor {
  const [x, y] = operands("div", a, b);
  const bin = classify("div", x, y);
  const od = forward(bin, divK, x, y);
  const out = new Tensor(od, bin.shape);
  const tx = tracked(x);
  const ty = tracked(y);
  if (tx || ty) {
    record(out, (g) => {
      if (tx) accumOwned(x, vjp(bin, divK, g, y.data, "b", "a", x.size, x.dtype));
      if (ty) {
        // d(a/b)/db = −(a/b)/b: form g·out on the output layout, then −(g·out)/b.
        const go = alloc(y.dtype, bin.size);
        for (let i = 0; i < go.length; i++) go[i] = g[i]! * od[i]!;
        accumOwned(y, vjp(bin, negDivK, go, y.data, "b", "b", y.size, y.dtype));
      }
    });
  }
  return out;
}

function compare(op: string, k: RowKernel, a: Operand, b: Operand): Tensor {
  const [x, y] = operands(op, a, b);
  const bin = classify(op, x, y);
  return new Tensor(forward(bin, k, x, y), bin.shape);
}

const gtK: RowKernel = (x, ix, sx, y, iy, sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx, iy += sy) o[io + k] = x[ix]! > y[iy]! ? 1 : 0;
};
const geK: RowKernel = (x, ix, sx, y, iy, sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx, iy += sy) o[io + k] = x[ix]! >= y[iy]! ? 1 : 0;
};
const eqK: RowKernel = (x, ix, sx, y, iy, sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx, iy += sy) o[io + k] = x[ix]! === y[iy]! ? 1 : 0;
};

/** Mask (1 where a > b, else 0), broadcasting; a constant (no gradient). */
export function gt(a: Operand, b: Operand): Tensor {
  return compare("gt", gtK, a, b);
}
/** Mask (1 where a >= b, else 0), broadcasting; a constant (no gradient). */
export function ge(a: Operand, b: Operand): Tensor {
  return compare("ge", geK, a, b);
}
/** Mask (1 where a < b, else 0), broadcasting; a constant (no gradient). */
export function lt(a: Operand, b: Operand): Tensor {
  return compare("lt", gtK, b, a);
}
/** Mask (1 where a <= b, else 0), broadcasting; a constant (no gradient). */
export function le(a: Operand, b: Operand): Tensor {
  return compare("le", geK, b, a);
}
/** Mask (1 where a == b, else 0), broadcasting; a constant (no gradient). */
export function eq(a: Operand, b: Operand): Tensor {
  return compare("eq", eqK, a, b);
}

/**
 * where(cond, a, b): a where cond is nonzero, else b, all three broadcast together. The gradient
 * flows to a where cond holds and to b elsewhere; cond is a constant.
 */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  if (!(cond instanceof Tensor)) throw notOperand("where cond", cond);
  const [x, y] = operands("where", a, b);
  const shape = broadcastShapes("where", broadcastShapes("where", cond.shape, x.shape), y.shape);
  const m = expandData(cond, shape, "where");
  const xd = expandData(x, shape, "where");
  const yd = expandData(y, shape, "where");
  const od = alloc(x.dtype, m.length);
  for (let i = 0; i < od.length; i++) od[i] = m[i]! !== 0 ? xd[i]! : yd[i]!;
  const out = new Tensor(od, shape);
  const tx = tracked(x);
  const ty = tracked(y);
  if (tx || ty) {
    record(out, (g) => {
      if (tx) {
        const t = alloc(x.dtype, g.length);
        for (let i = 0; i < t.length; i++) t[i] = m[i]! !== 0 ? g[i]! : 0;
        accumOwned(x, sumToShape(t, shape, x.shape, x.dtype));
      }
      if (ty) {
        const t = alloc(y.dtype, g.length);
        for (let i = 0; i < t.length; i++) t[i] = m[i]! !== 0 ? 0 : g[i]!;
        accumOwned(y, sumToShape(t, shape, y.shape, y.dtype));
      }
    });
  }
  return out;
}

/** Sums `g` (of shape `from`) over broadcast axes down to shape `to` (fresh buffer unless no reduction is needed). */
export function sumToShape(g: FloatArray, from: number[], to: number[], dtype: DType): FloatArray {
  if (shapesEqual(from, to) || g.length === sizeOfShape(to)) return g;
  const p = planBroadcast(to, from, from);
  return reduceTo(p, "a", g, sizeOfShape(to), dtype);
}

function sizeOfShape(s: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) n *= s[i]!;
  return n;
}

/** Elementwise maximum (broadcasting); the gradient goes to a where a >= b, else to b. */
export function maximum(a: Operand, b: Operand): Tensor {
  const [x, y] = operands("maximum", a, b);
  return where(ge(x, y), x, y);
}

/** Elementwise minimum (broadcasting); the gradient goes to a where a <= b, else to b. */
export function minimum(a: Operand, b: Operand): Tensor {
  const [x, y] = operands("minimum", a, b);
  return where(le(x, y), x, y);
}

/** @internal Formats two shapes for error messages: `[3, 4] and [5]`. */
export function twoShapes(a: readonly number[], b: readonly number[]): string {
  return `${formatShape(a)} and ${formatShape(b)}`;
}
