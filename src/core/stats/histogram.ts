// Histograms with exactly numpy's `np.histogram(values, bins=<int>, range=...)` semantics
// (numpy 2.x, numpy/lib/_histograms_impl.py: `_get_outer_edges`, `_get_bin_edges`, and the
// uniform-bins fast path of `histogram`), so that scores built on histograms reproduce a numpy
// reference to the last digit:
// - outer edges: `range` if given (must be finite, lo <= hi), else [min, max] of the values
//   ([0, 1] when there are none); when lo == hi they become lo - 0.5, hi + 0.5;
// - edges = np.linspace(lo, hi, bins + 1): i·step + lo with step = (hi - lo) / bins (or
//   (i / bins)·(hi - lo) + lo when step underflows to 0), the last edge set to hi exactly;
// - only values with lo <= x <= hi count; index = trunc(((x - lo) / (hi - lo))·bins), index == bins
//   becomes bins - 1, then one decrement if x < edges[index] and one increment if
//   x >= edges[index + 1] and index != bins - 1: every bin is [e_i, e_{i+1}) except the last, which
//   is closed. (Older numpy computed (x - lo)·(bins / (hi - lo)); the edge corrections make the
//   counts the same either way.)
// histogramDensity divides as numpy's density=True does: counts / diff(edges) / sum(counts).
import { assertFinite, assertInt } from "../check.ts";
import { AnsatzError } from "../errors.ts";

export interface Histogram {
  /** counts[i] = number of values in bin i (a probability density for histogramDensity). */
  counts: Float64Array;
  /** bins + 1 edges, ascending. */
  edges: Float64Array;
}

/** `np.linspace(start, stop, num)` (endpoint=True), bit for bit. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  assertInt(num, "linspace(num)", 0);
  const y = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  if (div > 0) {
    const step = delta / div;
    if (step === 0) {
      for (let i = 0; i < num; i++) y[i] = (i / div) * delta + start;
    } else {
      for (let i = 0; i < num; i++) y[i] = i * step + start;
    }
    y[num - 1] = stop;
  } else if (num === 1) {
    y[0] = 0 * delta + start;
  }
  return y;
}

function outerEdges(
  values: ArrayLike<number>,
  range: readonly [number, number] | undefined,
): [number, number] {
  let lo: number;
  let hi: number;
  if (range !== undefined) {
    [lo, hi] = range;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw AnsatzError.expected(
        "not-finite",
        "histogram(range)",
        "a finite range [lo, hi]",
        `[${lo}, ${hi}]`,
      );
    }
    if (lo > hi) {
      throw AnsatzError.expected("bad-value", "histogram(range)", "lo <= hi", `[${lo}, ${hi}]`);
    }
  } else if (values.length === 0) {
    lo = 0;
    hi = 1;
  } else {
    lo = values[0]!;
    hi = values[0]!;
    for (let i = 1; i < values.length; i++) {
      const v = values[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === hi) {
    lo = lo - 0.5;
    hi = hi + 0.5;
  }
  return [lo, hi];
}

/** Counts of `values` in `bins` equal-width bins over `range` (default [min, max]), exactly as `np.histogram`. */
export function histogram(
  values: ArrayLike<number>,
  bins: number,
  range?: readonly [number, number],
): Histogram {
  assertInt(bins, "histogram(bins)", 1);
  assertFinite(values, "histogram(values)");
  const [lo, hi] = outerEdges(values, range);
  const edges = linspace(lo, hi, bins + 1);
  for (let i = 0; i < bins; i++) {
    if (!(edges[i]! < edges[i + 1]!)) {
      throw AnsatzError.expected(
        "bad-value",
        "histogram(bins)",
        `a bin count that gives finite-sized bins over [${lo}, ${hi}]`,
        `${bins} bins`,
      );
    }
  }
  const counts = new Float64Array(bins);
  const denom = hi - lo;
  for (let k = 0; k < values.length; k++) {
    const x = values[k]!;
    if (!(x >= lo && x <= hi)) continue;
    let idx = Math.trunc(((x - lo) / denom) * bins);
    if (idx === bins) idx -= 1;
    if (x < edges[idx]!) idx -= 1;
    if (x >= edges[idx + 1]! && idx !== bins - 1) idx += 1;
    counts[idx] = counts[idx]! + 1;
  }
  return { counts, edges };
}

/** Histogram normalised to a density (integral 1), as `np.histogram(..., density=True)`. */
export function histogramDensity(
  values: ArrayLike<number>,
  bins: number,
  range?: readonly [number, number],
): Histogram {
  const h = histogram(values, bins, range);
  let total = 0;
  for (let i = 0; i < bins; i++) total += h.counts[i]!;
  if (total === 0) {
    throw AnsatzError.expected(
      "too-little-data",
      "histogramDensity(values)",
      `at least one value inside [${h.edges[0]}, ${h.edges[bins]}]`,
      "none",
    );
  }
  for (let i = 0; i < bins; i++) h.counts[i] = h.counts[i]! / (h.edges[i + 1]! - h.edges[i]!) / total;
  return h;
}
