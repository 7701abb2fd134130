// Tests of src/methods/vae-meanfield/hopfield.ts and hopfield-samplers.ts (spec §1.4, §1.6, §2.1): energy,
// HS weight (normalisation identity), exact enumeration (gauge-equivalence to Curie–Weiss at P = 1), and the
// samplers against enumerated correlations (A1), retrieval overlaps and the symmetry of the 2P states.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { curieWeiss, cwLogZ, cwPairCorrelation } from "../../../src/methods/vae-meanfield/curie-weiss.ts";
import {
  hopfield,
  hopfieldEnergy,
  hopfieldExact,
  hsLogWeight,
  randomPatterns,
  retrievalOverlap,
} from "../../../src/methods/vae-meanfield/hopfield.ts";
import {
  type HopfieldSamplerStats,
  hopfieldBlockGibbs,
  sampleHopfield,
} from "../../../src/methods/vae-meanfield/hopfield-samplers.ts";

/** max_{i<j} |mean over rows of s_i s_j − exact| */
function maxCorrError(samples: Mat, exact: Mat): number {
  const n = samples.cols;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let c = 0;
      for (let r = 0; r < samples.rows; r++) c += samples.data[r * n + i]! * samples.data[r * n + j]!;
      worst = Math.max(worst, Math.abs(c / samples.rows - exact.data[i * n + j]!));
    }
  }
  return worst;
}

/**
 * Per sample: the class 2μ + [m_μ < 0] of the largest |m_μ| (ties, frequent at N = 64 where m_μ ∈ Z/32, share
 * the sample equally; all-zero overlaps count 1/2P to every class), and the mean of max_μ |m_μ|.
 */
function retrievalClasses(
  model: { n: number; p: number; patterns: Mat },
  s: Mat,
): { freq: number[]; meanMax: number } {
  const { n, p } = model;
  const counts = new Array<number>(2 * p).fill(0);
  const o = new Float64Array(p);
  let total = 0;
  for (let r = 0; r < s.rows; r++) {
    let best = 0;
    for (let mu = 0; mu < p; mu++) {
      let v = 0;
      for (let i = 0; i < n; i++) v += model.patterns.data[i * p + mu]! * s.data[r * n + i]!;
      o[mu] = v; // integer overlap N·m_μ: exact ties
      best = Math.max(best, Math.abs(v));
    }
    total += best / n;
    if (best === 0) {
      for (let c = 0; c < 2 * p; c++) counts[c]! += 1 / (2 * p);
      continue;
    }
    const tied: number[] = [];
    for (let mu = 0; mu < p; mu++) if (Math.abs(o[mu]!) === best) tied.push(2 * mu + (o[mu]! < 0 ? 1 : 0));
    for (const c of tied) counts[c]! += 1 / tied.length;
  }
  return { freq: counts.map((c) => c / s.rows), meanMax: total / s.rows };
}

/** N × 3 patterns in which each of the 8 rows of {±1}^3 appears N/8 times (full hyperoctahedral symmetry). */
function balancedPatterns(n: number): Mat {
  const out = new Mat(n, 3);
  for (let i = 0; i < n; i++)
    for (let mu = 0; mu < 3; mu++) out.data[i * 3 + mu] = ((i % 8) >> mu) & 1 ? 1 : -1;
  return out;
}

test("energy −(1/2N) Σ_μ (ξ^μ·s)² equals −½ Σ_ij J_ij s_i s_j with J = ΞΞᵀ/N", () => {
  const rng = new Rng(1);
  const model = hopfield(randomPatterns(9, 3, rng), 1);
  const s = Array.from({ length: 9 }, () => (rng.uniform() < 0.5 ? -1 : 1));
  let pair = 0;
  for (let i = 0; i < 9; i++) {
    for (let j = 0; j < 9; j++) {
      let jij = 0;
      for (let mu = 0; mu < 3; mu++) jij += model.patterns.get(i, mu) * model.patterns.get(j, mu);
      pair += (jij / 9) * s[i]! * s[j]!;
    }
  }
  const e = hopfieldEnergy(model, s);
  assert.ok(Math.abs(e + pair / 2) < 1e-12, `H = ${e}, −½ sᵀJs = ${-pair / 2}`);
  // Retrieval state s = ξ^1 of a single pattern: H = −N/2 exactly.
  const one = hopfield(randomPatterns(8, 1, rng), 2);
  assert.equal(hopfieldEnergy(one, one.patterns.col(0)), -4);
});

