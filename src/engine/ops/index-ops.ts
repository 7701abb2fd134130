// Index ops: gather (numpy.take along an axis with 1-d integer indices; the gradient scatter-adds
// into the gathered rows, so repeated indices accumulate) and oneHot (a constant).
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { gradBuffer, record, tracked } from "../autodiff.ts";
import { alloc, type DType, Tensor } from "../tensor.ts";
import { normAxis } from "./reduce.ts";
import { needTensor } from "./unary.ts";

/** Integer indices: a plain array, an Int32Array, or a 1-d tensor holding integers. */
export type Indices = ArrayLike<number> | Tensor;

/** @internal Validated integer indices in [0, n) as an Int32Array. */
export function toIndices(op: string, idx: Indices, n: number): Int32Array {
  let src: ArrayLike<number>;
  if (idx instanceof Tensor) {
    if (idx.shape.length !== 1) {
      throw AnsatzError.expected(
        "bad-shape",
        `${op} indices`,
        "a 1-d tensor",
        `shape ${formatShape(idx.shape)}`,
      );
    }
    src = idx.data;
  } else if (idx !== null && typeof idx === "object" && typeof idx.length === "number") {
    src = idx;
  } else {
    throw AnsatzError.expected("bad-argument", `${op} indices`, "an array of integers", String(idx));
  }
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= n) {
      throw AnsatzError.expected(
        "bad-value",
        `${op} indices[${i}]`,
        `an integer in [0, ${n - 1}]`,
        String(v),
      );
    }
    out[i] = v;
  }
  return out;
}

/** Entries of x at `indices` along `axis` (default 0: rows); output axis size = indices.length. */
export function gather(x: Tensor, indices: Indices, axis = 0): Tensor {
  needTensor("gather", x);
  const ax = normAxis("gather", axis, x.shape.length);
  const n = x.shape[ax]!;
  const idx = toIndices("gather", indices, n);
  let outer = 1;
  let inner = 1;
  for (let d = 0; d < ax; d++) outer *= x.shape[d]!;
  for (let d = ax + 1; d < x.shape.length; d++) inner *= x.shape[d]!;
  const m = idx.length;
  const sh = x.shape.slice();
  sh[ax] = m;
  const od = alloc(x.dtype, outer * m * inner);
  const xd = x.data;
  for (let p = 0; p < outer; p++) {
    for (let k = 0; k < m; k++) {
      const from = (p * n + idx[k]!) * inner;
      od.set(xd.subarray(from, from + inner), (p * m + k) * inner);
    }
  }
  const out = new Tensor(od, sh);
  if (tracked(x)) {
    record(out, (g) => {
      const gx = gradBuffer(x);
      for (let p = 0; p < outer; p++) {
        for (let k = 0; k < m; k++) {
          const to = (p * n + idx[k]!) * inner;
          const from = (p * m + k) * inner;
          for (let i = 0; i < inner; i++) gx[to + i]! += g[from + i]!;
        }
      }
    });
  }
  return out;
}

/** One-hot rows: shape [labels.length, numClasses], 1 at each label (a constant). */
export function oneHot(labels: Indices, numClasses: number, dtype: DType = "float64"): Tensor {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw AnsatzError.expected("bad-value", "oneHot numClasses", "an integer >= 1", String(numClasses));
  }
  const idx = toIndices("oneHot", labels, numClasses);
  const od = alloc(dtype, idx.length * numClasses);
  for (let i = 0; i < idx.length; i++) od[i * numClasses + idx[i]!] = 1;
  return new Tensor(od, [idx.length, numClasses]);
}
