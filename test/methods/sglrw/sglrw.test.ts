// Tests of the SGLRW update and its general ternary form (spec sglrw.md §2.1, §2.3, test B1).
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { buildLrw, ternaryProbs } from "../../../src/methods/sglrw/lrw.ts";
import { exponentialDecay, polynomialDecay } from "../../../src/methods/sglrw/schedules.ts";
import { buildSgld } from "../../../src/methods/sglrw/sgld.ts";
import { buildSglrw, sglrwProbPlus, sglrwQ } from "../../../src/methods/sglrw/sglrw.ts";

test("sglrw probabilities: p+ = ½(1 + clip(ĝ sqrt(δt/2T), −1, 1)) exactly (spec §2.1)", () => {
  // ĝ = 1, δt = 0.08, T = 1: q = sqrt(0.04) = 0.2, p+ = 0.6
  assert.ok(Math.abs(sglrwQ(1, 0.08, 1) - 0.2) < 1e-15);
  assert.ok(Math.abs(sglrwProbPlus(1, 0.08, 1) - 0.6) < 1e-15);
  // clipped: ĝ = ±100 → q = ±1 → p+ ∈ {1, 0}
  assert.equal(sglrwProbPlus(100, 0.08, 1), 1);
  assert.equal(sglrwProbPlus(-100, 0.08, 1), 0);
  assert.equal(sglrwProbPlus(Number.POSITIVE_INFINITY, 0.08, 1), 1);
});

test("ternaryProbs: moment matching E[Δ] = δt f, E[Δ²] = δt σ² and clipping (spec §1.2, §2.1)", () => {
  // f = 0.5, σ = 1, δt = 0.01, δx = 0.2: var = 0.25, mean = 0.025 → p+ = 0.1375, p− = 0.1125, p0 = 0.75
  const p = ternaryProbs(0.5, 1, 0.01, 0.2);
  assert.ok(Math.abs(p.plus - 0.1375) < 1e-15);
  assert.ok(Math.abs(p.minus - 0.1125) < 1e-15);
  assert.ok(Math.abs(p.zero - 0.75) < 1e-15);
  assert.ok(Math.abs(0.2 * (p.plus - p.minus) - 0.01 * 0.5) < 1e-15); // E[Δ] = δt f
  assert.ok(Math.abs(0.04 * (p.plus + p.minus) - 0.01) < 1e-15); // E[Δ²] = δt σ²
  // binary δx = σ sqrt(δt): p0 = 0 and p+ equals SGLRW's with σ = sqrt(2T)
  const b = ternaryProbs(0.7, Math.SQRT2, 0.05, Math.sqrt(2 * 0.05));
  assert.ok(Math.abs(b.zero) < 1e-15);
  assert.ok(Math.abs(b.plus - sglrwProbPlus(0.7, 0.05, 1)) < 1e-15);
  // drift beyond the variance is clipped to p− = 0
  const c = ternaryProbs(1e6, 1, 0.01, 0.2);
  assert.equal(c.minus, 0);
  assert.ok(Math.abs(c.plus - 0.25) < 1e-15);
});

// B1: fixed θ and mean gradient g, Gaussian gradient noise with covariance Σ = L Lᵀ (no clipping in
// practice: q has mean ≤ 0.16 and sd ≤ 0.16, so |q| > 1 has probability < 1e-7 per coordinate).
// Closed forms (spec §2.3): E[Δ_i] = δt g_i;  Δ_i² = δx² = 2Tδt exactly;  E[Δ_iΔ_j] = δt² (g_i g_j + Σ_ij).
// SGLD: E[Δ_i²] = 2Tδt + δt² (g_i² + Σ_ii).
test("B1: one-step moments of SGLRW match the closed form; SGLD carries the noise on the diagonal", () => {
  const lr = 0.1;
  const T = 1;
  const dx2 = 2 * T * lr;
  const g = [0.5, -0.3, 0.2];
  const L = [
    [0.6, 0, 0],
    [0.4, 0.5, 0],
    [-0.3, 0.2, 0.4],
  ];
  const Sigma = [0, 1, 2].map((i) => [0, 1, 2].map((j) => L[i]!.reduce((s, v, k) => s + v * L[j]![k]!, 0)));
  const noiseRng = new Rng(11);
  const z = new Float64Array(3);
  const grad = (_p: Float64Array, _b: null, out: Float64Array) => {
    for (let k = 0; k < 3; k++) z[k] = noiseRng.normal();
    for (let i = 0; i < 3; i++) out[i] = g[i]! + L[i]![0]! * z[0]! + L[i]![1]! * z[1]! + L[i]![2]! * z[2]!;
  };
  const n = 400_000;
  for (const which of ["sglrw", "sgld"] as const) {
    const sampler =
      which === "sglrw"
        ? buildSglrw(grad, { lr, temperature: T, rng: 5 })
        : buildSgld(grad, { lr, temperature: T, rng: 5 });
    const st = sampler.init([0, 0, 0]);
    const m1 = new Float64Array(3);
    const m2 = new Float64Array(9);
    const m4 = new Float64Array(9);
    for (let s = 0; s < n; s++) {
      st.params.fill(0);
      sampler.update(st, null);
      const d = st.params;
      for (let i = 0; i < 3; i++) {
        m1[i] = m1[i]! + d[i]!;
        if (which === "sglrw")
          assert.ok(Math.abs(d[i]! * d[i]! - dx2) < 1e-15, "Δ_i² must equal δx² exactly");
        for (let j = 0; j < 3; j++) {
          const p = d[i]! * d[j]!;
          m2[i * 3 + j] = m2[i * 3 + j]! + p;
          m4[i * 3 + j] = m4[i * 3 + j]! + p * p;
        }
      }
    }
    for (let i = 0; i < 3; i++) {
      const mean = m1[i]! / n;
      const se = Math.sqrt((m2[i * 3 + i]! / n - mean * mean) / n);
      assert.ok(
        Math.abs(mean - lr * g[i]!) < 4 * se,
        `${which} E[Δ_${i}] = ${mean} vs ${lr * g[i]!} (SE ${se})`,
      );
      for (let j = 0; j < 3; j++) {
        const e = m2[i * 3 + j]! / n;
        const se2 = Math.sqrt((m4[i * 3 + j]! / n - e * e) / n);
        const drift = lr * lr * (g[i]! * g[j]! + Sigma[i]![j]!);
        const expected = i === j ? (which === "sglrw" ? dx2 : dx2 + drift) : drift;
        assert.ok(
          Math.abs(e - expected) < 4 * se2 + 1e-15,
          `${which} E[Δ_${i}Δ_${j}] = ${e} vs ${expected} (SE ${se2})`,
        );
      }
    }
  }
});

