// Tests for src/core/fft.ts: against the literal DFT sum, closed-form transforms and numpy's
// conventions (python commands in comments).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { ComplexFFT, fft, fftFreq, ifft, irfft, RealFFT, rfft, rfftFreq } from "../../src/core/fft.ts";
import { Rng } from "../../src/core/random.ts";

/** The literal sum X_k = Σ_j x_j (cos 2πjk/n − i sin 2πjk/n), with jk reduced mod n. */
function naiveDft(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const oR = new Float64Array(n);
  const oI = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const ang = (2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(ang);
      const s = Math.sin(ang);
      sr += re[j]! * c + im[j]! * s;
      si += im[j]! * c - re[j]! * s;
    }
    oR[k] = sr;
    oI[k] = si;
  }
  return { re: oR, im: oI };
}

function randVec(n: number, rng: Rng): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  return v;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("complex fft", () => {
  it("numpy's sign convention: fft([1,2,3,4]) = [10, −2+2i, −2, −2−2i] and ifft inverts it exactly", () => {
    // python3 -c "import numpy as np; print(np.fft.fft([1,2,3,4]))"
    const X = fft(Float64Array.of(1, 2, 3, 4));
    assert.deepEqual(Array.from(X.re), [10, -2, -2, -2]);
    assert.deepEqual(Array.from(X.im), [0, 2, 0, -2]);
    const x = ifft(X.re, X.im);
    assert.deepEqual(Array.from(x.re), [1, 2, 3, 4]);
    assert.deepEqual(Array.from(x.im), [0, 0, 0, 0]);
  });

  for (const n of [1024, 1000, 97, 12, 6, 2, 1]) {
    const path = n === 1024 || n === 2 ? "fft.js" : n > 64 ? "Bluestein" : "direct DFT";
    it(`n = ${n} (${path}) matches the literal DFT sum to 1e-13·Σ|x| and round-trips to 1e-14`, () => {
      const rng = new Rng(100 + n);
      const re = randVec(n, rng);
      const im = randVec(n, rng);
      const ref = naiveDft(re, im);
      const X = fft(re, im);
      let l1 = 0;
      for (let i = 0; i < n; i++) l1 += Math.abs(re[i]!) + Math.abs(im[i]!);
      const tol = 1e-13 * l1;
      assert.ok(maxAbsDiff(X.re, ref.re) < tol, `re err ${maxAbsDiff(X.re, ref.re)}`);
      assert.ok(maxAbsDiff(X.im, ref.im) < tol, `im err ${maxAbsDiff(X.im, ref.im)}`);
      const back = ifft(X.re, X.im);
      assert.ok(
        maxAbsDiff(back.re, re) < 1e-14 * Math.sqrt(n) * 4,
        "maxAbsDiff(back.re, re) < 1e-14 * Math.sqrt(n) * 4",
      );
      assert.ok(
        maxAbsDiff(back.im, im) < 1e-14 * Math.sqrt(n) * 4,
        "maxAbsDiff(back.im, im) < 1e-14 * Math.sqrt(n) * 4",
      );
    });
  }

  it("delta at 0 → all ones; delta at 1 → e^{−2πik/n} (n = 1000)", () => {
    const n = 1000;
    const d0 = new Float64Array(n);
    d0[0] = 1;
    const X0 = fft(d0);
    assert.ok(
      maxAbsDiff(X0.re, new Float64Array(n).fill(1)) < 1e-14,
      "maxAbsDiff(X0.re, new Float64Array(n).fill(1)) < 1e-14",
    );
    assert.ok(
      maxAbsDiff(X0.im, new Float64Array(n)) < 1e-14,
      "maxAbsDiff(X0.im, new Float64Array(n)) < 1e-14",
    );
    const d1 = new Float64Array(n);
    d1[1] = 1;
    const X1 = fft(d1);
    for (let k = 0; k < n; k++) {
      assert.ok(
        Math.abs(X1.re[k]! - Math.cos((2 * Math.PI * k) / n)) < 1e-13,
        "Math.abs(X1.re[k]! - Math.cos((2 * Math.PI * k) / n)) < 1e-13",
      );
      assert.ok(
        Math.abs(X1.im[k]! + Math.sin((2 * Math.PI * k) / n)) < 1e-13,
        "Math.abs(X1.im[k]! + Math.sin((2 * Math.PI * k) / n)) < 1e-13",
      );
    }
  });

  it("a plan writes in place (outputs aliasing inputs) and validates lengths", () => {
    const p = new ComplexFFT(8);
    const re = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const im = new Float64Array(8);
    const ref = fft(re, im);
    p.forward(re, im, re, im);
    assert.ok(maxAbsDiff(re, ref.re) < 1e-14, "maxAbsDiff(re, ref.re) < 1e-14");
    assert.throws(
      () => p.forward(new Float64Array(7), im, re, im),
      (e: unknown) => {
        return (
          e instanceof AnsatzError &&
          /ComplexFFT.forward\(re\): expected length 8, found length 7/.test(e.message)
        );
      },
    );
    assert.throws(() => fft(Float64Array.of(1, Number.NaN)), /fft\(re\).*NaN/);
  });
});

