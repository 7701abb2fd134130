// Tests of the denoiser (src/ctf/dynamics/baselines/smoothing.ts): Savitzky–Golay coefficients against
// the tabulated 5-point quadratic ones (−3, 12, 17, 12, −3)/35 (Savitzky & Golay 1964, Table I),
// exactness on polynomials of degree ≤ order, the Fourier low-pass on cosines that are periodic in the
// even extension, and the reconstruction score on noisy quick Lorenz X2train against the raw matrix's.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AnsatzError } from "../../../../src/core/errors.ts";
import type { Mat } from "../../../../src/core/matrix.ts";
import { lastModel } from "../../../../src/ctf/dynamics/baselines/naive.ts";
import {
  fourierLowPass,
  smoothingDenoiserModel as model,
  savgolCoefficients,
  savgolFilter,
} from "../../../../src/ctf/dynamics/baselines/smoothing.ts";
import { loadDataset } from "../../../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../../../src/ctf/dynamics/dataset-writer.ts";
import { forecastTask } from "../../../../src/ctf/dynamics/forecast-model.ts";
import { scorePair } from "../../../../src/ctf/dynamics/score-dataset.ts";
import { lorenz } from "../../../../src/ctf/dynamics/systems/lorenz.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-smoothing-"));
after(() => rmSync(root, { recursive: true, force: true }));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("Savitzky–Golay", () => {
  it("5-point quadratic coefficients are (−3, 12, 17, 12, −3)/35", () => {
    const c = savgolCoefficients(5, 2);
    assert.ok(maxAbsDiff(c, [-3 / 35, 12 / 35, 17 / 35, 12 / 35, -3 / 35]) < 1e-14, String(Array.from(c)));
  });
  it("5-point quadratic coefficients at the first sample are (31, 9, −3, −5, 3)/35 (the edge fit)", () => {
    // numpy: np.array([1,-2,4]) @ np.linalg.pinv(np.vander(np.arange(5)-2., 3, increasing=True))*35
    const c = savgolCoefficients(5, 2, 0);
    assert.ok(maxAbsDiff(c, [31 / 35, 9 / 35, -3 / 35, -5 / 35, 3 / 35]) < 1e-14, String(Array.from(c)));
  });
  const T = 120;
  const poly = (deg: number) =>
    Float64Array.from({ length: T }, (_, i) => {
      const t = i / 40;
      return [1, 2 * t, -3 * t * t, 0.5 * t ** 3, -0.2 * t ** 4].slice(0, deg + 1).reduce((a, b) => a + b, 0);
    });
  for (const [window, order] of [
    [5, 2],
    [9, 3],
    [15, 4],
  ] as const) {
    it(`window ${window}, order ${order}: a polynomial of degree ${order} passes unchanged (1e-12), edges included ("interp")`, () => {
      const x = poly(order);
      assert.ok(maxAbsDiff(savgolFilter(x, window, order, "interp"), x) < 1e-12);
    });
    it(`window ${window}, order ${order}: "mirror" and "nearest" are exact away from the edges`, () => {
      const x = poly(order);
      const h = (window - 1) / 2;
      for (const mode of ["mirror", "nearest"] as const) {
        const y = savgolFilter(x, window, order, mode);
        assert.ok(maxAbsDiff(y, x, h, T - h) < 1e-12, mode);
      }
    });
  }
  it("is not the identity: the alternating signal (−1)^t becomes (−13/35)(−1)^t inside (5-point quadratic)", () => {
    // Σ c_i (−1)^i = (−3 − 12 + 17 − 12 − 3)/35 = −13/35
    const x = Float64Array.from({ length: 20 }, (_, t) => (t % 2 === 0 ? 1 : -1));
    const y = savgolFilter(x, 5, 2, "interp");
    for (let t = 2; t < 18; t++) assert.ok(Math.abs(y[t]! - (-13 / 35) * x[t]!) < 1e-14, `t = ${t}`);
  });
  it('"mirror" edge: x_{−k} = x_k, so the first output is Σ c_i x_{|i−2|} for the 5-point filter', () => {
    const x = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
    const y = savgolFilter(x, 5, 2, "mirror");
    const expected = (-3 * 4 + 12 * 1 + 17 * 3 + 12 * 1 - 3 * 4) / 35;
    assert.ok(Math.abs(y[0]! - expected) < 1e-14);
    const yn = savgolFilter(x, 5, 2, "nearest");
    const expectedN = (-3 * 3 + 12 * 3 + 17 * 3 + 12 * 1 - 3 * 4) / 35;
    assert.ok(Math.abs(yn[0]! - expectedN) < 1e-14);
  });
});

