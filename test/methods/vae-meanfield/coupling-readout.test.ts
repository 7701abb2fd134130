// Tests of the coupling read-out by field regression (src/methods/vae-meanfield/coupling-readout.ts).
// Exact values: fields φ = βJ s + βh without noise give back βJ and βh to 1e-7 (the 1e-9-per-row ridge shifts them by ~1e-9); for Curie–Weiss with the exact
// HS posterior m | s ~ N(M/N, 1/(NβJ)) and φ = β(Jm + h), E[φ_i | s] = (βJ/N) Σ_j s_j + βh, so the uniform
// read-out N · mean βJ_ij equals βJ = 1.2 up to Monte-Carlo error (σ ≈ 0.01 at 20 000 rows).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { Rng } from "../../../src/core/random.ts";
import { regressFields } from "../../../src/methods/vae-meanfield/coupling-readout.ts";
import { curieWeiss, sampleCurieWeiss } from "../../../src/methods/vae-meanfield/curie-weiss.ts";

test("noise-free fields give back a symmetric βJ and βh exactly", () => {
  const rng = new Rng(1);
  const n = 6;
  const j = new Mat(n, n);
  for (let a = 0; a < n; a++)
    for (let b = a; b < n; b++) {
      const v = rng.normal();
      j.data[a * n + b] = v;
      j.data[b * n + a] = v;
    }
  const h = Float64Array.from({ length: n }, () => rng.normal());
  const s = new Mat(400, n);
  for (let i = 0; i < s.data.length; i++) s.data[i] = rng.uniform() < 0.5 ? -1 : 1;
  const f = new Mat(400, n);
  for (let r = 0; r < 400; r++)
    for (let a = 0; a < n; a++) {
      let x = h[a]!;
      for (let b = 0; b < n; b++) x += j.data[a * n + b]! * s.data[r * n + b]!;
      f.data[r * n + a] = x;
    }
  const out = regressFields(s, f);
  for (let i = 0; i < n * n; i++)
    assert.ok(
      Math.abs(out.betaJ.data[i]! - j.data[i]!) < 1e-7,
      `βJ[${i}] ${out.betaJ.data[i]} vs ${j.data[i]}`,
    );
  for (let a = 0; a < n; a++) assert.ok(Math.abs(out.betaH[a]! - h[a]!) < 1e-7, `βh[${a}]`);
  assert.throws(() => regressFields(s, new Mat(400, n + 1)), AnsatzError);
  assert.throws(() => regressFields(s.sliceRows(0, 5), f.sliceRows(0, 5)), AnsatzError);
});

test("Curie–Weiss with exact HS fields: uniform read-out ≈ βJ = 1.2", () => {
  const beta = 1.2;
  const n = 32;
  const rng = new Rng(2);
  const s = sampleCurieWeiss(curieWeiss(n, beta), 20000, rng.split());
  const f = new Mat(s.rows, n);
  const noise = rng.split();
  for (let r = 0; r < s.rows; r++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += s.data[r * n + i]!;
    const phi = beta * (m / n + noise.normal() / Math.sqrt(n * beta));
    for (let i = 0; i < n; i++) f.data[r * n + i] = phi;
  }
  const out = regressFields(s, f);
  assert.ok(Math.abs(out.uniformBetaJ - beta) < 0.05, `uniform βJ ${out.uniformBetaJ}`);
});
