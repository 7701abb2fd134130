// Statistics of spin samples for the generative checks (spec vae-meanfield.md §2.4 "Generative checks",
// tests A2, A5–A8): pairwise correlations ⟨s_i s_j⟩, their max/mean absolute difference over i < j, the
// magnetisation distribution P(k) (k = number of up spins), total variation ½ Σ|p − q|, pattern overlaps
// m_μ = (1/N) Σ_i ξ_i^μ s_i (§1.4), and the 0/1 ↔ ±1 encodings x = (1 + s)/2 (§1.3).
// Samples are a Mat with one row per sample and N columns.
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";

function requireRows(x: Mat, where: string): void {
  if (x.rows < 1) throw AnsatzError.expected("too-little-data", where, "at least 1 sample (row)", "0 rows");
}

function badEntry(x: Mat, k: number, where: string, expected: string): AnsatzError {
  const i = Math.floor(k / x.cols);
  return AnsatzError.expected(
    "bad-value",
    `${where} row ${i}, column ${k - i * x.cols}`,
    expected,
    String(x.data[k]),
  );
}

/** Rows per block of the blocked XᵀX: 6 column segments of this length stay in L1 cache. */
const ROW_BLOCK = 512;

/** acc[o + k] += s_k for k < min(4, room). */
function addRow(
  acc: Float64Array,
  o: number,
  room: number,
  s0: number,
  s1: number,
  s2: number,
  s3: number,
): void {
  acc[o] = acc[o]! + s0;
  if (room > 1) acc[o + 1] = acc[o + 1]! + s1;
  if (room > 2) acc[o + 2] = acc[o + 2]! + s2;
  if (room > 3) acc[o + 3] = acc[o + 3]! + s3;
}

/**
 * ⟨s_i s_j⟩ over rows (N × N, symmetric): XᵀX / rows, blocked over rows, with 2 × 4 register tiles over
 * the contiguous columns of Xᵀ (tiles on or above the diagonal only; their lower-triangle parts are
 * discarded).
 */
export function pairCorrelations(x: Mat): Mat {
  requireRows(x, "pairCorrelations(x)");
  const m = x.rows;
  const n = x.cols;
  const t = x.transpose().data; // N × M: column j of x is contiguous
  const acc = new Float64Array(n * n);
  const last = n - 1;
  for (let r0 = 0; r0 < m; r0 += ROW_BLOCK) {
    const r1 = Math.min(m, r0 + ROW_BLOCK);
    for (let i = 0; i < n; i += 2) {
      const a0 = i * m;
      const a1 = Math.min(i + 1, last) * m;
      for (let j = i - (i % 4); j < n; j += 4) {
        const b0 = j * m;
        const b1 = Math.min(j + 1, last) * m;
        const b2 = Math.min(j + 2, last) * m;
        const b3 = Math.min(j + 3, last) * m;
        let s00 = 0;
        let s01 = 0;
        let s02 = 0;
        let s03 = 0;
        let s10 = 0;
        let s11 = 0;
        let s12 = 0;
        let s13 = 0;
        for (let r = r0; r < r1; r++) {
          const u = t[a0 + r]!;
          const v = t[a1 + r]!;
          const p0 = t[b0 + r]!;
          const p1 = t[b1 + r]!;
          const p2 = t[b2 + r]!;
          const p3 = t[b3 + r]!;
          s00 += u * p0;
          s01 += u * p1;
          s02 += u * p2;
          s03 += u * p3;
          s10 += v * p0;
          s11 += v * p1;
          s12 += v * p2;
          s13 += v * p3;
        }
        addRow(acc, i * n + j, n - j, s00, s01, s02, s03);
        if (i + 1 < n) addRow(acc, (i + 1) * n + j, n - j, s10, s11, s12, s13);
      }
    }
  }
  const out = new Mat(n, n);
  const inv = 1 / m;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const c = acc[i * n + j]! * inv;
      out.data[i * n + j] = c;
      out.data[j * n + i] = c;
    }
  }
  return out;
}

/** Max and mean of |a_ij − b_ij| over i < j (a, b square of the same size, N ≥ 2). */
export function correlationError(a: Mat, b: Mat): { max: number; mean: number } {
  const n = a.rows;
  if (a.cols !== n || b.rows !== n || b.cols !== n || n < 2) {
    throw AnsatzError.expected(
      "bad-shape",
      "correlationError(a, b)",
      "two N × N matrices of the same size, N ≥ 2",
      `${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  let max = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const e = Math.abs(a.data[i * n + j]! - b.data[i * n + j]!);
      if (!(e <= max)) max = e; // NaN propagates
      sum += e;
    }
  }
  return { max, mean: sum / ((n * (n - 1)) / 2) };
}

/** Empirical P(k), k = number of +1 entries per row (±1 input), length N + 1, summing to 1. */
export function magnetisationPmf(x: Mat): Float64Array {
  requireRows(x, "magnetisationPmf(x)");
  const n = x.cols;
  const counts = new Float64Array(n + 1);
  const d = x.data;
  for (let r = 0; r < x.rows; r++) {
    let k = 0;
    for (let j = r * n; j < (r + 1) * n; j++) {
      const v = d[j]!;
      if (v === 1) k++;
      else if (v !== -1) throw badEntry(x, j, "magnetisationPmf(x)", "±1");
    }
    counts[k] = counts[k]! + 1;
  }
  for (let k = 0; k <= n; k++) counts[k] = counts[k]! / x.rows;
  return counts;
}

/** Total variation distance ½ Σ_k |p_k − q_k| (same lengths). */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) {
    throw AnsatzError.expected("bad-shape", "totalVariation(p, q)", `q of length ${p.length}`, `${q.length}`);
  }
  let s = 0;
  for (let k = 0; k < p.length; k++) s += Math.abs(p[k]! - q[k]!);
  return 0.5 * s;
}

/** m_μ = (1/N) Σ_i ξ_i^μ s_i for each row of x (rows × N) and pattern column of `patterns` (N × P). */
export function patternOverlaps(x: Mat, patterns: Mat): Mat {
  if (patterns.rows !== x.cols || x.cols < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      "patternOverlaps(patterns)",
      `${x.cols} rows (one per site of x ${formatShape(x.shape)})`,
      formatShape(patterns.shape),
    );
  }
  const out = x.matmul(patterns);
  const inv = 1 / x.cols;
  for (let k = 0; k < out.data.length; k++) out.data[k] = out.data[k]! * inv;
  return out;
}

/** 0/1 → ±1: s = 2x − 1 (every entry must be 0 or 1). */
export function toPm1(x01: Mat): Mat {
  const out = new Mat(x01.rows, x01.cols);
  const d = x01.data;
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    if (v !== 0 && v !== 1) throw badEntry(x01, k, "toPm1(x)", "0 or 1");
    out.data[k] = 2 * v - 1;
  }
  return out;
}

/** ±1 → 0/1: x = (1 + s)/2 (every entry must be −1 or +1). */
export function to01(xpm: Mat): Mat {
  const out = new Mat(xpm.rows, xpm.cols);
  const d = xpm.data;
  for (let k = 0; k < d.length; k++) {
    const v = d[k]!;
    if (v !== 1 && v !== -1) throw badEntry(xpm, k, "to01(x)", "±1");
    out.data[k] = (1 + v) / 2;
  }
  return out;
}