describe("Fourier low-pass", () => {
  // cos(π k (t + ½)/T) is periodic with period 2T in the even extension: its DFT bins are ±k exactly
  const T = 100;
  const cosk = (k: number) =>
    Float64Array.from({ length: T }, (_, t) => Math.cos((Math.PI * k * (t + 0.5)) / T));
  it("keeps a cosine below the cutoff (k = 5 ≤ 0.1·100) and removes one above (k = 30), to 1e-12", () => {
    const lo = cosk(5);
    const hi = cosk(30);
    const x = lo.map((v, i) => v + 0.7 * hi[i]!);
    assert.ok(maxAbsDiff(fourierLowPass(x, 0.1), lo) < 1e-12);
  });
});

describe("the smoothing-denoiser model", () => {
  const { dir } = writeDataset(lorenz, { size: "quick", seed: 0, dir: join(root, "lorenz") });
  const ds = loadDataset(dir);
  it("declares pairs 2 and 4 only", () => {
    assert.deepEqual(model.pairs, [2, 4]);
  });
  it("beats the raw noisy matrix on quick Lorenz (seed 0): pair 2 94.31 > 91.20, pair 4 89.32 > 82.20", () => {
    // measured here: raw X2train 91.1996 (E3), X3train 82.1995 (E5); default window 7, order 3: 94.3113, 89.3196
    for (const [pair, rawScore, denoised] of [
      [2, 91.1996, 94.3113],
      [4, 82.1995, 89.3196],
    ] as const) {
      const t = forecastTask(ds, pair, 0);
      const p = model.predict(t, model.defaultConfig) as Mat;
      assert.deepEqual(p.shape, t.predictionShape);
      const s = scorePair(ds, pair, p).metrics.reconstruction!;
      const r = scorePair(ds, pair, lastModel.predict(t, {}) as Mat).metrics.reconstruction!;
      assert.ok(Math.abs(r - rawScore) < 1e-3, `raw ${r}`);
      assert.ok(Math.abs(s - denoised) < 1e-3, `denoised ${s}`);
      assert.ok(s > r + 3);
    }
  });
  it("the Fourier option also returns the training shape", () => {
    const t = forecastTask(ds, 2, 0);
    const p = model.predict(t, model.parseConfig({ method: "fourier", cutoff: 0.3 })) as Mat;
    assert.deepEqual(p.shape, t.predictionShape);
    assert.ok(p.data.every(Number.isFinite));
  });
  it("refuses a forecast pair", () => {
    assert.throws(() => model.predict(forecastTask(ds, 1, 0), model.defaultConfig), AnsatzError);
  });
  it("config errors name the field", () => {
    const cases: [unknown, string][] = [
      [{ window: 8 }, "smoothing-denoiser config: window: expected an odd integer >= 1, found 8"],
      [
        { window: 5, order: 5 },
        "smoothing-denoiser config: order: expected an integer < window (5), found 5",
      ],
      [{ order: -1 }, "smoothing-denoiser config: order: expected an integer >= 0, found -1"],
      [
        { mode: "wrap" },
        'smoothing-denoiser config: mode: expected one of "interp", "mirror", "nearest", found "wrap"',
      ],
      [{ cutoff: 0 }, "smoothing-denoiser config: cutoff: expected a number in (0, 1], found 0"],
    ];
    for (const [raw, msg] of cases) {
      assert.throws(
        () => model.parseConfig(raw),
        (e: unknown) => e instanceof AnsatzError && e.message === msg,
        msg,
      );
    }
  });
});