test("HS identity: log Z = log ∫ w(m) dm + (P/2) log(Nβ/2π), P = 1 and P = 2 by quadrature (1e-8)", () => {
  const rng = new Rng(2);
  for (const p of [1, 2]) {
    const model = hopfield(randomPatterns(10, p, rng), 1.3);
    const h = p === 1 ? 1e-3 : 1e-2;
    const lim = 3;
    const steps = Math.round((2 * lim) / h);
    const m = new Float64Array(p);
    let integral = 0;
    if (p === 1) {
      for (let a = 0; a <= steps; a++) {
        m[0] = -lim + a * h;
        integral += Math.exp(hsLogWeight(model, m)) * h; // endpoints are ~e^-50: trapezoid = sum
      }
    } else {
      for (let a = 0; a <= steps; a++) {
        for (let b = 0; b <= steps; b++) {
          m[0] = -lim + a * h;
          m[1] = -lim + b * h;
          integral += Math.exp(hsLogWeight(model, m)) * h * h;
        }
      }
    }
    const viaHs = Math.log(integral) + (p / 2) * Math.log((10 * 1.3) / (2 * Math.PI));
    const exact = hopfieldExact(model).logZ;
    assert.ok(Math.abs(viaHs - exact) < 1e-8, `P = ${p}: HS ${viaHs} vs enumeration ${exact}`);
  }
});

test("P = 1 is gauge-equivalent to Curie–Weiss: log Z and ⟨s_i s_j⟩ = ξ_i ξ_j ⟨s s⟩_CW (1e-12)", () => {
  const model = hopfield(randomPatterns(12, 1, new Rng(3)), 1.4);
  const ex = hopfieldExact(model);
  const cw = curieWeiss(12, 1.4);
  assert.ok(Math.abs(ex.logZ - cwLogZ(cw)) < 1e-12, `logZ ${ex.logZ} vs CW ${cwLogZ(cw)}`);
  const c = cwPairCorrelation(cw);
  let worst = 0;
  for (let i = 0; i < 12; i++) {
    worst = Math.max(worst, Math.abs(ex.mean[i]!));
    for (let j = 0; j < 12; j++) {
      const want = i === j ? 1 : model.patterns.get(i, 0) * model.patterns.get(j, 0) * c;
      worst = Math.max(worst, Math.abs(ex.corr.get(i, j) - want));
    }
  }
  assert.ok(worst < 1e-12, `max deviation ${worst}`);
});

test("A1: N = 12, P = 2, β = 1.5: grid-MH sampler (2e5) and block Gibbs (2e5) vs enumeration, < 0.015", (t) => {
  // Measured: sampler max |Δ⟨s_i s_j⟩| = 0.0057 (MH acceptance 0.946), block Gibbs 0.0079.
  const rng = new Rng(4);
  const model = hopfield(randomPatterns(12, 2, rng), 1.5);
  const exact = hopfieldExact(model).corr;
  const stats = {} as HopfieldSamplerStats;
  const x = sampleHopfield(model, 200000, rng, { stats });
  assert.equal(stats.method, "grid");
  assert.ok(stats.acceptRate > 0.8, `grid MH acceptance ${stats.acceptRate}`);
  const e1 = maxCorrError(x, exact);
  assert.ok(e1 < 0.015, `sampleHopfield max |Δ corr| = ${e1}`);
  const g = hopfieldBlockGibbs(model, 200000, rng);
  const e2 = maxCorrError(g, exact);
  t.diagnostic(
    `grid MH ${e1.toFixed(4)} (acceptance ${stats.acceptRate.toFixed(3)}), block Gibbs ${e2.toFixed(4)}`,
  );
  assert.ok(e2 < 0.015, `hopfieldBlockGibbs max |Δ corr| = ${e2}`);
});

test("P = 4 (mixture-MH path): N = 12, β = 1.5, 5e4 samples vs enumeration, < 0.03", (t) => {
  // Measured max |Δ⟨s_i s_j⟩| = 0.016 at acceptance 0.50 (SE per pair ≈ 0.006 at this acceptance).
  const rng = new Rng(5);
  const model = hopfield(randomPatterns(12, 4, rng), 1.5);
  const exact = hopfieldExact(model).corr;
  const stats = {} as HopfieldSamplerStats;
  const x = sampleHopfield(model, 50000, rng, { stats });
  assert.equal(stats.method, "mixture");
  assert.ok(stats.acceptRate > 0.3, `mixture MH acceptance ${stats.acceptRate}`);
  const err = maxCorrError(x, exact);
  t.diagnostic(`max |Δ corr| ${err.toFixed(4)}, acceptance ${stats.acceptRate.toFixed(3)}`);
  assert.ok(err < 0.03, `P = 4 max |Δ corr| = ${err}`);
});

