// Broadcasting (numpy's rules, https://numpy.org/doc/stable/user/basics.broadcasting.html): shapes
// are aligned on the right; each pair of dimensions must be equal or one of them 1. A broadcast plan
// coalesces the aligned dimensions into as few strided loops as possible (numpy's nditer does the
// same), so `[m, n] + [n]` runs as m inner loops of length n with stride 0 for the bias. Gradients of
// broadcasting ops are summed back over the broadcast axes (`reduceTo`).
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { alloc, type DType, type FloatArray, type Tensor } from "../tensor.ts";

/** Inner-loop kernel: n steps over x (from ix, stride sx), y (from iy, stride sy), o (contiguous from io). */
export type RowKernel = (
  x: FloatArray,
  ix: number,
  sx: number,
  y: FloatArray,
  iy: number,
  sy: number,
  o: FloatArray,
  io: number,
  n: number,
) => void;

/** A coalesced broadcast of two operands to an output shape. */
export interface BroadcastPlan {
  readonly shape: number[];
  readonly size: number;
  readonly rank: number;
  readonly dims: number[];
  /** Strides of operand a, b and of the (contiguous) output over the coalesced dims. */
  readonly sa: number[];
  readonly sb: number[];
  readonly so: number[];
}

export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The broadcast shape of a and b; an AnsatzError naming `op` and both shapes otherwise. */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  const out = new Array<number>(r);
  for (let d = 0; d < r; d++) {
    const da = d - (r - a.length) >= 0 ? a[d - (r - a.length)]! : 1;
    const db = d - (r - b.length) >= 0 ? b[d - (r - b.length)]! : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new AnsatzError(
        "bad-shape",
        `${op}: expected broadcastable shapes, found ${formatShape(a)} and ${formatShape(b)}`,
        { where: op, expected: "broadcastable shapes", found: `${formatShape(a)} and ${formatShape(b)}` },
      );
    }
    out[d] = da === 1 ? db : da;
  }
  return out;
}

function alignedStrides(shape: readonly number[], out: readonly number[]): number[] {
  const r = out.length;
  const off = r - shape.length;
  const s = new Array<number>(r).fill(0);
  let stride = 1;
  for (let d = r - 1; d >= off; d--) {
    const n = shape[d - off]!;
    s[d] = n === 1 ? 0 : stride;
    stride *= n;
  }
  return s;
}

/** Plan for broadcasting shapes a and b to `out` (which must be their broadcast shape). */
export function planBroadcast(a: readonly number[], b: readonly number[], out: number[]): BroadcastPlan {
  const fa = alignedStrides(a, out);
  const fb = alignedStrides(b, out);
  const dims: number[] = [];
  const sa: number[] = [];
  const sb: number[] = [];
  let size = 1;
  for (let d = 0; d < out.length; d++) {
    const n = out[d]!;
    size *= n;
    if (n === 1) continue;
    const p = dims.length - 1;
    if (p >= 0 && sa[p] === fa[d]! * n && sb[p] === fb[d]! * n) {
      dims[p]! *= n;
      sa[p] = fa[d]!;
      sb[p] = fb[d]!;
    } else {
      dims.push(n);
      sa.push(fa[d]!);
      sb.push(fb[d]!);
    }
  }
  if (dims.length === 0) {
    dims.push(1);
    sa.push(0);
    sb.push(0);
  }
  const so = new Array<number>(dims.length);
  let st = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    so[d] = st;
    st *= dims[d]!;
  }
  return { shape: out, size, rank: dims.length, dims, sa, sb, so };
}

/** Runs `k` over the plan with operand strides s1 (for x) and s2 (for y); the output is contiguous. */
export function runPlan(
  p: BroadcastPlan,
  s1: readonly number[],
  s2: readonly number[],
  k: RowKernel,
  x: FloatArray,
  y: FloatArray,
  o: FloatArray,
): void {
  if (p.size === 0) return;
  const r = p.rank;
  const dims = p.dims;
  const n = dims[r - 1]!;
  const ix = s1[r - 1]!;
  const iy = s2[r - 1]!;
  if (r === 1) {
    k(x, 0, ix, y, 0, iy, o, 0, n);
    return;
  }
  if (r === 2) {
    const m = dims[0]!;
    const x0 = s1[0]!;
    const y0 = s2[0]!;
    for (let i = 0; i < m; i++) k(x, i * x0, ix, y, i * y0, iy, o, i * n, n);
    return;
  }
  const outer = r - 1;
  const idx = new Array<number>(outer).fill(0);
  let px = 0;
  let py = 0;
  let po = 0;
  const total = p.size / n;
  for (let t = 0; t < total; t++) {
    k(x, px, ix, y, py, iy, o, po, n);
    po += n;
    for (let d = outer - 1; d >= 0; d--) {
      idx[d]!++;
      px += s1[d]!;
      py += s2[d]!;
      if (idx[d]! < dims[d]!) break;
      idx[d] = 0;
      px -= s1[d]! * dims[d]!;
      py -= s2[d]! * dims[d]!;
    }
  }
}

const sumIntoK: RowKernel = (acc, ia, sa, g, ig, sg, _o, _io, n) => {
  for (let k = 0; k < n; k++, ia += sa, ig += sg) acc[ia]! += g[ig]!;
};

/**
 * Sums `g` (laid out over the plan's output shape) over the broadcast axes of operand `which`, giving
 * a fresh buffer of that operand's size.
 */
export function reduceTo(
  p: BroadcastPlan,
  which: "a" | "b",
  g: FloatArray,
  inSize: number,
  dtype: DType,
): FloatArray {
  const acc = alloc(dtype, inSize);
  if (inSize === 1) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += g[i]!;
    acc[0] = s;
    return acc;
  }
  runPlan(p, which === "a" ? p.sa : p.sb, p.so, sumIntoK, acc, g, acc);
  return acc;
}

const copyK: RowKernel = (x, ix, sx, _y, _iy, _sy, o, io, n) => {
  for (let k = 0; k < n; k++, ix += sx) o[io + k] = x[ix]!;
};

/** The values of `t` broadcast to `shape` as a fresh buffer. */
export function expandData(t: Tensor, shape: number[], op: string): FloatArray {
  const out = broadcastShapes(op, t.shape, shape);
  if (!shapesEqual(out, shape)) {
    throw new AnsatzError(
      "bad-shape",
      `${op}: cannot broadcast shape ${formatShape(t.shape)} to ${formatShape(shape)}`,
      { where: op, expected: `a shape broadcastable to ${formatShape(shape)}`, found: formatShape(t.shape) },
    );
  }
  const p = planBroadcast(t.shape, shape, shape);
  const o = alloc(t.dtype, p.size);
  runPlan(p, p.sa, p.sb, copyK, t.data, t.data, o);
  return o;
}
