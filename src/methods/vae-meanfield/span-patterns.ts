// Read-out 2 of spec vae-meanfield.md §2.4 with a binarity-maximising rotation (the spec's second option,
// reconstructed here): the K patterns are the ±1 vectors in span(W). With Q an orthonormal basis of span(W)
// (N × K), every unit vector v = Q a has ‖v‖₁ ≤ √N with equality iff all |v_i| = 1/√N, i.e. v ∝ a ±1
// vector; for a Hopfield decoder W ∝ Ξ T the patterns ξ^μ/√N are exactly such maximisers. We maximise
// ‖Q a‖₁ over ‖a‖ = 1 by the fixed-point iteration a ← normalise(Qᵀ sign(Q a)) (a subgradient ascent of a
// convex function on the sphere: the objective never decreases), from many random starts, and keep the K
// best distinct local maxima (|overlap| < 0.9 with the ones already kept), best first. The returned
// binarity b = ‖Q a‖₁/√N is 1 for a pattern exactly in the span.
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { orthonormalBasis } from "./principal-angles.ts";

export interface SpanPatterns {
  /** N × Q ±1 patterns (Q ≤ K), best first. */
  patterns: Mat;
  /** ‖P_span ξ̂‖₁-binarity of each (1 = exactly in the span). */
  binarity: number[];
}

/** The K most binary directions of span(W) as ±1 patterns. */
export function binaryPatternsInSpan(
  w: Mat,
  k: number,
  rng: Rng,
  opts: { restarts?: number } = {},
): SpanPatterns {
  assertInt(k, "binaryPatternsInSpan k", 1);
  const q = orthonormalBasis(w, "binaryPatternsInSpan W");
  const n = q.rows;
  const r = q.cols;
  if (r === 0)
    throw AnsatzError.expected("bad-value", "binaryPatternsInSpan W", "a nonzero matrix", "rank 0");
  const restarts = opts.restarts ?? 16 * Math.max(k, r);
  const found: { s: Int8Array; b: number }[] = [];
  const a = new Float64Array(r);
  const v = new Float64Array(n);
  const s = new Int8Array(n);
  for (let t = 0; t < restarts; t++) {
    for (let j = 0; j < r; j++) a[j] = rng.normal();
    for (let it = 0; it < 200; it++) {
      for (let i = 0; i < n; i++) {
        let x = 0;
        for (let j = 0; j < r; j++) x += q.data[i * r + j]! * a[j]!;
        v[i] = x;
      }
      let changed = false;
      for (let i = 0; i < n; i++) {
        const si = v[i]! < 0 ? -1 : 1;
        if (si !== s[i]) changed = true;
        s[i] = si;
      }
      let norm = 0;
      for (let j = 0; j < r; j++) {
        let x = 0;
        for (let i = 0; i < n; i++) x += q.data[i * r + j]! * s[i]!;
        a[j] = x;
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (let j = 0; j < r; j++) a[j]! /= norm;
      if (!changed && it > 0) break;
    }
    // binarity of the sign vector: ‖Qᵀ s‖ / √N (= 1 iff s is in the span)
    let proj = 0;
    for (let j = 0; j < r; j++) {
      let x = 0;
      for (let i = 0; i < n; i++) x += q.data[i * r + j]! * s[i]!;
      proj += x * x;
    }
    const b = Math.sqrt(proj / n);
    const canon = Int8Array.from(s);
    if (canon[0]! < 0) for (let i = 0; i < n; i++) canon[i] = -canon[i]! as -1 | 1;
    if (!found.some((f) => f.s.every((x, i) => x === canon[i]))) found.push({ s: canon, b });
  }
  found.sort((x, y) => y.b - x.b);
  const kept: { s: Int8Array; b: number }[] = [];
  for (const f of found) {
    if (kept.length >= k) break;
    const distinct = kept.every((g) => {
      let o = 0;
      for (let i = 0; i < n; i++) o += g.s[i]! * f.s[i]!;
      return Math.abs(o) / n < 0.9;
    });
    if (distinct) kept.push(f);
  }
  const patterns = new Mat(n, kept.length);
  kept.forEach((f, c) => {
    for (let i = 0; i < n; i++) patterns.data[i * kept.length + c] = f.s[i]!;
  });
  return { patterns, binarity: kept.map((f) => f.b) };
}
