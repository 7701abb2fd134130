// Stochastic test §4.3.7 of spec hamiltonian-causal.md on S3 (overdamped curl trap, k = 1, ε = 0.3, D = 0.5):
// exact σ = 2ε²/k = 0.18, CE_KL rate vs ε = 0 = ε²/(2k) = 0.045, stationary variance D/k = 0.5.
// One long path τ = 20 000 (dt = 0.01, 10 Euler substeps) for the estimators; ensembles of both arms for
// the ATE-vs-EP claim (§2.3): zero ATE within error, EP difference ≥ 10 SE. Fixed seeds.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../../../src/core/random.ts";
import { polynomialBasis } from "../../../src/methods/hamiltonian-causal/basis.ts";
import { ateCumulative, ateEndpoint, girsanovKl } from "../../../src/methods/hamiltonian-causal/effects.ts";
import { knownModelEntropy } from "../../../src/methods/hamiltonian-causal/known-model-entropy.ts";
import { linearNeepEntropy } from "../../../src/methods/hamiltonian-causal/neep-entropy.ts";
import { sfiEntropy } from "../../../src/methods/hamiltonian-causal/sfi-entropy.ts";
import { simulateOverdamped } from "../../../src/methods/hamiltonian-causal/simulate.ts";
import { s3CurlTrap } from "../../../src/methods/hamiltonian-causal/systems.ts";
import { turEntropy } from "../../../src/methods/hamiltonian-causal/tur-entropy.ts";

const s3 = s3CurlTrap();
const long = simulateOverdamped(s3.model, s3.init, {
  nPaths: 1,
  nPoints: 2_000_001,
  dt: 0.01,
  substeps: 10,
  rng: new Rng(11),
});
const basis = polynomialBasis(2, "linear"); // N_b = 6

test("S3 estimators on one path τ = 20 000: known 0.18 ± 3 %, SFI/TUR/NEEP ± 10 %, Girsanov CE_KL 0.045 ± 5 %", () => {
  const known = knownModelEntropy(long, s3.model);
  assert.ok(Math.abs(known.rate - 0.18) < 0.03 * 0.18, `known ${known.rate} ± ${known.stderr}`);
  const sfi = sfiEntropy(long, basis);
  assert.equal(sfi.details?.basisSize, 6);
  // spec: SFI sd ≈ 0.0043 = sqrt(2·3600 + 144)/20 000
  assert.ok(Math.abs(sfi.stderr - 0.0043) < 0.0003, `sfi stderr ${sfi.stderr}`);
  assert.ok(Math.abs(sfi.rate - 0.18) < 0.1 * 0.18, `sfi ${sfi.rate} ± ${sfi.stderr}`);
  const tur = turEntropy(long, basis);
  assert.ok(Math.abs(tur.rate - 0.18) < 0.1 * 0.18, `tur ${tur.rate} ± ${tur.stderr}`);
  assert.ok(tur.stderr > 0.001 && tur.stderr < 0.02, `tur stderr ${tur.stderr}`);
  const neep = linearNeepEntropy(long, basis);
  assert.ok(Math.abs(neep.rate - 0.18) < 0.1 * 0.18, `neep ${neep.rate} ± ${neep.stderr}`);
  for (const r of [known, sfi, tur, neep]) assert.match(r.convention, /Δt = 0\.01/);
  const kl = girsanovKl(long, s3.model, s3.reference);
  assert.ok(Math.abs(kl.rate - 0.045) < 0.05 * 0.045, `CE_KL rate ${kl.rate} ± ${kl.stderr}`);
});

test("S3 equilibrium control (ε = 0): SFI and TUR EP consistent with 0 within 3 SE", () => {
  const eq = simulateOverdamped(s3.reference, s3.init, {
    nPaths: 1,
    nPoints: 500_001,
    dt: 0.01,
    substeps: 2,
    rng: new Rng(5),
  });
  const sfi = sfiEntropy(eq, basis);
  assert.ok(Math.abs(sfi.rate) < 3 * sfi.stderr, `sfi ${sfi.rate} ± ${sfi.stderr}`);
  const tur = turEntropy(eq, basis);
  assert.ok(Math.abs(tur.rate) < 3 * tur.stderr + 1e-4, `tur ${tur.rate} ± ${tur.stderr}`);
});

test("central claim (§2.3): curl control leaves marginals unchanged (ATE ≈ 0) while EP > 0 at ≥ 10 SE", () => {
  const opts = { nPaths: 2000, nPoints: 1001, dt: 0.01, substeps: 1 };
  const a = simulateOverdamped(s3.model, s3.init, { ...opts, rng: new Rng(21) });
  const b = simulateOverdamped(s3.reference, s3.init, { ...opts, rng: new Rng(22) });
  // marginal variance 0.5 ± 2 % in both arms (endpoint, all coordinates)
  for (const e of [a, b]) {
    let s = 0;
    for (let p = 0; p < e.nPaths; p++) {
      const o = (p * e.nPoints + e.nPoints - 1) * 2;
      s += e.x[o]! ** 2 + e.x[o + 1]! ** 2;
    }
    const v = s / (2 * e.nPaths);
    assert.ok(Math.abs(v - 0.5) < 0.02 * 0.5 + 3 * 0.5 * Math.sqrt(2 / (2 * e.nPaths)), `variance ${v}`);
  }
  const f = (x: Float64Array) => x[0]! * x[0]!;
  const end = ateEndpoint(a, b, f);
  const cum = ateCumulative(a, b, f);
  assert.ok(Math.abs(end.ate) < 4 * end.stderr, `ATE_end ${end.ate} ± ${end.stderr}`);
  assert.ok(Math.abs(cum.ate) < 4 * cum.stderr, `ATE_cum ${cum.ate} ± ${cum.stderr}`);
  assert.ok(end.ci95[0] < 0 && end.ci95[1] > 0);
  const logRho = (_t: number, x: Float64Array) => -(x[0]! ** 2 + x[1]! ** 2) - Math.log(Math.PI); // N(0, 0.5 I)
  const epA = knownModelEntropy(a, s3.model, logRho);
  const epB = knownModelEntropy(b, s3.reference, logRho);
  const diff = epA.rate - epB.rate;
  const se = Math.hypot(epA.stderr, epB.stderr);
  assert.ok(diff > 10 * se, `ΔΣ rate ${diff} ± ${se}`);
  assert.ok(Math.abs(epA.rate - 0.18) < 4 * epA.stderr, `EP arm a ${epA.rate} ± ${epA.stderr}`);
  assert.ok(Math.abs(epB.rate) < 4 * epB.stderr, `EP arm b ${epB.rate} ± ${epB.stderr}`);
});
