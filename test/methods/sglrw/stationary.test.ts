// Stationary-variance tests of SGLRW, SGLD and clipped SGLD on the 1-D Gaussian N(0, 1) (∇ log p = −θ,
// λ = T = 1): spec sglrw.md §2.3, §2.4 and tests B2, B4, B5 (§4.3; reference numbers §4.1).
// Independent chains are run as the coordinates of one separable target: each coordinate gets its own
// gradient −θ_i plus its own independent noise draw, so the coordinates are i.i.d. 1-D chains.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import type { Sampler } from "../../../src/methods/sglrw/sampler.ts";
import { buildSgld } from "../../../src/methods/sglrw/sgld.ts";
import { buildSglrw, sglrwProbPlus } from "../../../src/methods/sglrw/sglrw.ts";
import { addGradNoise, type GradNoise } from "../../../src/methods/sglrw/targets/noise.ts";

type Kind = "sglrw" | "sgld" | "sgld-clipped";

/** Pooled variance of θ over chains and steps after burn-in (the true mean 0 is not assumed). */
function stationaryVariance(
  kind: Kind,
  lr: number,
  noise: GradNoise,
  chains: number,
  steps: number,
  burn: number,
) {
  const noiseRng = new Rng(2024);
  const grad = (p: Float64Array, _b: null, out: Float64Array) => {
    for (let i = 0; i < p.length; i++) out[i] = -p[i]!;
    addGradNoise(out, noise, noiseRng);
  };
  const sampler: Sampler<null> =
    kind === "sglrw"
      ? buildSglrw(grad, { lr, rng: 7 })
      : buildSgld(grad, { lr, rng: 7, clip: kind === "sgld-clipped" ? "coordinate" : undefined });
  const st = sampler.init(new Float64Array(chains));
  let s1 = 0;
  let s2 = 0;
  let count = 0;
  for (let t = 0; t < steps; t++) {
    sampler.update(st, null);
    if (t < burn) continue;
    for (const v of st.params) {
      s1 += v;
      s2 += v * v;
    }
    count += chains;
  }
  const m = s1 / count;
  return s2 / count - m * m;
}

test("B2 exact: the SGLRW chain on N(0,1) is the Ehrenfest urn, stationary variance T/λ = 1 to 1e-12 (spec §2.4)", () => {
  for (const lr of [0.1, 0.5]) {
    // lattice θ = kδx, δx = sqrt(2δt), |k| ≤ M/2 with M = 2/δt; transition p+ from sglrwProbPlus.
    const dx = Math.sqrt(2 * lr);
    const half = Math.round(1 / lr);
    const size = 2 * half + 1;
    let pi = new Float64Array(size).fill(1 / size);
    // stationary law of the lazy chain (P + I)/2 (same invariant law, aperiodic) by power iteration
    for (let it = 0; it < 20000; it++) {
      const next = new Float64Array(size);
      for (let a = 0; a < size; a++) {
        const theta = (a - half) * dx;
        const pp = sglrwProbPlus(-theta, lr, 1);
        next[a] = next[a]! + 0.5 * pi[a]!;
        if (pp > 0) next[a + 1] = next[a + 1]! + 0.5 * pi[a]! * pp;
        if (pp < 1) next[a - 1] = next[a - 1]! + 0.5 * pi[a]! * (1 - pp);
      }
      pi = next;
    }
    let v = 0;
    for (let a = 0; a < size; a++) v += pi[a]! * ((a - half) * dx) ** 2;
    assert.ok(Math.abs(v - 1) < 1e-12, `δt = ${lr}: exact stationary variance ${v}, expected 1`);
  }
});

test("B2: SGLRW variance within 2% of T/λ = 1; SGLD within 2% of the Euler value 1/(1 − δt/2) (spec §2.4)", () => {
  for (const [lr, steps] of [
    [0.1, 2500],
    [0.5, 800],
  ] as const) {
    const v = stationaryVariance("sglrw", lr, { kind: "none" }, 2000, steps, 200);
    assert.ok(Math.abs(v - 1) < 0.02, `SGLRW δt = ${lr}: variance ${v}, expected 1 ± 2%`);
    const ula = 1 / (1 - lr / 2); // 1.0526 / 1.3333, the exact stationary variance of θ' = (1−δt)θ + sqrt(2δt)ξ
    const w = stationaryVariance("sgld", lr, { kind: "none" }, 2000, steps, 200);
    assert.ok(Math.abs(w / ula - 1) < 0.02, `SGLD δt = ${lr}: variance ${w}, expected ${ula} ± 2%`);
    // the test can tell them apart: SGLD's bias is 5% / 33%
    assert.ok(Math.abs(w - 1) > 0.03);
  }
});

test("B4: minibatch robustness under N(0, 3²) gradient noise (spec §4.3; measured SGLRW 1.044, SGLD 1.253)", () => {
  const noise: GradNoise = { kind: "gaussian", scale: 3 };
  const v = stationaryVariance("sglrw", 0.05, noise, 2000, 1200, 400);
  assert.ok(v >= 0.98 && v <= 1.08, `SGLRW variance ${v}, expected in [0.98, 1.08]`);
  const w = stationaryVariance("sgld", 0.05, noise, 2000, 1200, 400);
  // exact SGLD recursion value (2 + δt s²)/(2 − δt) = 1.2564 (spec §2.3)
  assert.ok(w > 1.18, `SGLD variance ${w}, expected > 1.18`);
  assert.ok(
    Math.abs(w / ((2 + 0.05 * 9) / (2 - 0.05)) - 1) < 0.03,
    `SGLD variance ${w} vs closed form 1.2564`,
  );
  // B4-asymptotic: δt = 0.0125, SGLRW |var − 1| < 0.02 (measured 1.003)
  const a = stationaryVariance("sglrw", 0.0125, noise, 3000, 2000, 500);
  assert.ok(Math.abs(a - 1) < 0.02, `SGLRW δt = 0.0125: variance ${a}, expected 1 ± 0.02`);
});

test("B5: Cauchy gradient noise: SGLD blows up, SGLRW within 15% of the true variance (spec §4.3)", () => {
  const noise: GradNoise = { kind: "cauchy", scale: 1 };
  const v = stationaryVariance("sglrw", 0.05, noise, 2000, 1200, 400);
  assert.ok(Math.abs(v - 1) < 0.15, `SGLRW variance ${v}, expected within 15% of 1 (measured 1.107)`);
  const c = stationaryVariance("sgld-clipped", 0.05, noise, 2000, 1200, 400);
  assert.ok(c < 1.6, `clipped SGLD variance ${c}, expected < 1.6 (measured 1.34)`);
  let w: number;
  try {
    w = stationaryVariance("sgld", 0.05, noise, 2000, 1200, 400);
  } catch (e) {
    assert.ok(e instanceof AnsatzError && e.code === "diverged");
    w = Number.POSITIVE_INFINITY;
  }
  assert.ok(w > 100, `SGLD variance ${w}, expected > 100 or divergence (measured 1.6e4)`);
});
