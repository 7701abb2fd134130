// Shape ops (numpy semantics): reshape (shares the buffer, one −1 inferred), transpose (2-d) and
// permute (any axis order), slice along one axis, concat and stack along an axis, expandDims,
// squeeze, broadcastTo. Each gradient is the inverse data movement (reshape back, inverse
// permutation, scatter into the slice, split of the concatenation, sum over broadcast axes).
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { accum, accumOwned, gradBuffer, record, tracked } from "../autodiff.ts";
import { alloc, Tensor } from "../tensor.ts";
import { broadcastShapes, expandData, planBroadcast, reduceTo, shapesEqual } from "./broadcast.ts";
import { dtypeMismatch } from "./elementwise.ts";
import { normAxis } from "./reduce.ts";
import { needTensor } from "./unary.ts";

/** The same values with a new shape (one entry may be −1, inferred); shares the buffer. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  needTensor("reshape", x);
  const sh = shape.slice();
  let known = 1;
  let infer = -1;
  for (let d = 0; d < sh.length; d++) {
    const v = sh[d]!;
    if (v === -1 && infer < 0) infer = d;
    else if (Number.isInteger(v) && v >= 0) known *= v;
    else {
      throw AnsatzError.expected(
        "bad-shape",
        "reshape",
        "non-negative integer sizes and at most one -1",
        formatShape(shape),
      );
    }
  }
  if (infer >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new AnsatzError(
        "bad-shape",
        `reshape: cannot reshape ${formatShape(x.shape)} to ${formatShape(shape)}`,
        {
          where: "reshape",
          expected: `a shape with ${x.size} elements`,
          found: formatShape(shape),
        },
      );
    }
    sh[infer] = x.size / known;
  } else if (known !== x.size) {
    throw new AnsatzError(
      "bad-shape",
      `reshape: cannot reshape ${formatShape(x.shape)} to ${formatShape(shape)}`,
      {
        where: "reshape",
        expected: `a shape with ${x.size} elements`,
        found: formatShape(shape),
      },
    );
  }
  const out = new Tensor(x.data, sh);
  if (tracked(x)) record(out, (g) => accumOwned(x, g));
  return out;
}

/** Flattens to 1-d. */
export function flatten(x: Tensor): Tensor {
  return reshape(x, [-1]);
}

/** Inserts an axis of size 1 at `axis` (−1 appends). */
export function expandDims(x: Tensor, axis: number): Tensor {
  needTensor("expandDims", x);
  const ax = normAxis("expandDims", axis, x.shape.length + 1);
  const sh = x.shape.slice();
  sh.splice(ax, 0, 1);
  return reshape(x, sh);
}