describe("real fft", () => {
  it("rfft([1,2,3,4]) = [10, −2+2i, −2] (numpy.fft.rfft)", () => {
    const X = rfft(Float64Array.of(1, 2, 3, 4));
    assert.deepEqual(Array.from(X.re), [10, -2, -2]);
    assert.deepEqual(Array.from(X.im), [0, 2, 0]);
  });

  for (const n of [1024, 1000, 999, 64, 8, 4, 2, 1]) {
    it(`n = ${n}: rfft equals the first ⌊n/2⌋+1 terms of the literal DFT; irfft(rfft(x), n) = x`, () => {
      const rng = new Rng(200 + n);
      const x = randVec(n, rng);
      const ref = naiveDft(x, new Float64Array(n));
      const X = rfft(x);
      const m = Math.floor(n / 2) + 1;
      assert.equal(X.re.length, m);
      let l1 = 0;
      for (let i = 0; i < n; i++) l1 += Math.abs(x[i]!);
      assert.ok(
        maxAbsDiff(X.re, ref.re.subarray(0, m)) < 1e-13 * l1,
        "maxAbsDiff(X.re, ref.re.subarray(0, m)) < 1e-13 * l1",
      );
      assert.ok(
        maxAbsDiff(X.im, ref.im.subarray(0, m)) < 1e-13 * l1,
        "maxAbsDiff(X.im, ref.im.subarray(0, m)) < 1e-13 * l1",
      );
      assert.ok(
        maxAbsDiff(irfft(X.re, X.im, n), x) < 1e-14 * Math.sqrt(n) * 4,
        "maxAbsDiff(irfft(X.re, X.im, n), x) < 1e-14 * Math.sqrt(n) * 4",
      );
    });
  }

  it("cosine: x_j = cos(2π·3j/n) has rfft n/2 at k = 3 and ~0 elsewhere (n = 1024 and 1000)", () => {
    for (const n of [1024, 1000]) {
      const x = new Float64Array(n);
      for (let j = 0; j < n; j++) x[j] = Math.cos((2 * Math.PI * 3 * j) / n);
      const X = rfft(x);
      for (let k = 0; k < X.re.length; k++) {
        assert.ok(Math.abs(X.re[k]! - (k === 3 ? n / 2 : 0)) < 1e-11, `re[${k}] = ${X.re[k]}`);
        assert.ok(Math.abs(X.im[k]!) < 1e-11, `im[${k}] = ${X.im[k]}`);
      }
    }
  });

  it("irfft follows numpy: imaginary DC/Nyquist ignored, truncation, odd n", () => {
    // python3 -c "import numpy as np; print(np.fft.irfft([1+5j, 1j, 2+3j]), np.fft.irfft([1,2,3,4], 4),
    //   [repr(v) for v in np.fft.irfft([1, 2+1j], 5)])"
    assert.ok(
      maxAbsDiff(irfft(Float64Array.of(1, 0, 2), Float64Array.of(5, 1, 3)), [0.75, -0.75, 0.75, 0.25]) <
        1e-15,
      "maxAbsDiff(irfft(Float64Array.of(1, 0, 2), Float64Array.of(5, 1, 3)), [0.75, -0.75, 0.75, 0.25]) < 1e-15",
    );
    assert.ok(
      maxAbsDiff(irfft(Float64Array.of(1, 2, 3, 4), new Float64Array(4), 4), [2, -0.5, 0, -0.5]) < 1e-15,
      "maxAbsDiff(irfft(Float64Array.of(1, 2, 3, 4), new Float64Array(4), 4), [2, -0.5, 0, -0.5]) < 1e-15",
    );
    const odd = irfft(Float64Array.of(1, 2), Float64Array.of(0, 1), 5);
    const ref = [1.0, 0.06679098898189655, -0.6823276964169472, -0.21209949458296873, 0.8276362020180195];
    assert.ok(maxAbsDiff(odd, ref) < 1e-15, "maxAbsDiff(odd, ref) < 1e-15");
  });

  it("RealFFT.inverse ignores Im of DC and Nyquist on the fast path too (n = 8)", () => {
    const p = new RealFFT(8);
    const re = Float64Array.of(1, 2, 3, 4, 5);
    const im0 = Float64Array.of(0, 1, 2, 3, 0);
    const im1 = Float64Array.of(7, 1, 2, 3, -9);
    const a = new Float64Array(8);
    const b = new Float64Array(8);
    p.inverse(re, im0, a);
    p.inverse(re, im1, b);
    assert.deepEqual(a, b);
    assert.ok(maxAbsDiff(a, irfft(re, im0, 8)) < 1e-15, "maxAbsDiff(a, irfft(re, im0, 8)) < 1e-15");
  });

  it("RealFFT(1024): 20 000 forward+inverse pairs take well under 2 s", () => {
    const n = 1024;
    const p = new RealFFT(n);
    const x = randVec(n, new Rng(3));
    const re = new Float64Array(p.nOut);
    const im = new Float64Array(p.nOut);
    const y = new Float64Array(n);
    const t0 = performance.now();
    for (let i = 0; i < 20000; i++) {
      p.forward(x, re, im);
      p.inverse(re, im, y);
    }
    const ms = performance.now() - t0;
    assert.ok(maxAbsDiff(x, y) < 1e-14, "maxAbsDiff(x, y) < 1e-14");
    assert.ok(ms < 2000, `${ms} ms`);
  });
});

describe("frequencies", () => {
  it("fftFreq(5, 0.1) = [0, 2, 4, −4, −2]; rfftFreq(6, 0.5) = [0, 1/3, 2/3, 1] (numpy)", () => {
    assert.ok(
      maxAbsDiff(fftFreq(5, 0.1), [0, 2, 4, -4, -2]) < 1e-15,
      "maxAbsDiff(fftFreq(5, 0.1), [0, 2, 4, -4, -2]) < 1e-15",
    );
    assert.ok(
      maxAbsDiff(rfftFreq(6, 0.5), [0, 1 / 3, 2 / 3, 1]) < 1e-15,
      "maxAbsDiff(rfftFreq(6, 0.5), [0, 1 / 3, 2 / 3, 1]) < 1e-15",
    );
  });
});
