// The mean-field baseline of the spin challenges: naive mean-field inverse Ising (Kappen & Rodríguez,
// Neural Computation 10, 1137 (1998); Tanaka, PRE 58, 2302 (1998)). From the magnetisations m_i = ⟨s_i⟩
// and the connected correlations C_ij = ⟨s_i s_j⟩ − m_i m_j of ±1 data:
//   J_ij = −(C⁻¹)_ij (i ≠ j), J_ii = 0,   h_i = atanh(m_i) − Σ_j J_ij m_j,
// for p(s) ∝ exp(Σ_{i<j} J_ij s_i s_j + Σ_i h_i s_i) (β absorbed). Samples come from heat-bath Gibbs
// sweeps, P(s_i = +1 | rest) = σ(2(h_i + Σ_j J_ij s_j)), on many chains from random starts.
// A small ridge (C + εI) keeps C invertible for finite samples; m_i is clamped inside (−1, 1).
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { inverse } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";

export interface IsingModel {
  /** Couplings J (N × N, symmetric, zero diagonal). */
  j: Mat;
  /** Fields h (length N). */
  h: Float64Array;
}

/** Naive mean-field couplings and fields from ±1 samples [rows, N]. */
export function naiveMeanField(x: Mat, opts: { ridge?: number } = {}): IsingModel {
  const n = x.cols;
  const rows = x.rows;
  if (rows < 2)
    throw AnsatzError.expected("too-little-data", "naiveMeanField samples", "at least 2 rows", `${rows}`);
  const ridge = opts.ridge ?? 1e-3;
  const m = new Float64Array(n);
  const c = new Mat(n, n);
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) {
      const si = x.data[o + i]!;
      m[i]! += si;
      const ci = i * n;
      for (let k = i; k < n; k++) c.data[ci + k]! += si * x.data[o + k]!;
    }
  }
  for (let i = 0; i < n; i++) m[i]! /= rows;
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      const v = c.data[i * n + k]! / rows - m[i]! * m[k]! + (i === k ? ridge : 0);
      c.data[i * n + k] = v;
      c.data[k * n + i] = v;
    }
  }
  const inv = inverse(c);
  const j = new Mat(n, n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) if (i !== k) j.data[i * n + k] = -inv.data[i * n + k]!;
  const h = new Float64Array(n);
  const lim = 1 - 1e-6;
  for (let i = 0; i < n; i++) {
    const mi = Math.min(lim, Math.max(-lim, m[i]!));
    let s = 0;
    for (let k = 0; k < n; k++) s += j.data[i * n + k]! * m[k]!;
    h[i] = Math.atanh(mi) - s;
  }
  return { j, h };
}

export interface GibbsOptions {
  /** Independent chains from random starts (default 100). */
  chains?: number;
  /** Sweeps discarded at the start of each chain (default 200). */
  burnIn?: number;
  /** Sweeps between kept samples (default 5). */
  thin?: number;
}

/** `count` ±1 samples of an Ising model by heat-bath Gibbs sweeps; rows cycle through the chains. */
export function sampleIsingGibbs(model: IsingModel, count: number, rng: Rng, opts: GibbsOptions = {}): Mat {
  assertInt(count, "sampleIsingGibbs count", 1);
  const chains = Math.min(opts.chains ?? 100, count);
  const burnIn = opts.burnIn ?? 200;
  const thin = opts.thin ?? 5;
  assertInt(chains, "chains", 1);
  assertInt(burnIn, "burnIn", 0);
  assertInt(thin, "thin", 1);
  const n = model.h.length;
  const jd = model.j.data;
  const out = new Mat(count, n);
  const s = new Float64Array(n);
  const field = new Float64Array(n);
  const perChain = Math.ceil(count / chains);
  for (let c = 0; c < chains; c++) {
    for (let i = 0; i < n; i++) s[i] = rng.uniform() < 0.5 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let f = model.h[i]!;
      for (let k = 0; k < n; k++) f += jd[i * n + k]! * s[k]!;
      field[i] = f;
    }
    const sweep = () => {
      for (let i = 0; i < n; i++) {
        const up = rng.uniform() * (1 + Math.exp(-2 * field[i]!)) < 1;
        const v = up ? 1 : -1;
        const d = v - s[i]!;
        if (d !== 0) {
          s[i] = v;
          const ro = i * n;
          for (let k = 0; k < n; k++) field[k]! += jd[ro + k]! * d;
        }
      }
    };
    for (let t = 0; t < burnIn; t++) sweep();
    for (let r = 0; r < perChain; r++) {
      const row = r * chains + c;
      if (row >= count) break;
      for (let t = 0; t < thin; t++) sweep();
      out.data.set(s, row * n);
    }
  }
  return out;
}

/** Samples of the independent-site model (product of the empirical marginals), the K = 0 floor. */
export function sampleIndependentSites(x: Mat, count: number, rng: Rng): Mat {
  assertInt(count, "sampleIndependentSites count", 1);
  const n = x.cols;
  const p = new Float64Array(n);
  for (let r = 0; r < x.rows; r++) for (let i = 0; i < n; i++) if (x.data[r * n + i]! > 0) p[i]! += 1;
  for (let i = 0; i < n; i++) p[i]! /= x.rows;
  const out = new Mat(count, n);
  for (let r = 0; r < count; r++)
    for (let i = 0; i < n; i++) out.data[r * n + i] = rng.uniform() < p[i]! ? 1 : -1;
  return out;
}