/** Removes `axis` (which must have size 1), or every size-1 axis when omitted. */
export function squeeze(x: Tensor, axis?: number): Tensor {
  needTensor("squeeze", x);
  if (axis === undefined)
    return reshape(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const ax = normAxis("squeeze", axis, x.shape.length);
  if (x.shape[ax] !== 1) {
    throw AnsatzError.expected(
      "bad-shape",
      `squeeze axis ${axis}`,
      "an axis of size 1",
      `size ${x.shape[ax]} in ${formatShape(x.shape)}`,
    );
  }
  const sh = x.shape.slice();
  sh.splice(ax, 1);
  return reshape(x, sh);
}

/** Transpose of a 2-d tensor. */
export function transpose(x: Tensor): Tensor {
  needTensor("transpose", x);
  if (x.shape.length !== 2) {
    throw AnsatzError.expected(
      "bad-shape",
      "transpose",
      "a 2-d tensor (use permute for more axes)",
      `shape ${formatShape(x.shape)}`,
    );
  }
  return permute(x, [1, 0]);
}

/** Axes reordered: output axis i is input axis perm[i] (numpy.transpose(x, perm)). */
export function permute(x: Tensor, perm: readonly number[]): Tensor {
  needTensor("permute", x);
  const r = x.shape.length;
  const seen = new Array<boolean>(r).fill(false);
  let valid = perm.length === r;
  for (let i = 0; valid && i < r; i++) {
    const p = perm[i]!;
    valid = Number.isInteger(p) && p >= 0 && p < r && !seen[p];
    if (valid) seen[p] = true;
  }
  if (!valid) {
    throw AnsatzError.expected(
      "bad-argument",
      "permute perm",
      `a permutation of 0..${r - 1}`,
      `[${perm.join(", ")}]`,
    );
  }
  const inStrides = new Array<number>(r);
  let st = 1;
  for (let d = r - 1; d >= 0; d--) {
    inStrides[d] = st;
    st *= x.shape[d]!;
  }
  const outShape = perm.map((p) => x.shape[p]!);
  const strides = perm.map((p) => inStrides[p]!);
  const od = alloc(x.dtype, x.size);
  const xd = x.data;
  // src index of each output position, walked with a counter over the output shape.
  const idx = new Array<number>(r).fill(0);
  let src = 0;
  for (let o = 0; o < od.length; o++) {
    od[o] = xd[src]!;
    for (let d = r - 1; d >= 0; d--) {
      idx[d]!++;
      src += strides[d]!;
      if (idx[d]! < outShape[d]!) break;
      src -= strides[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
  const out = new Tensor(od, outShape);
  if (tracked(x)) {
    record(out, (g) => {
      const gx = alloc(x.dtype, x.size);
      idx.fill(0);
      let s = 0;
      for (let o = 0; o < g.length; o++) {
        gx[s] = g[o]!;
        for (let d = r - 1; d >= 0; d--) {
          idx[d]!++;
          s += strides[d]!;
          if (idx[d]! < outShape[d]!) break;
          s -= strides[d]! * outShape[d]!;
          idx[d] = 0;
        }
      }
      accumOwned(x, gx);
    });
  }
  return out;
}

function outerInner(shape: readonly number[], ax: number): [number, number] {
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < ax; d++) outer *= shape[d]!;
  for (let d = ax + 1; d < shape.length; d++) inner *= shape[d]!;
  return [outer, inner];
}

/** Entries start ≤ i < end along `axis` (negative start/end count from the end, as in Python). */
export function slice(x: Tensor, axis: number, start: number, end?: number): Tensor {
  needTensor("slice", x);
  const ax = normAxis("slice", axis, x.shape.length);
  const n = x.shape[ax]!;
  let s = start < 0 ? start + n : start;
  let e = end === undefined ? n : end < 0 ? end + n : end;
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > n || s > e) {
    throw AnsatzError.expected(
      "bad-argument",
      "slice",
      `0 <= start <= end <= ${n} along axis ${axis} of ${formatShape(x.shape)}`,
      `start ${start}, end ${end ?? n}`,
    );
  }
  s |= 0;
  e |= 0;
  const len = e - s;
  const [outer, inner] = outerInner(x.shape, ax);
  const sh = x.shape.slice();
  sh[ax] = len;
  const od = alloc(x.dtype, outer * len * inner);
  const xd = x.data;
  const block = len * inner;
  for (let p = 0; p < outer; p++) {
    const from = (p * n + s) * inner;
    od.set(xd.subarray(from, from + block), p * block);
  }
  const out = new Tensor(od, sh);
  if (tracked(x)) {
    record(out, (g) => {
      const gx = gradBuffer(x);
      for (let p = 0; p < outer; p++) {
        const to = (p * n + s) * inner;
        const from = p * block;
        for (let i = 0; i < block; i++) gx[to + i]! += g[from + i]!;
      }
    });
  }
  return out;
}

/** Concatenation along `axis` (default 0); all other axes must agree. */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (!isList(xs) || xs.length === 0) {
    throw AnsatzError.expected("bad-argument", "concat", "a non-empty array of tensors", String(xs));
  }
  for (let i = 0; i < xs.length; i++) needTensor(`concat[${i}]`, xs[i]);
  const first = xs[0]!;
  const r = first.shape.length;
  const ax = normAxis("concat", axis, r);
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    const t = xs[i]!;
    if (t.dtype !== first.dtype) throw dtypeMismatch("concat", first, t);
    const ok = t.shape.length === r && t.shape.every((d, j) => j === ax || d === first.shape[j]);
    if (!ok) {
      throw new AnsatzError(
        "bad-shape",
        `concat: expected shapes that agree except on axis ${ax}, found ${formatShape(first.shape)} and ${formatShape(t.shape)}`,
        {
          where: "concat",
          expected: `shapes that agree except on axis ${ax}`,
          found: `${formatShape(first.shape)} and ${formatShape(t.shape)}`,
        },
      );
    }
    total += t.shape[ax]!;
  }
  const [outer, inner] = outerInner(first.shape, ax);
  const sh = first.shape.slice();
  sh[ax] = total;
  const od = alloc(first.dtype, outer * total * inner);
  const rowOut = total * inner;
  let offset = 0;
  const offsets = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const t = xs[i]!;
    const blk = t.shape[ax]! * inner;
    offsets[i] = offset;
    for (let p = 0; p < outer; p++) od.set(t.data.subarray(p * blk, (p + 1) * blk), p * rowOut + offset);
    offset += blk;
  }
  const out = new Tensor(od, sh);
  const tr = xs.map((t) => tracked(t));
  if (tr.some((v) => v)) {
    record(out, (g) => {
      for (let i = 0; i < xs.length; i++) {
        if (!tr[i]) continue;
        const t = xs[i]!;
        const blk = t.shape[ax]! * inner;
        const gx = alloc(t.dtype, t.size);
        for (let p = 0; p < outer; p++)
          gx.set(g.subarray(p * rowOut + offsets[i]!, p * rowOut + offsets[i]! + blk), p * blk);
        accumOwned(t, gx);
      }
    });
  }
  return out;
}

/** Stacks equally shaped tensors along a new axis (default 0). */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  if (!isList(xs) || xs.length === 0) {
    throw AnsatzError.expected("bad-argument", "stack", "a non-empty array of tensors", String(xs));
  }
  for (let i = 0; i < xs.length; i++) needTensor(`stack[${i}]`, xs[i]);
  const first = xs[0]!;
  for (const t of xs) {
    if (!shapesEqual(t.shape, first.shape)) {
      throw new AnsatzError(
        "bad-shape",
        `stack: expected equal shapes, found ${formatShape(first.shape)} and ${formatShape(t.shape)}`,
        {
          where: "stack",
          expected: "equal shapes",
          found: `${formatShape(first.shape)} and ${formatShape(t.shape)}`,
        },
      );
    }
  }
  const ax = normAxis("stack", axis, first.shape.length + 1);
  return concat(
    xs.map((t) => expandDims(t, ax)),
    ax,
  );
}

/** x broadcast to `shape` (numpy.broadcast_to, as a copy); the gradient sums over broadcast axes. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  needTensor("broadcastTo", x);
  const sh = shape.slice();
  const od = expandData(x, sh, "broadcastTo");
  const out = new Tensor(od, sh);
  if (tracked(x)) {
    record(out, (g) => {
      if (x.size === g.length) {
        accum(x, g);
        return;
      }
      const p = planBroadcast(x.shape, sh, broadcastShapes("broadcastTo", x.shape, sh));
      accumOwned(x, reduceTo(p, "a", g, x.size, x.dtype));
    });
  }
  return out;
}

/** Array check without Array.isArray's narrowing (which widens readonly Tensor[] elements to any). */
function isList(v: unknown): boolean {
  return Array.isArray(v);
}