test("lrw with default δx is the binary walk; with a wider lattice it stays put with probability p0", () => {
  const grad = (_p: Float64Array, _b: null, out: Float64Array) => out.fill(0.3);
  // δt = 0.01, T = 1, δx = 0.5: scaled_var = 0.02·... = 0.01·2/0.25 = 0.08 → p0 = 0.92
  const s = buildLrw(grad, { lr: 0.01, dx: 0.5, rng: 3 });
  const st = s.init(new Float64Array(1000));
  s.update(st, null);
  let stay = 0;
  for (const v of st.params) {
    assert.ok(v === 0 || v === 0.5 || v === -0.5);
    if (v === 0) stay++;
  }
  // Binomial(1000, 0.92): sd 8.6; 4 sd band
  assert.ok(Math.abs(stay - 920) < 35, `stayed ${stay}, expected ≈ 920`);
  const b = buildLrw(grad, { lr: 0.02, rng: 3 });
  const sb = b.init(new Float64Array(200));
  b.update(sb, null);
  for (const v of sb.params) assert.ok(Math.abs(Math.abs(v) - 0.2) < 1e-15);
});

test("bad input and divergence raise AnsatzError naming the field and the step", () => {
  const nanAt3 = (_p: Float64Array, _b: null, out: Float64Array) => out.fill(Number.NaN);
  assert.throws(
    () => buildSglrw(nanAt3, { lr: 0, rng: 1 }),
    (e: unknown) => e instanceof AnsatzError && /lr/.test(e.message),
  );
  assert.throws(
    () => buildSgld(nanAt3, { lr: -1, rng: 1 }),
    /sgld lr: expected a finite number > 0, found -1/,
  );
  let step = 0;
  const blowUp = (_p: Float64Array, _b: null, out: Float64Array) => {
    out[0] = step++ === 3 ? Number.NaN : 1;
  };
  const s = buildSglrw(blowUp, { lr: 0.1, rng: 1 });
  const st = s.init([0]);
  for (let k = 0; k < 3; k++) s.update(st, null);
  assert.throws(
    () => s.update(st, null),
    (e: unknown) => e instanceof AnsatzError && e.code === "diverged" && /step 3/.test(e.message),
  );
  const sgld = buildSgld(
    (_p: Float64Array, _b: null, out: Float64Array) => out.fill(Number.POSITIVE_INFINITY),
    {
      lr: 0.1,
      rng: 1,
    },
  );
  assert.throws(
    () => sgld.update(sgld.init([0, 0]), null),
    /sgld: diverged at step 0: params\[0\] = Infinity/,
  );
  const decaying = buildSglrw((_p: Float64Array, _b: null, out: Float64Array) => out.fill(0), {
    lr: (k) => (k < 2 ? 0.1 : -1),
    rng: 1,
  });
  const sd = decaying.init([0]);
  decaying.update(sd, null);
  decaying.update(sd, null);
  assert.throws(
    () => decaying.update(sd, null),
    /sglrw lr at step 2: expected a finite number > 0, found -1/,
  );
  assert.throws(
    () => s.init([Number.NaN]),
    /sglrw init params: expected finite values, found NaN at index 0/,
  );
});

test("schedules: posteriors' lr(step) = 1e-2 (step+1)^-0.33 drives the SGLRW step |Δ| = sqrt(2T lr(step))", () => {
  const lr = polynomialDecay(1e-2, 0.33);
  assert.ok(Math.abs(lr(0) - 1e-2) < 1e-18);
  assert.ok(Math.abs(lr(9) - 1e-2 * 10 ** -0.33) < 1e-15); // 4.677e-3
  const ex = exponentialDecay(1e-1, 1e-3, 100);
  assert.ok(Math.abs(ex(50) - 1e-2) < 1e-15 && ex(500) === 1e-3);
  const temp = (k: number) => (k === 0 ? 1 : 0.25);
  const s = buildSglrw((_p: Float64Array, _b: null, out: Float64Array) => out.fill(0), {
    lr,
    temperature: temp,
    rng: 8,
  });
  const st = s.init([0, 0, 0, 0, 0]);
  const prev = new Float64Array(5);
  for (let k = 0; k < 10; k++) {
    prev.set(st.params);
    s.update(st, null);
    const expected = Math.sqrt(2 * temp(k) * lr(k));
    for (let i = 0; i < 5; i++) assert.ok(Math.abs(Math.abs(st.params[i]! - prev[i]!) - expected) < 1e-14);
  }
  assert.equal(st.step, 10);
});
