// Tests for src/core/linalg.ts: exact values from closed forms, numpy references (the python command
// that produced each is in a comment) and cross-checks between methods.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import {
  cholesky,
  choleskySolve,
  dot2,
  eig,
  eigSym,
  inverse,
  logDet,
  lstsq,
  singularValues,
  solve,
  spectralNorm,
  spectralNormInfo,
  svd,
} from "../../src/core/linalg.ts";
import { Mat } from "../../src/core/matrix.ts";
import { Rng } from "../../src/core/random.ts";

function randn(rows: number, cols: number, seed: number): Mat {
  const rng = new Rng(seed);
  const m = new Mat(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.normal();
  return m;
}

function close(actual: number, expected: number, relTol: number, what = ""): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  assert.ok(err <= relTol, `${what}: ${actual} vs ${expected} (rel err ${err} > ${relTol})`);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** U diag(s) Vᵀ. */
function recompose(U: Mat, s: Float64Array, V: Mat): Mat {
  const out = new Mat(U.rows, V.rows);
  for (let i = 0; i < U.rows; i++)
    for (let j = 0; j < V.rows; j++) {
      let acc = 0;
      for (let r = 0; r < s.length; r++) acc += U.get(i, r) * s[r]! * V.get(j, r);
      out.set(i, j, acc);
    }
  return out;
}

function throwsAnsatz(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `expected AnsatzError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("svd", () => {
  it("2×2 [[3,0],[4,5]] has singular values 3√5 and √5 (AᵀA = [[25,20],[20,25]], eigenvalues 45, 5)", () => {
    const A = Mat.from([
      [3, 0],
      [4, 5],
    ]);
    const { U, s, V } = svd(A);
    close(s[0]!, 3 * Math.sqrt(5), 1e-15, "s0");
    close(s[1]!, Math.sqrt(5), 1e-15, "s1");
    assert.ok(
      maxAbsDiff(recompose(U, s, V).data, A.data) < 1e-14,
      "maxAbsDiff(recompose(U, s, V).data, A.data) < 1e-14",
    );
  });

  it("thin shapes and orthonormal factors for tall and wide matrices; A = U diag(s) Vᵀ to 1e-13", () => {
    for (const [m, n] of [
      [7, 4],
      [4, 7],
      [5, 5],
    ] as const) {
      const A = randn(m, n, 11 + m);
      const { U, s, V } = svd(A);
      const k = Math.min(m, n);
      assert.deepEqual(U.shape, [m, k]);
      assert.deepEqual(V.shape, [n, k]);
      assert.equal(s.length, k);
      for (let i = 1; i < k; i++) assert.ok(s[i - 1]! >= s[i]!, "s[i - 1]! >= s[i]!");
      assert.ok(
        maxAbsDiff(recompose(U, s, V).data, A.data) < 1e-13,
        "maxAbsDiff(recompose(U, s, V).data, A.data) < 1e-13",
      );
      const UtU = U.transpose().matmul(U);
      const VtV = V.transpose().matmul(V);
      assert.ok(
        maxAbsDiff(UtU.data, Mat.eye(k).data) < 1e-13,
        "maxAbsDiff(UtU.data, Mat.eye(k).data) < 1e-13",
      );
      assert.ok(
        maxAbsDiff(VtV.data, Mat.eye(k).data) < 1e-13,
        "maxAbsDiff(VtV.data, Mat.eye(k).data) < 1e-13",
      );
    }
  });

  it("matches numpy's singular values of a 4×5 integer matrix", () => {
    // python3 -c "import numpy as np; B=np.array([[1,2,3,4,5],[-2,0,1,7,3],[4,4,-1,0,2],[0,1,1,-3,8]],float);
    //   print([repr(x) for x in np.linalg.svd(B,compute_uv=False)])"
    const ref = [11.153238869944392, 8.457244522959137, 5.521094314596842, 1.896785532991471];
    const B = Mat.from([
      [1, 2, 3, 4, 5],
      [-2, 0, 1, 7, 3],
      [4, 4, -1, 0, 2],
      [0, 1, 1, -3, 8],
    ]);
    const s = singularValues(B);
    for (let i = 0; i < 4; i++) close(s[i]!, ref[i]!, 1e-14, `s${i}`);
    assert.ok(maxAbsDiff(svd(B).s, s) < 1e-14, "maxAbsDiff(svd(B).s, s) < 1e-14");
  });

  it("refuses NaN entries, naming the function", () => {
    const A = Mat.from([
      [1, Number.NaN],
      [0, 1],
    ]);
    throwsAnsatz(() => svd(A), "not-finite", /svd\(A\).*NaN at index 1/);
  });
});

describe("spectralNorm", () => {
  it("diagonal: ‖diag(1, −7, 3)‖₂ = 7 exactly", () => {
    const A = Mat.from([
      [1, 0, 0],
      [0, -7, 0],
      [0, 0, 3],
    ]);
    assert.equal(spectralNorm(A), 7);
  });

  it("rank one: ‖u vᵀ‖₂ = ‖u‖‖v‖ = √(Σu²·Σv²) to 1 ulp, for integer u (length 300) and v (length 200)", () => {
    const rng = new Rng(5);
    const u = Array.from({ length: 300 }, () => rng.int(19) - 9);
    const v = Array.from({ length: 200 }, () => rng.int(13) - 6);
    const A = new Mat(300, 200);
    for (let i = 0; i < 300; i++) for (let j = 0; j < 200; j++) A.set(i, j, u[i]! * v[j]!);
    const uu = u.reduce((s, x) => s + x * x, 0);
    const vv = v.reduce((s, x) => s + x * x, 0);
    const exact = Math.sqrt(uu * vv); // uu·vv is an integer < 2^53: correctly rounded square root
    close(spectralNorm(A), exact, 2.3e-16, "rank one");
  });

  it("Sylvester–Hadamard 16×16 (HᵀH = 16 I): ‖H‖₂ = 4 to 1 ulp", () => {
    const n = 16;
    const H = new Mat(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let bits = i & j;
        let parity = 0;
        while (bits) {
          parity ^= bits & 1;
          bits >>= 1;
        }
        H.set(i, j, parity ? -1 : 1);
      }
    }
    close(spectralNorm(H), 4, 2.3e-16, "hadamard");
  });

  it("2×2 [[3,0],[4,5]]: 3√5; the 4×5 integer matrix: numpy's 11.153238869944392", () => {
    close(
      spectralNorm(
        Mat.from([
          [3, 0],
          [4, 5],
        ]),
      ),
      3 * Math.sqrt(5),
      2.3e-16,
      "2x2",
    );
    // python3 -c "import numpy as np; print(repr(np.linalg.norm(np.array([[1,2,3,4,5],[-2,0,1,7,3],
    //   [4,4,-1,0,2],[0,1,1,-3,8]],float),2)))"
    const B = Mat.from([
      [1, 2, 3, 4, 5],
      [-2, 0, 1, 7, 3],
      [4, 4, -1, 0, 2],
      [0, 1, 1, -3, 8],
    ]);
    close(spectralNorm(B), 11.153238869944392, 5e-16, "4x5");
    close(spectralNorm(B.transpose()), 11.153238869944392, 5e-16, "5x4");
  });

  it("agrees with the full SVD to 1e-12 relative on random 200×300 and 300×200", () => {
    for (const [m, n, seed] of [
      [200, 300, 1],
      [300, 200, 2],
    ] as const) {
      const A = randn(m, n, seed);
      const s0 = singularValues(A)[0]!;
      close(spectralNorm(A), s0, 1e-12, `${m}x${n}`);
    }
  });

  it("1000×1024 a_ij = ((7919 i + 104729 j + i j) mod 1000)/1000 − 1/2: the extended-precision value (about 0.3 s)", () => {
    // Reference: numpy's top singular vector refined by 4 power steps in np.longdouble, then ‖Av‖/‖v‖:
    // python3 -c "import numpy as np; i=np.arange(1000)[:,None]; j=np.arange(1024)[None,:];
    //   A=((i*7919+j*104729+i*j)%1000)/1000-0.5; v=np.linalg.svd(A)[2][0].astype(np.longdouble);
    //   Al=A.astype(np.longdouble); [v:=(w:=Al.T@(Al@v))/np.sqrt(np.sum(w*w)) for _ in range(4)];
    //   print(repr(float(np.sqrt(np.sum((Al@v)**2)))), repr(np.linalg.norm(A,2)))"
    // → 19.738600200316622 (numpy's own norm(A, 2) prints 19.738600200316604, 9e-16 below).
    // The second singular value is 19.6927 (gap 0.23 %), a slow case for Krylov methods.
    const m = 1000;
    const n = 1024;
    const A = new Mat(m, n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) A.data[i * n + j] = ((i * 7919 + j * 104729 + i * j) % 1000) / 1000 - 0.5;
    const t0 = performance.now();
    const info = spectralNormInfo(A);
    const ms = performance.now() - t0;
    close(info.norm, 19.738600200316622, 4e-16, "extended-precision reference");
    close(info.norm, 19.738600200316604, 2e-15, "numpy norm(A, 2)");
    close(info.ritzNorm, info.norm, 1e-14, "Ritz value vs Rayleigh finish");
    assert.ok(ms < 3000, `took ${ms} ms`);
  });

  it("near-double top singular value: σ = (1, 1 − 1e-9, 0.9 … 0.1) in random orthogonal bases gives 1 to 4e-16", () => {
    // A = H1 diag(σ) H2 with Householder reflections H = I − 2uuᵀ/uᵀu. A stopping rule based on the
    // Ritz-value gap stops early here (at 1 − 9e-10 for 160×150, seed 4): the Krylov space has not
    // yet resolved the pair, so the gap looks like 1 − 0.81.
    const householder = (n: number, rng: Rng): Mat => {
      const u = Float64Array.from({ length: n }, () => rng.normal());
      const uu = u.reduce((acc, v) => acc + v * v, 0);
      const H = Mat.eye(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H.data[i * n + j]! -= (2 * u[i]! * u[j]!) / uu;
      return H;
    };
    const sigma = Array.from({ length: 50 }, (_, i) =>
      i === 0 ? 1 : i === 1 ? 1 - 1e-9 : 0.9 - (0.8 * (i - 2)) / 47,
    );
    for (const [m, n, seed] of [
      [160, 150, 4],
      [150, 160, 3],
      [200, 300, 1],
    ] as const) {
      const rng = new Rng(seed);
      const H1 = householder(m, rng);
      const H2 = householder(n, rng);
      const A = new Mat(m, n);
      for (let i = 0; i < 50; i++)
        for (let a = 0; a < m; a++) {
          const c = H1.data[a * m + i]! * sigma[i]!;
          for (let b = 0; b < n; b++) A.data[a * n + b]! += c * H2.data[i * n + b]!;
        }
      close(spectralNorm(A), 1, 4e-16, `${m}x${n} seed ${seed}`);
    }
  });

  it("handles extreme scales (entries 1e200 and 1e-200) without overflow", () => {
    const A = Mat.from([
      [3e200, 0],
      [4e200, 5e200],
    ]);
    close(spectralNorm(A), 3 * Math.sqrt(5) * 1e200, 1e-15, "1e200");
    const B = Mat.from([
      [3e-200, 0],
      [4e-200, 5e-200],
    ]);
    close(spectralNorm(B), 3 * Math.sqrt(5) * 1e-200, 1e-15, "1e-200");
  });

  it("zero and empty matrices have norm 0; Inf is refused", () => {
    assert.equal(spectralNorm(new Mat(3, 4)), 0);
    assert.equal(spectralNorm(new Mat(0, 4)), 0);
    throwsAnsatz(
      () => spectralNorm(Mat.from([[1, Number.POSITIVE_INFINITY]])),
      "not-finite",
      /spectralNorm\(A\).*Infinity/,
    );
  });

  it("dot2 is exact where naive summation loses everything: [1e16, 1, −1e16]·[1, 1, 1] = 1", () => {
    const x = Float64Array.of(1e16, 1, -1e16);
    const y = Float64Array.of(1, 1, 1);
    assert.equal(dot2(x, 0, y, 0, 3), 1);
  });
});

describe("lstsq", () => {
  it("exactly solvable square system: x = (1, −2, 4)", () => {
    const A = Mat.from([
      [4, -2, 1],
      [3, 6, -4],
      [2, 1, 8],
    ]);
    const { x, rank } = lstsq(A, Float64Array.of(12, -25, 32));
    assert.equal(rank, 3);
    assert.ok(maxAbsDiff(x, [1, -2, 4]) < 1e-14, "maxAbsDiff(x, [1, -2, 4]) < 1e-14");
  });

  it("line fit to (0,1), (1,3), (2,4), (3,4): intercept 1.5, slope 1, residual sum of squares 1", () => {
    // By hand: x̄ = 1.5, ȳ = 3, Sxx = 5, Sxy = 5 → slope 1, intercept 1.5; residuals ∓0.5 → SS = 1.
    const A = Mat.from([
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
    ]);
    const { x, residuals, rank, s } = lstsq(A, Float64Array.of(1, 3, 4, 4));
    assert.equal(rank, 2);
    assert.equal(s.length, 2);
    assert.ok(maxAbsDiff(x, [1.5, 1]) < 1e-14, "maxAbsDiff(x, [1.5, 1]) < 1e-14");
    assert.equal(residuals.length, 1);
    close(residuals[0]!, 1, 1e-13, "residual");
  });

  it("matches numpy on an over-determined 6×3 system", () => {
    // python3 -c "import numpy as np; C=np.array([[2,-1,0],[1,3,1],[0,1,4],[1,0,1],[3,2,-2],[1,1,1]],float);
    //   print(np.linalg.lstsq(C, np.arange(1.,7.)))"
    const C = Mat.from([
      [2, -1, 0],
      [1, 3, 1],
      [0, 1, 4],
      [1, 0, 1],
      [3, 2, -2],
      [1, 1, 1],
    ]);
    const { x, residuals } = lstsq(C, Float64Array.of(1, 2, 3, 4, 5, 6));
    const ref = [1.7322175732217573, 0.44456066945606637, 0.7573221757322175];
    for (let i = 0; i < 3; i++) close(x[i]!, ref[i]!, 1e-14, `x${i}`);
    close(residuals[0]!, 19.493723849372383, 1e-13, "residual");
  });

  it("several right-hand sides at once equal column-by-column solutions", () => {
    const A = randn(9, 4, 3);
    const B = randn(9, 3, 4);
    const { x } = lstsq(A, B);
    assert.deepEqual(x.shape, [4, 3]);
    for (let j = 0; j < 3; j++) {
      const xj = lstsq(A, B.col(j)).x;
      assert.ok(maxAbsDiff(x.col(j), xj) < 1e-14, "maxAbsDiff(x.col(j), xj) < 1e-14");
    }
  });

  it("minimum-norm solutions: [1 1]x = 2 → x = (1, 1); rank-deficient [[1,1],[1,1]]x = (2,2) → (1, 1), rank 1", () => {
    const under = lstsq(Mat.from([[1, 1]]), Float64Array.of(2));
    assert.ok(maxAbsDiff(under.x, [1, 1]) < 1e-15, "maxAbsDiff(under.x, [1, 1]) < 1e-15");
    assert.equal(under.residuals.length, 0);
    const def = lstsq(
      Mat.from([
        [1, 1],
        [1, 1],
      ]),
      Float64Array.of(2, 2),
    );
    assert.equal(def.rank, 1);
    assert.ok(maxAbsDiff(def.x, [1, 1]) < 1e-15, "maxAbsDiff(def.x, [1, 1]) < 1e-15");
    assert.equal(def.residuals.length, 0);
    // A large rcond cuts the second singular value of diag(1, 1e-3): x = (b0, 0).
    const cut = lstsq(
      Mat.from([
        [1, 0],
        [0, 1e-3],
      ]),
      Float64Array.of(2, 3),
      1e-2,
    );
    assert.equal(cut.rank, 1);
    assert.ok(maxAbsDiff(cut.x, [2, 0]) < 1e-15, "maxAbsDiff(cut.x, [2, 0]) < 1e-15");
  });

  it("refuses a right-hand side with the wrong number of rows, naming both shapes", () => {
    throwsAnsatz(
      () => lstsq(new Mat(3, 2), new Float64Array(4)),
      "bad-shape",
      /lstsq\(B\).*\[3, 2\].*length 3.*length 4/,
    );
    throwsAnsatz(() => lstsq(new Mat(3, 2), new Float64Array(3), -1), "bad-value", /rcond/);
  });
});

describe("solve, inverse", () => {
  const E = Mat.from([
    [4, -2, 1],
    [3, 6, -4],
    [2, 1, 8],
  ]);

  it("solve: E x = (12, −25, 32) gives x = (1, −2, 4) (substitution check by hand)", () => {
    assert.ok(
      maxAbsDiff(solve(E, Float64Array.of(12, -25, 32)), [1, -2, 4]) < 1e-14,
      "maxAbsDiff(solve(E, Float64Array.of(12, -25, 32)), [1, -2, 4]) < 1e-14",
    );
    const X = solve(
      E,
      Mat.from([
        [12, 4],
        [-25, 3],
        [32, 2],
      ]),
    );
    assert.ok(maxAbsDiff(X.col(0), [1, -2, 4]) < 1e-14, "maxAbsDiff(X.col(0), [1, -2, 4]) < 1e-14");
    assert.ok(maxAbsDiff(X.col(1), [1, 0, 0]) < 1e-14, "maxAbsDiff(X.col(1), [1, 0, 0]) < 1e-14");
  });

  it("inverse: E⁻¹ = adj(E)/263 with adj(E) = [[52,17,2],[−32,30,19],[−9,−8,30]] (det E = 263)", () => {
    const adj = [52, 17, 2, -32, 30, 19, -9, -8, 30].map((v) => v / 263);
    assert.ok(maxAbsDiff(inverse(E).data, adj) < 1e-16 * 10, "maxAbsDiff(inverse(E).data, adj) < 1e-16 * 10");
    const R = randn(30, 30, 9);
    assert.ok(
      maxAbsDiff(R.matmul(inverse(R)).data, Mat.eye(30).data) < 1e-12,
      "maxAbsDiff(R.matmul(inverse(R)).data, Mat.eye(30).data) < 1e-12",
    );
  });

  it("a singular matrix is refused naming the zero pivot", () => {
    const S = Mat.from([
      [1, 2],
      [2, 4],
    ]);
    throwsAnsatz(
      () => solve(S, Float64Array.of(1, 1)),
      "bad-value",
      /solve\(A\): expected a non-singular matrix, found a zero pivot in column 1/,
    );
    throwsAnsatz(() => inverse(S), "bad-value", /inverse\(A\).*singular/);
    throwsAnsatz(() => solve(new Mat(2, 3), Float64Array.of(1, 1)), "bad-shape", /square matrix.*\[2, 3\]/);
  });
});

describe("cholesky, logDet", () => {
  // The classic example A = L Lᵀ with L = [[2,0,0],[6,1,0],[−8,5,3]].
  const A = Mat.from([
    [4, 12, -16],
    [12, 37, -43],
    [-16, -43, 98],
  ]);

  it("factors [[4,12,−16],[12,37,−43],[−16,−43,98]] into L = [[2,0,0],[6,1,0],[−8,5,3]] exactly", () => {
    assert.deepEqual(Array.from(cholesky(A).data), [2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it("logDet = 2 log(2·1·3) = log 36", () => {
    close(logDet(A), Math.log(36), 1e-15, "logdet");
    const R = randn(40, 20, 4);
    const G = R.transpose().matmul(R);
    const L = cholesky(G);
    assert.ok(
      maxAbsDiff(L.matmul(L.transpose()).data, G.data) < 1e-12,
      "maxAbsDiff(L.matmul(L.transpose()).data, G.data) < 1e-12",
    );
    const ev = eigSym(G).values;
    close(
      logDet(G),
      ev.reduce((s, v) => s + Math.log(v), 0),
      1e-12,
      "logdet vs eigenvalues",
    );
  });

  it("refuses indefinite and non-symmetric matrices, naming the failure", () => {
    const indef = Mat.from([
      [1, 2],
      [2, 1],
    ]);
    throwsAnsatz(() => cholesky(indef), "bad-value", /positive-definite.*pivot -3 <= 0 at row 1/);
    throwsAnsatz(() => logDet(indef), "bad-value", /logDet\(A\)/);
    throwsAnsatz(
      () =>
        cholesky(
          Mat.from([
            [2, 1],
            [0, 2],
          ]),
        ),
      "bad-value",
      /symmetric matrix.*A\[0\]\[1\] = 1 but A\[1\]\[0\] = 0/,
    );
  });
});

describe("eigSym, eig", () => {
  it("eigSym [[2,1],[1,2]]: values (3, 1), vectors (1,1)/√2 and (1,−1)/√2", () => {
    const { values, vectors } = eigSym(
      Mat.from([
        [2, 1],
        [1, 2],
      ]),
    );
    assert.ok(maxAbsDiff(values, [3, 1]) < 1e-15, "maxAbsDiff(values, [3, 1]) < 1e-15");
    const r = Math.SQRT1_2;
    assert.ok(
      maxAbsDiff(vectors.data, [r, r, r, -r]) < 1e-15,
      "maxAbsDiff(vectors.data, [r, r, r, -r]) < 1e-15",
    );
  });

  it("eigSym of a random symmetric 25×25: descending, A V = V Λ and VᵀV = I to 1e-12", () => {
    const R = randn(25, 25, 6);
    const S = R.matmul(R.transpose());
    for (let i = 0; i < 25; i++) S.set(i, i, S.get(i, i) - 20);
    const { values, vectors } = eigSym(S);
    for (let i = 1; i < 25; i++) assert.ok(values[i - 1]! >= values[i]!, "values[i - 1]! >= values[i]!");
    const AV = S.matmul(vectors);
    for (let i = 0; i < 25; i++)
      for (let j = 0; j < 25; j++)
        assert.ok(
          Math.abs(AV.get(i, j) - values[j]! * vectors.get(i, j)) < 1e-11,
          "Math.abs(AV.get(i, j) - values[j]! * vectors.get(i, j)) < 1e-11",
        );
    assert.ok(
      maxAbsDiff(vectors.transpose().matmul(vectors).data, Mat.eye(25).data) < 1e-12,
      "maxAbsDiff(vectors.transpose().matmul(vectors).data, Mat.eye(25).data) < 1e-12",
    );
  });

  it("eig of the rotation [[0,−1],[1,0]] gives ±i with A v = λ v", () => {
    const A = Mat.from([
      [0, -1],
      [1, 0],
    ]);
    const e = eig(A);
    assert.ok(maxAbsDiff(e.re, [0, 0]) < 1e-15, "maxAbsDiff(e.re, [0, 0]) < 1e-15");
    assert.ok(maxAbsDiff(e.im, [1, -1]) < 1e-15, "maxAbsDiff(e.im, [1, -1]) < 1e-15");
    checkEig(A, e, 1e-14);
  });

  it("eig of the companion matrix of (x−1)(x−2)(x−3)(x−4) gives 1, 2, 3, 4", () => {
    const A = Mat.from([
      [0, 0, 0, -24],
      [1, 0, 0, 50],
      [0, 1, 0, -35],
      [0, 0, 1, 10],
    ]);
    const e = eig(A);
    const sorted = Array.from(e.re).sort((p, q) => p - q);
    assert.ok(maxAbsDiff(sorted, [1, 2, 3, 4]) < 1e-12, "maxAbsDiff(sorted, [1, 2, 3, 4]) < 1e-12");
    assert.ok(maxAbsDiff(e.im, [0, 0, 0, 0]) === 0, "maxAbsDiff(e.im, [0, 0, 0, 0]) === 0");
    checkEig(A, e, 1e-12);
  });

  it("eig of the badly scaled [[1,1e6,0],[1e-6,2,1e6],[0,1e-6,3]] (similar to [[1,1,0],[1,2,1],[0,1,3]]): 2 − √3, 2, 2 + √3", () => {
    const A = Mat.from([
      [1, 1e6, 0],
      [1e-6, 2, 1e6],
      [0, 1e-6, 3],
    ]);
    const e = eig(A);
    const sorted = Array.from(e.re).sort((p, q) => p - q);
    assert.ok(
      maxAbsDiff(sorted, [2 - Math.sqrt(3), 2, 2 + Math.sqrt(3)]) < 1e-14,
      "maxAbsDiff(sorted, [2 - Math.sqrt(3), 2, 2 + Math.sqrt(3)]) < 1e-14",
    );
    checkEig(A, e, 1e-9);
  });

  it("eig of [[1,2,0],[−2,1,0],[0,0,3]]: 1 ± 2i and 3, eigenvector of 1+2i ∝ (−i, 1, 0)/√2 as numpy", () => {
    // python3 -c "import numpy as np; print(np.linalg.eig(np.array([[1,2,0],[-2,1,0],[0,0,3]],float)))"
    const A = Mat.from([
      [1, 2, 0],
      [-2, 1, 0],
      [0, 0, 3],
    ]);
    const e = eig(A);
    const idx = Array.from(e.im).findIndex((v) => v > 0);
    assert.ok(
      Math.abs(e.re[idx]! - 1) < 1e-15 && Math.abs(e.im[idx]! - 2) < 1e-15,
      "Math.abs(e.re[idx]! - 1) < 1e-15 && Math.abs(e.im[idx]! - 2) < 1e-15",
    );
    checkEig(A, e, 1e-14);
    // Normalised with the largest-modulus entry real positive: (−i, 1, 0)/√2 → multiply by i: (1, i, 0)/√2.
    const r = Math.SQRT1_2;
    assert.ok(
      maxAbsDiff(e.vectorsRe.col(idx), [r, 0, 0]) < 1e-15,
      "maxAbsDiff(e.vectorsRe.col(idx), [r, 0, 0]) < 1e-15",
    );
    assert.ok(
      maxAbsDiff(e.vectorsIm.col(idx), [0, r, 0]) < 1e-15,
      "maxAbsDiff(e.vectorsIm.col(idx), [0, r, 0]) < 1e-15",
    );
  });

  it("eig of a random 12×12: A v = λ v for every (complex) pair, unit-norm vectors", () => {
    const A = randn(12, 12, 8);
    const e = eig(A);
    assert.ok(
      e.im.some((v) => v !== 0),
      "expected complex eigenvalues",
    );
    checkEig(A, e, 1e-12);
  });
});

function checkEig(A: Mat, e: ReturnType<typeof eig>, tol: number): void {
  const n = A.rows;
  for (let j = 0; j < n; j++) {
    let nrm = 0;
    for (let i = 0; i < n; i++) {
      let avr = 0;
      let avi = 0;
      for (let k = 0; k < n; k++) {
        avr += A.get(i, k) * e.vectorsRe.get(k, j);
        avi += A.get(i, k) * e.vectorsIm.get(k, j);
      }
      const vr = e.vectorsRe.get(i, j);
      const vi = e.vectorsIm.get(i, j);
      const lr = e.re[j]! * vr - e.im[j]! * vi;
      const li = e.re[j]! * vi + e.im[j]! * vr;
      assert.ok(Math.hypot(avr - lr, avi - li) < tol, `A v − λ v at (${i}, ${j})`);
      nrm += vr * vr + vi * vi;
    }
    assert.ok(Math.abs(nrm - 1) < 1e-13, `‖v_${j}‖ = 1`);
  }
}

describe("choleskySolve", () => {
  it("solves an SPD system exactly; the guard keeps a singular PSD system finite; 'lu' falls back on an indefinite one", () => {
    const G = Mat.from([
      [4, 2, 0.4],
      [2, 5, 1],
      [0.4, 1, 3],
    ]);
    const X = Mat.from([
      [1, -2],
      [0.5, 3],
      [-1, 0.25],
    ]);
    const B = G.matmul(X);
    for (const mode of ["guard", "lu"] as const) {
      const got = choleskySolve(G, B, { ifNotPositive: mode });
      for (let i = 0; i < 6; i++)
        assert.ok(Math.abs(got.data[i]! - X.data[i]!) < 1e-12, `${mode} entry ${i}`);
    }
    const singular = Mat.from([
      [1, 1],
      [1, 1],
    ]);
    const g = choleskySolve(singular, Mat.from([[2], [2]]));
    assert.ok(g.data.every(Number.isFinite), `guarded solution ${Array.from(g.data)}`);
    const indefinite = Mat.from([
      [1, 2],
      [2, 1],
    ]);
    const l = choleskySolve(indefinite, Mat.from([[3], [3]]), { ifNotPositive: "lu" });
    assert.ok(
      Math.abs(l.data[0]! - 1) < 1e-12 && Math.abs(l.data[1]! - 1) < 1e-12,
      `LU fallback ${Array.from(l.data)}`,
    );
  });
});
