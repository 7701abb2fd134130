// Tests src/core/linalg/randomized-svd.ts against the exact thin SVD of src/core/linalg/svd.ts on
// matrices built with known singular values: X = Σ σ_i u_i v_iᵀ (orthonormal u, v from QR of Gaussians),
// so σ = (9, 4, 2.5, 1, 0.3) exactly; the randomized values must match to 1e-10 relative and the
// leading singular vectors to |cos| > 1 − 1e-9; same seed → identical numbers.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { naiveGemm, orthonormaliseColumns, randomizedSvd, svd } from "../../src/core/linalg.ts";
import { Mat } from "../../src/core/matrix.ts";
import { Rng } from "../../src/core/random.ts";

function lowRank(n: number, m: number, sig: number[], seed: number): Mat {
  const rng = new Rng(seed);
  const r = sig.length;
  const u = rng.fillNormal(new Float64Array(n * r));
  const v = rng.fillNormal(new Float64Array(m * r));
  orthonormaliseColumns(u, n, r);
  orthonormaliseColumns(v, m, r);
  const X = new Mat(n, m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let acc = 0;
      for (let c = 0; c < r; c++) acc += sig[c]! * u[i * r + c]! * v[j * r + c]!;
      X.data[i * m + j] = acc;
    }
  return X;
}

describe("randomizedSvd", () => {
  const sig = [9, 4, 2.5, 1, 0.3];
  for (const [n, m] of [
    [120, 70],
    [60, 150],
  ] as const) {
    it(`${n}×${m} of exact rank 5: σ = 9, 4, 2.5, 1, 0.3 to 1e-10 relative, vectors |cos| > 1 − 1e-9`, () => {
      const X = lowRank(n, m, sig, 3);
      const exact = svd(X);
      const r = randomizedSvd(X, 4, new Rng(7), { oversample: 6, powerIterations: 2 });
      assert.equal(r.s.length, 4);
      assert.deepEqual(r.U.shape, [n, 4]);
      assert.deepEqual(r.V.shape, [m, 4]);
      for (let c = 0; c < 4; c++) {
        assert.ok(Math.abs(r.s[c]! - sig[c]!) < 1e-10 * sig[c]!, `σ${c} = ${r.s[c]}`);
        assert.ok(Math.abs(r.s[c]! - exact.s[c]!) < 1e-10 * sig[c]!);
        let cu = 0;
        let cv = 0;
        for (let i = 0; i < n; i++) cu += r.U.get(i, c) * exact.U.get(i, c);
        for (let j = 0; j < m; j++) cv += r.V.get(j, c) * exact.V.get(j, c);
        assert.ok(Math.abs(Math.abs(cu) - 1) < 1e-9, `u${c}: |cos| = ${Math.abs(cu)}`);
        assert.ok(Math.abs(Math.abs(cv) - 1) < 1e-9, `v${c}: |cos| = ${Math.abs(cv)}`);
      }
    });
  }

  it("is deterministic in the rng seed and caps k at min(rows, cols)", () => {
    const X = lowRank(40, 30, sig, 5);
    const a = randomizedSvd(X, 3, new Rng(1));
    const b = randomizedSvd(X, 3, new Rng(1));
    assert.deepEqual(Array.from(a.V.data), Array.from(b.V.data));
    assert.deepEqual(Array.from(a.s), Array.from(b.s));
    const small = randomizedSvd(new Mat(3, 2, new Float64Array([1, 0, 0, 2, 0, 0])), 5, new Rng(2));
    assert.equal(small.s.length, 2);
    assert.ok(Math.abs(small.s[0]! - 2) < 1e-14 && Math.abs(small.s[1]! - 1) < 1e-14);
  });

  it("naiveGemm computes op(A)·op(B): [[1,2],[3,4]]ᵀ·[[5,6],[7,8]] = [[26,30],[38,44]]", () => {
    const c = new Float64Array(4);
    naiveGemm(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), c, 2, 2, 2, true, false);
    assert.deepEqual(Array.from(c), [26, 30, 38, 44]);
    naiveGemm(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), c, 2, 2, 2, false, true);
    assert.deepEqual(Array.from(c), [17, 23, 39, 53]);
  });

  it("refuses k = 0 naming the argument", () => {
    assert.throws(
      () => randomizedSvd(new Mat(3, 3), 0, new Rng(1)),
      /randomizedSvd\(k\): expected an integer >= 1, found 0/,
    );
  });
});
