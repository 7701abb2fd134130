// Quantiles and median with numpy's default semantics.
//
// quantile: numpy 2.x `np.quantile(x, q)` with method="linear" (Hyndman & Fan 1996, definition 7):
// virtual index v = (n - 1)·q, previous = floor(v), gamma = v - previous, interpolated with numpy's
// `_lerp` (a + (b - a)·t, or b - (b - a)·(1 - t) when t >= 0.5); v >= n - 1 gives the maximum.
// median: `np.median`, the middle value or the mean (a + b) / 2 of the two middle values.
import { assertFinite } from "../check.ts";
import { AnsatzError } from "../errors.ts";

function sortedCopy(x: ArrayLike<number>, where: string): Float64Array {
  if (x.length === 0) throw AnsatzError.expected("too-little-data", where, "at least 1 value", "0");
  assertFinite(x, where);
  return Float64Array.from(x).sort();
}

function checkQ(q: number, where: string): void {
  if (!(q >= 0 && q <= 1)) throw AnsatzError.expected("bad-value", where, "a number in [0, 1]", String(q));
}

/** Quantile of an ascending-sorted array, numpy "linear" method (no validation). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const v = (n - 1) * q;
  if (v >= n - 1) return sorted[n - 1]!;
  const prev = Math.floor(v);
  const a = sorted[prev]!;
  const b = sorted[prev + 1]!;
  const t = v - prev;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The q-quantile(s) of x, q in [0, 1], bit-identical to `np.quantile(x, q)` (method "linear"). */
export function quantile(x: ArrayLike<number>, q: number): number;
export function quantile(x: ArrayLike<number>, q: ArrayLike<number>): Float64Array;
export function quantile(x: ArrayLike<number>, q: number | ArrayLike<number>): number | Float64Array {
  const s = sortedCopy(x, "quantile(x)");
  if (typeof q === "number") {
    checkQ(q, "quantile(q)");
    return quantileSorted(s, q);
  }
  const out = new Float64Array(q.length);
  for (let i = 0; i < q.length; i++) {
    checkQ(q[i]!, `quantile(q[${i}])`);
    out[i] = quantileSorted(s, q[i]!);
  }
  return out;
}

/** Median of an ascending-sorted array, as `np.median` (no validation). */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/** Median of x, bit-identical to `np.median(x)`. */
export function median(x: ArrayLike<number>): number {
  return medianSorted(sortedCopy(x, "median(x)"));
}
