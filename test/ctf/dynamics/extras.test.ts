// Tests for src/ctf/dynamics/scores/extras.ts: valid prediction time, spectral Hellinger distance and
// the attractor energy distance, each against a closed form stated beside the assertion.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import {
  attractorEnergyDistance,
  evaluateExtras,
  hellingerDistance,
  LORENZ_EVAL_PARAMS,
  normalisedErrors,
  SPATIO_TEMPORAL_EVAL_PARAMS,
  spectralHellinger,
  VALID_TIME_THRESHOLD,
  validPredictionTime,
} from "../../../src/ctf/dynamics/scores/index.ts";

/** Truth rows [a, 0]; prediction rows [a + a·i/8, 0], so e_i = ‖T_i − P_i‖/sqrt(mean ‖T‖²) = i/8 exactly. */
function drifting(rows: number, a: number): { truth: Mat; pred: Mat } {
  const truth = new Mat(rows, 2);
  const pred = new Mat(rows, 2);
  for (let i = 0; i < rows; i++) {
    truth.set(i, 0, a);
    pred.set(i, 0, a + (a * i) / 8);
  }
  return { truth, pred };
}

describe("valid prediction time", () => {
  it("e_i = i/8, threshold 0.5: rows 0…4 are valid → VPT = 5·Δt/T_λ = 0.25/1.1 Lyapunov times", () => {
    assert.equal(VALID_TIME_THRESHOLD, 0.5);
    for (const a of [1, 2]) {
      const { truth, pred } = drifting(20, a);
      const v = validPredictionTime(truth, pred, { dt: 0.05, lyapunovTime: 1.1 });
      assert.equal(v.rows, 5);
      assert.equal(v.time, 5 * 0.05);
      assert.equal(v.lyapunovTimes, (5 * 0.05) / 1.1);
      assert.equal(v.censored, false);
    }
  });

  it("threshold 0.25 → 3 valid rows; a perfect forecast is censored at the full horizon", () => {
    const { truth, pred } = drifting(20, 1);
    assert.equal(validPredictionTime(truth, pred, { dt: 0.05, lyapunovTime: 1.1, threshold: 0.25 }).rows, 3);
    const v = validPredictionTime(truth, truth.clone(), { dt: 0.05, lyapunovTime: 1.1 });
    assert.equal(v.rows, 20);
    assert.equal(v.censored, true);
    assert.equal(v.lyapunovTimes, (20 * 0.05) / 1.1);
  });

  it("normalises by sqrt(mean over ALL truth rows of ‖T_r‖²): rows [1,0], [3,0] vs zeros → 1/√5, 3/√5", () => {
    const T = Mat.from([
      [1, 0],
      [3, 0],
    ]);
    const e = normalisedErrors(T, new Mat(2, 2));
    assert.ok(Math.abs(e[0]! - 1 / Math.sqrt(5)) < 1e-15);
    assert.ok(Math.abs(e[1]! - 3 / Math.sqrt(5)) < 1e-15);
  });

  it("refuses a non-positive Lyapunov time or Δt", () => {
    const { truth, pred } = drifting(5, 1);
    assert.throws(() => validPredictionTime(truth, pred, { dt: 0.05, lyapunovTime: 0 }), /lyapunovTime/);
    assert.throws(() => validPredictionTime(truth, pred, { dt: -1, lyapunovTime: 1 }), AnsatzError);
  });
});

describe("Hellinger distance between normalised spectra", () => {
  it("closed forms: identical or proportional → 0; disjoint → 1; (1,0) vs (1,1) → sqrt(1 − 1/√2)", () => {
    assert.equal(hellingerDistance([1, 2, 3], [1, 2, 3]), 0);
    assert.ok(hellingerDistance([1, 2, 3], [2, 4, 6]) < 1e-15);
    assert.equal(hellingerDistance([1, 0], [0, 1]), 1);
    assert.ok(Math.abs(hellingerDistance([1, 0], [1, 1]) - Math.sqrt(1 - Math.SQRT1_2)) < 1e-15);
    assert.equal(hellingerDistance([1, 2], [0, 0]), 1); // an all-zero prediction spectrum
    assert.throws(() => hellingerDistance([0, 0], [1, 2]), /positive mass/);
    assert.throws(() => hellingerDistance([1, -1], [1, 2]), /non-negative/);
  });

  it("spatio-temporal: a scaled prediction has distance 0; cos(3·) vs cos(5·) over space has distance 1", () => {
    const S = 64;
    const T = new Mat(20, S);
    const P = new Mat(20, S);
    for (let r = 0; r < 20; r++) {
      for (let s = 0; s < S; s++) {
        T.set(r, s, Math.cos((2 * Math.PI * 3 * s) / S + r));
        P.set(r, s, Math.cos((2 * Math.PI * 5 * s) / S + r));
      }
    }
    const params = { ...SPATIO_TEMPORAL_EVAL_PARAMS, modes: 32 };
    const twice = new Mat(
      20,
      S,
      T.data.map((v) => 2 * v),
    );
    assert.ok(spectralHellinger(T, twice, params) < 1e-12);
    assert.ok(Math.abs(spectralHellinger(T, P, params) - 1) < 1e-6);
  });

  it("dynamical: the temporal spectrum of −T equals that of T → distance 0", () => {
    const T = new Mat(600, 3);
    for (let i = 0; i < T.data.length; i++) T.data[i] = Math.sin(0.1 * i) + 0.3 * Math.cos(0.37 * i);
    const neg = new Mat(
      600,
      3,
      T.data.map((v) => -v),
    );
    assert.ok(spectralHellinger(T, neg, LORENZ_EVAL_PARAMS) < 1e-12);
  });
});

describe("attractor energy distance", () => {
  it("one point each, 0 vs a: 2|a| (Székely–Rizzo V-statistic); only the last `window` rows count", () => {
    const T = Mat.from([[5], [0], [0]]);
    const P = Mat.from([[0], [3], [3]]);
    assert.equal(attractorEnergyDistance(T, P, 2), 6); // X = {0, 0}, Y = {3, 3}: 2·3 − 0 − 0
    assert.ok(Math.abs(attractorEnergyDistance(T, T.clone())) < 1e-12);
  });
});

describe("evaluateExtras", () => {
  const base = { params: LORENZ_EVAL_PARAMS, dt: 0.05, lyapunovTime: 1.1 };

  it("forecast pairs get all three; reconstruction pairs no valid time; refused predictions nothing", () => {
    const { truth, pred } = drifting(40, 1);
    const r1 = evaluateExtras({ ...base, pair: 1, truth, pred });
    assert.equal(r1.validTime!.rows, 5);
    assert.ok(r1.spectralHellinger !== null && r1.spectralHellinger >= 0 && r1.spectralHellinger <= 1);
    assert.ok(r1.attractorEnergyDistance !== null && r1.attractorEnergyDistance > 0);
    const r2 = evaluateExtras({ ...base, pair: 2, truth, pred });
    assert.equal(r2.validTime, null);
    assert.match(r2.notes[0]!, /reconstruction pair/);
    const bad = pred.clone();
    bad.data[3] = Number.NaN;
    const r3 = evaluateExtras({ ...base, pair: 3, truth, pred: bad });
    assert.deepEqual([r3.validTime, r3.spectralHellinger, r3.attractorEnergyDistance], [null, null, null]);
    assert.match(r3.notes[0]!, /non-finite/);
  });
});
