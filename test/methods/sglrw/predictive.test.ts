// Tests of the predictive-performance pieces of SGLRW: splitRows and the B7 table (src/methods/sglrw/predictive.ts),
// and the Gaussian predictive log-likelihood score of the sample-posterior challenge (challenge.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mat } from "../../../src/core/matrix.ts";
import { gaussianPredictiveLogLik, samplePosteriorChallenge } from "../../../src/methods/sglrw/challenge.ts";
import { logisticPredictiveTable, splitRows } from "../../../src/methods/sglrw/predictive.ts";

test("splitRows: rows [0,k) and [k,n)", () => {
  const X = Mat.from([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const { train, test: held } = splitRows({ X, y: Float64Array.from([7, 8, 9]) }, 2);
  assert.deepEqual(Array.from(train.X.data), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(held.X.data), [5, 6]);
  assert.deepEqual(Array.from(held.y), [9]);
});

test("gaussianPredictiveLogLik: closed form log N(y; xᵀm, xᵀCx + s²)", () => {
  // python3 -c "import math;print(-0.5*math.log(2*math.pi), -0.5*(math.log(2*math.pi*3)+4/3))"
  const t1 = { X: Mat.from([[1]]), y: Float64Array.from([0]) };
  const v1 = gaussianPredictiveLogLik(Float64Array.from([0]), Mat.from([[0]]), t1, 1);
  assert.ok(Math.abs(v1 - -0.9189385332046727) < 1e-12);
  // x = 1, m = 2, C = 2, s² = 1, y = 0: N(0; 2, 3) → −0.5 (ln 6π + 4/3)
  const v2 = gaussianPredictiveLogLik(Float64Array.from([2]), Mat.from([[2]]), t1, 1);
  assert.ok(Math.abs(v2 - -2.134911344205394) < 1e-12);
});

test("challenge: predictiveLogLik is scored and the exact posterior beats a shifted mean", async () => {
  const p = await samplePosteriorChallenge.prepare({ seed: 1, size: "quick" });
  assert.equal(p.hidden.test?.X.rows, 200);
  const s0 = samplePosteriorChallenge.score({ mean: p.hidden.mean, cov: p.hidden.cov }, p.hidden);
  const shifted = Float64Array.from(p.hidden.mean, (v) => v + 0.5);
  const s1 = samplePosteriorChallenge.score({ mean: shifted, cov: p.hidden.cov }, p.hidden);
  // noise variance 1: the held-out log-likelihood is near −½ ln 2πe = −1.419
  assert.ok(Math.abs(s0.scores.predictiveLogLik! - -1.419) < 0.15, `${s0.scores.predictiveLogLik}`);
  assert.ok(s1.scores.predictiveLogLik! < s0.scores.predictiveLogLik! - 0.1);
});

test("B7: under Student-t(1.5) noise SGLRW's accuracy ≥ MAP − 2 % and SGLD's log-likelihood ≤ SGLRW's", () => {
  const { rows } = logisticPredictiveTable({
    nTrain: 500,
    nTest: 500,
    d: 3,
    batch: 10,
    steps: 20_000,
    stepFactor: 0.2,
    nu: 1.5,
    noiseScale: 1,
    seed: 41,
  });
  const get = (m: string) => rows.find((r) => r.method === m)!;
  assert.deepEqual(
    rows.map((r) => r.method),
    ["map", "sglrw", "sgld", "sgld-clipped"],
  );
  // measured (repro quick run): map −0.4596 / 0.776, sglrw −0.4593 / 0.772, sgld −0.4765 / 0.768
  assert.ok(get("sglrw").accuracy >= get("map").accuracy - 0.02);
  assert.ok(Number.isFinite(get("sglrw").testLogLik));
  assert.ok(get("sgld").testLogLik < get("sglrw").testLogLik);
});
