// Tests of the mean-field baseline (src/methods/vae-meanfield/naive-mean-field.ts). Exact values: the Gibbs
// sampler against exact enumeration of a random 8-spin Ising model (2^8 states); naive mean-field inversion
// is exact to first order in J, so at |J_ij| ≤ 0.05 it recovers J to within a few 1e-3 plus sampling noise.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import {
  type IsingModel,
  naiveMeanField,
  sampleIndependentSites,
  sampleIsingGibbs,
} from "../../../src/methods/vae-meanfield/naive-mean-field.ts";

function randomIsing(n: number, scale: number, rng: Rng): IsingModel {
  const j = new Mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      const v = scale * (2 * rng.uniform() - 1);
      j.data[i * n + k] = v;
      j.data[k * n + i] = v;
    }
  }
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) h[i] = scale * (2 * rng.uniform() - 1);
  return { j, h };
}

/** Exact ⟨s_i s_j⟩ and the state probabilities by enumeration. */
function exact(model: IsingModel): { corr: Mat; probs: Float64Array } {
  const n = model.h.length;
  const states = 1 << n;
  const logw = new Float64Array(states);
  const s = new Float64Array(n);
  for (let c = 0; c < states; c++) {
    for (let i = 0; i < n; i++) s[i] = (c >> i) & 1 ? 1 : -1;
    let e = 0;
    for (let i = 0; i < n; i++) {
      e += model.h[i]! * s[i]!;
      for (let k = i + 1; k < n; k++) e += model.j.data[i * n + k]! * s[i]! * s[k]!;
    }
    logw[c] = e;
  }
  const mx = Math.max(...logw);
  const probs = logw.map((v) => Math.exp(v - mx));
  const z = probs.reduce((a, b) => a + b, 0);
  for (let c = 0; c < states; c++) probs[c]! /= z;
  const corr = new Mat(n, n);
  for (let c = 0; c < states; c++) {
    for (let i = 0; i < n; i++) s[i] = (c >> i) & 1 ? 1 : -1;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) corr.data[i * n + k]! += probs[c]! * s[i]! * s[k]!;
  }
  return { corr, probs };
}

function sampleCorr(x: Mat): Mat {
  const n = x.cols;
  const c = new Mat(n, n);
  for (let r = 0; r < x.rows; r++)
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) c.data[i * n + k]! += x.data[r * n + i]! * x.data[r * n + k]!;
  for (let i = 0; i < n * n; i++) c.data[i]! /= x.rows;
  return c;
}

test("Gibbs sampler matches exact enumeration of an 8-spin Ising model (max |Δ⟨s_i s_j⟩| < 0.02)", () => {
  const model = randomIsing(8, 0.6, new Rng(3));
  const ex = exact(model).corr;
  const x = sampleIsingGibbs(model, 40000, new Rng(4), { chains: 40, burnIn: 50, thin: 2 });
  const c = sampleCorr(x);
  let maxDiff = 0;
  for (let i = 0; i < 64; i++) maxDiff = Math.max(maxDiff, Math.abs(c.data[i]! - ex.data[i]!));
  assert.ok(maxDiff < 0.02, `max |Δ corr| = ${maxDiff}`);
  const again = sampleIsingGibbs(model, 100, new Rng(4), { chains: 40, burnIn: 50, thin: 2 });
  const first = sampleIsingGibbs(model, 100, new Rng(4), { chains: 40, burnIn: 50, thin: 2 });
  assert.deepEqual(again.data, first.data);
});

test("naive mean-field inversion recovers weak couplings (first-order exact) from exact samples", () => {
  const rng = new Rng(5);
  const model = randomIsing(8, 0.05, rng);
  const { probs } = exact(model);
  const rows = 200000;
  const x = new Mat(rows, 8);
  for (let r = 0; r < rows; r++) {
    const c = rng.categorical(probs);
    for (let i = 0; i < 8; i++) x.data[r * 8 + i] = (c >> i) & 1 ? 1 : -1;
  }
  const fit = naiveMeanField(x, { ridge: 0 });
  let maxJ = 0;
  let maxH = 0;
  for (let i = 0; i < 64; i++) maxJ = Math.max(maxJ, Math.abs(fit.j.data[i]! - model.j.data[i]!));
  for (let i = 0; i < 8; i++) maxH = Math.max(maxH, Math.abs(fit.h[i]! - model.h[i]!));
  // sampling error of C at 2e5 rows is ~ 0.0022 per entry; the nMF bias is O(J²) ~ 2.5e-3
  assert.ok(maxJ < 0.015, `max |ΔJ| = ${maxJ}`);
  assert.ok(maxH < 0.015, `max |Δh| = ${maxH}`);
  for (let i = 0; i < 8; i++) assert.equal(fit.j.data[i * 8 + i], 0, "zero diagonal");
});

test("independent-site baseline reproduces the marginals and refuses bad counts", () => {
  const rng = new Rng(6);
  const x = new Mat(1000, 2);
  for (let r = 0; r < 1000; r++) {
    x.data[r * 2] = r < 250 ? 1 : -1; // p = 0.25
    x.data[r * 2 + 1] = 1;
  }
  const y = sampleIndependentSites(x, 40000, rng);
  let up = 0;
  for (let r = 0; r < y.rows; r++) up += y.data[r * 2]! > 0 ? 1 : 0;
  const p = up / y.rows;
  assert.ok(Math.abs(p - 0.25) < 0.01, `P(up) = ${p}, expected 0.25`);
  assert.ok(
    y.data.every((v, i) => i % 2 === 0 || v === 1),
    "a site that is always up stays up",
  );
  assert.throws(() => sampleIndependentSites(x, 0, rng), AnsatzError);
  assert.throws(() => naiveMeanField(new Mat(1, 3)), AnsatzError);
});
