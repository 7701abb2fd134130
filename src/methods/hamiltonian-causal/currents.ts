// Per-increment generalised currents j_a = b_a(x̄_t) · Δx_t (Stratonovich midpoint) for a vector-field
// basis: the features of the short-time TUR (spec §2.6 E5) and of linear NEEP (E6).
import type { VectorBasis } from "./basis.ts";
import type { Ensemble } from "./trajectory.ts";

/** Currents as an (nIncrements × N_b) row-major array, increments ordered path by path. */
export function basisCurrents(e: Ensemble, basis: VectorBasis): Float64Array {
  const d = e.dim;
  const nb = basis.size;
  const steps = e.nPoints - 1;
  const out = new Float64Array(e.nPaths * steps * nb);
  const B = new Float64Array(d * nb);
  const mid = new Float64Array(d);
  for (let p = 0; p < e.nPaths; p++) {
    for (let t = 0; t < steps; t++) {
      const o = (p * e.nPoints + t) * d;
      for (let i = 0; i < d; i++) mid[i] = 0.5 * (e.x[o + i]! + e.x[o + d + i]!);
      basis.eval(mid, B);
      const r = (p * steps + t) * nb;
      for (let i = 0; i < d; i++) {
        const dxi = e.x[o + d + i]! - e.x[o + i]!;
        for (let a = 0; a < nb; a++) out[r + a] = out[r + a]! + B[i * nb + a]! * dxi;
      }
    }
  }
  return out;
}

/** Contiguous block boundaries splitting n rows into k nearly equal blocks. */
export function blockBounds(n: number, k: number): number[] {
  const b: number[] = [];
  for (let i = 0; i <= k; i++) b.push(Math.round((i * n) / k));
  return b;
}