test("retrieval: N = 64, P = 3, T = 0.8: 20 000 samples fast, 2P states equally visited, max|m| → m*", (t) => {
  // m* = tanh(1.25 m*) = 0.7104. Balanced patterns (each ±1 row N/8 times) make all 6 retrieval states
  // exactly equiprobable by symmetry: each class frequency 1/6 (SE 0.003 at 20k; measured 0.163–0.172).
  // Finite N lowers ⟨max|m|⟩: measured 0.572 at N = 64 (mixture-MH 0.572) and 0.700 at N = 1024.
  const mStar = retrievalOverlap(1.25);
  assert.ok(
    Math.abs(mStar - Math.tanh(1.25 * mStar)) < 1e-14 && mStar > 0.71 && mStar < 0.711,
    `m* ${mStar}`,
  );
  const rng = new Rng(6);
  const model = hopfield(balancedPatterns(64), 1.25);
  const t0 = performance.now();
  const stats = {} as HopfieldSamplerStats;
  const x = sampleHopfield(model, 20000, rng, { stats });
  const ms = performance.now() - t0;
  const { freq, meanMax } = retrievalClasses(model, x);
  t.diagnostic(
    `${ms.toFixed(0)} ms, acceptance ${stats.acceptRate.toFixed(3)}, classes ${freq.map((f) => f.toFixed(4)).join(" ")}, ⟨max|m|⟩ ${meanMax.toFixed(4)}`,
  );
  for (const f of freq) assert.ok(Math.abs(f - 1 / 6) < 0.015, `class frequencies ${freq.join(", ")}`);
  assert.ok(meanMax > 0.5 && meanMax < mStar, `N = 64 mean max|m| ${meanMax} (m* = ${mStar})`);
  // Same law from the other two samplers (checks exactness at a size enumeration cannot reach).
  const mix = retrievalClasses(model, sampleHopfield(model, 20000, rng, { method: "mixture" })).meanMax;
  assert.ok(Math.abs(mix - meanMax) < 0.01, `mixture MH ${mix} vs grid MH ${meanMax}`);
  const big = hopfield(balancedPatterns(1024), 1.25);
  const bigMax = retrievalClasses(big, sampleHopfield(big, 3000, rng)).meanMax;
  t.diagnostic(`mixture ⟨max|m|⟩ ${mix.toFixed(4)}, N = 1024 ${bigMax.toFixed(4)}`);
  assert.ok(Math.abs(bigMax - mStar) < 0.03, `N = 1024 mean max|m| ${bigMax} vs m* ${mStar}`);
  // Random patterns: the ± states of each pattern stay equally likely (s → −s symmetry), within 0.02.
  const rnd = hopfield(randomPatterns(64, 3, rng), 1.25);
  const rf = retrievalClasses(rnd, sampleHopfield(rnd, 20000, rng)).freq;
  t.diagnostic(`random patterns: classes ${rf.map((f) => f.toFixed(4)).join(" ")}`);
  for (let mu = 0; mu < 3; mu++) {
    assert.ok(
      Math.abs(rf[2 * mu]! - rf[2 * mu + 1]!) < 0.02,
      `± frequencies of pattern ${mu}: ${rf.join(", ")}`,
    );
  }
});

test("deterministic for a seed; bad input throws AnsatzError", () => {
  const model = hopfield(randomPatterns(10, 2, new Rng(7)), 1.2);
  const a = sampleHopfield(model, 50, new Rng(8));
  const b = sampleHopfield(model, 50, new Rng(8));
  assert.deepEqual(a.data, b.data);
  assert.throws(() => hopfield(Mat.from([[1], [0.5]]), 1), AnsatzError);
  assert.throws(() => hopfield(Mat.from([[1]]), 1), AnsatzError);
  assert.throws(() => hopfield(Mat.from([[1], [-1]]), 0), AnsatzError);
  assert.throws(() => hopfieldEnergy(model, [1, 1]), AnsatzError);
  assert.throws(() => hsLogWeight(model, [0.1]), AnsatzError);
  assert.throws(() => hopfieldExact(hopfield(randomPatterns(21, 1, new Rng(9)), 1)), AnsatzError);
  assert.throws(() => hopfieldBlockGibbs(model, 5, new Rng(1), { init: new Float64Array(10) }), AnsatzError);
  assert.throws(() => sampleHopfield(model, -1, new Rng(1)), AnsatzError);
});
