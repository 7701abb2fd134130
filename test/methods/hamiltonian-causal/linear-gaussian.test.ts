// Deterministic oracle tests of spec hamiltonian-causal.md §4.2 (items 1–6): exact EP rates via the
// Lyapunov equation, the breathing-parabola moment ODE, exact-kernel pair EP and kernel KL, the S1
// moment-ODE effects, and expm/Lyapunov on hand-computed 2×2 cases. All reference numbers are §4.1's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Mat } from "../../../src/core/matrix.ts";
import {
  expm,
  linearEffects,
  lyapunov,
  ou1dTimeDependentEntropy,
  ouEntropyRate,
  ouKernelKlRate,
  ouPairEntropyRate,
  ouStationaryCovariance,
} from "../../../src/methods/hamiltonian-causal/linear-gaussian.ts";
import {
  s1DraggedTrap,
  s2DraggedTrapUnderdamped,
  s3CurlTrap,
  s4CurlTrapUnderdamped,
  s5BeadSpring,
  s6Gyrator,
  s7BreathingParabola,
  s8OuVsOu,
  s9Ring,
} from "../../../src/methods/hamiltonian-causal/systems.ts";

function rel(a: number, b: number, tol: number, what: string): void {
  assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${what}: ${a} vs ${b} (rel tol ${tol})`);
}

test("§4.2.1 OU EP via Lyapunov: S5 2.025, S5b 0.6298172795, S3 0.18, S6 0.675, S3 C = 0.5 I", () => {
  const s5 = s5BeadSpring();
  rel(ouEntropyRate(s5.linear.M, s5.linear.D), 2.025, 1e-9, "S5");
  rel(s5.exact.epRate, 2.025, 1e-12, "S5 closed form");
  // S5 covariance: [[(7T1+T2)/12, (T1+T2)/6], [., (T1+7T2)/12]] = [[17/12, 11/6], [11/6, 71/12]]
  rel(s5.stationaryCovariance.get(0, 0), 17 / 12, 1e-9, "S5 C11");
  rel(s5.stationaryCovariance.get(0, 1), 11 / 6, 1e-9, "S5 C12");
  rel(s5.stationaryCovariance.get(1, 1), 71 / 12, 1e-9, "S5 C22");
  const s5b = s5BeadSpring({ N: 5 });
  rel(ouEntropyRate(s5b.linear.M, s5b.linear.D), 0.6298172795, 1e-8, "S5b Lyapunov");
  rel(s5b.exact.closedForm!, 0.6298172795, 1e-9, "S5b closed form");
  const s3 = s3CurlTrap();
  rel(ouEntropyRate(s3.linear.M, s3.linear.D), 0.18, 1e-9, "S3");
  rel(s3.exact.epRate, 0.18, 1e-12, "S3 closed");
  rel(s3.exact.ceKlRate, 0.045, 1e-12, "S3 CE_KL");
  const C = ouStationaryCovariance(s3.linear.M, s3.linear.D);
  assert.deepEqual(
    Array.from(C.data, (v) => Math.round(v * 1e12) / 1e12 + 0),
    [0.5, 0, 0, 0.5],
  );
  const s6 = s6Gyrator();
  assert.deepEqual(
    Array.from(s6.K.data, (v) => Math.round(v * 1e12) / 1e12 + 0),
    [1.5, -0.5, -0.5, 1.5],
  );
  rel(ouEntropyRate(s6.linear.M, s6.linear.D), 0.675, 1e-9, "S6 Lyapunov");
  rel(s6.exact.epRate, 0.675, 1e-12, "S6 closed form");
  // An equilibrium control: reversible OU (M symmetric, D ∝ I) has σ = 0.
  assert.ok(
    Math.abs(
      ouEntropyRate(
        Mat.from([
          [-2, 0.5],
          [0.5, -1],
        ]),
        Float64Array.of(0.7, 0.7),
      ),
    ) < 1e-12,
  );
});

test("§4.2.2 breathing parabola moment ODE (RK4, h = 1e-4) vs closed form σ(t); ∫_0^1 σ = 0.0403265", () => {
  const s7 = s7BreathingParabola();
  const table: [number, number][] = [
    [0.2, 0.019119],
    [0.4, 0.040677],
    [0.6, 0.053038],
    [0.8, 0.058543],
  ];
  for (const [t, ref] of table) {
    const r = ou1dTimeDependentEntropy(s7.stiffness, 1, 1, t);
    assert.ok(
      Math.abs(r.rate - s7.exact.sigma(t)) < 1e-5,
      `σ(${t}) ODE ${r.rate} vs closed ${s7.exact.sigma(t)}`,
    );
    assert.ok(Math.abs(s7.exact.sigma(t) - ref) < 1e-6, `σ(${t}) closed ${s7.exact.sigma(t)} vs spec ${ref}`);
  }
  assert.ok(Math.abs(ou1dTimeDependentEntropy(s7.stiffness, 1, 1, 1).total - 0.0403265) < 1e-6);
  assert.ok(Math.abs(ou1dTimeDependentEntropy(s7.stiffness, 1, 1, 2).total - 0.0965399) < 1e-6);
});

test("§4.2.3 exact-kernel pair EP: S3 0.1625508 (Δt 0.1), 0.1782055 (Δt 0.01); S5 1.9846360 (Δt 0.01)", () => {
  const s3 = s3CurlTrap();
  rel(ouPairEntropyRate(s3.linear.M, s3.linear.D, 0.1), 0.1625508, 1e-6, "S3 0.1");
  rel(ouPairEntropyRate(s3.linear.M, s3.linear.D, 0.01), 0.1782055, 1e-6, "S3 0.01");
  const s5 = s5BeadSpring();
  rel(ouPairEntropyRate(s5.linear.M, s5.linear.D, 0.01), 1.984636, 1e-6, "S5 0.01");
});

test("§4.2.4 OU-vs-OU kernel KL per unit time (S8): 0.2481940 (Δt 0.1), 0.2499813 (Δt 0.01), limit 0.25", () => {
  const s8 = s8OuVsOu();
  const k = (dt: number) => ouKernelKlRate(s8.linear.M, s8.referenceLinear.M, s8.linear.D, dt);
  rel(k(0.1), 0.248194, 1e-6, "Δt 0.1");
  rel(k(0.01), 0.2499813, 1e-6, "Δt 0.01");
  rel(k(0.001), 0.2499998, 1e-6, "Δt 0.001");
  rel(s8.exact.ceKlRate, 0.25, 1e-12, "closed");
});

test("§4.2.5 S1 moment ODE: CE_KL 5.333333, ATE_end 3.018316, ATE_cum 4.981684, ⟨W⟩/T 3.018316, ⟨Q⟩/T 2.536464", () => {
  const s1 = s1DraggedTrap();
  const drag = { M: s1.linear.M, c: s1.linear.c };
  const ref = { M: s1.linear.M, c: () => Float64Array.of(0) };
  const r = linearEffects(drag, ref, s1.linear.D, Float64Array.of(0), Mat.from([[1]]), 4, 1e-3);
  rel(r.pathKl, 16 / 3, 1e-7, "CE_KL");
  rel(r.ateEnd[0]!, 3.018316, 2e-7, "ATE_end");
  rel(r.ateCum[0]!, 4.981684, 2e-7, "ATE_cum");
  rel(s1.exact.ateEnd, 3.018316, 2e-7, "closed ATE_end");
  rel(s1.exact.ateCum, 4.981684, 2e-7, "closed ATE_cum");
  rel(s1.exact.workOverT, 3.018316, 2e-7, "closed W/T");
  rel(s1.exact.heatOverT, 2.536464, 2e-7, "closed Q/T");
  rel(s1.exact.ceKl, 16 / 3, 1e-12, "closed CE_KL");
  // ⟨W⟩ from the moments: ∫ k v (λ − m(t)) dt with the lag λ − m = (γv/k)(1 − e^{−kt/γ}); the ODE's
  // endpoint lag is v τ − m(τ), and ⟨Q⟩/T = ⟨W⟩/T − k·lag²/(2T).
  const lag = 4 - r.mean1[0]!;
  rel(s1.exact.workOverT - (lag * lag) / 2, 2.536464, 2e-7, "Q/T from the ODE lag");
  // the variance stays T/k = 1 under the drag
  rel(r.cov1.get(0, 0), 1, 1e-9, "variance");
  assert.equal(s2DraggedTrapUnderdamped().exact.ceKl, s1.exact.ceKl);
});

test("S4 and S9 exact values: σ = 2/3, ⟨x_i²⟩ = 2/3, ⟨x_1 v_2⟩ = 1/3; ring σ = 1, CE_KL rate 0.25", () => {
  const s4 = s4CurlTrapUnderdamped();
  rel(s4.exact.epRate, 2 / 3, 1e-12, "S4 σ");
  rel(s4.exact.positionVariance, 2 / 3, 1e-9, "S4 ⟨x²⟩");
  rel(s4.exact.x1v2, 1 / 3, 1e-9, "S4 ⟨x1 v2⟩");
  // power/T from the phase covariance: ε(⟨x1 v2⟩ − ⟨x2 v1⟩)/T = 0.5·(2/3)/0.5 = 2/3
  const C = s4.exact.phaseCovariance;
  rel((0.5 * (C.get(0, 3) - C.get(1, 2))) / s4.params.T, 2 / 3, 1e-9, "S4 power/T");
  const s9 = s9Ring();
  assert.equal(s9.exact.epRate, 1);
  assert.equal(s9.exact.ceKlRate, 0.25);
});

test("expm and lyapunov on hand-computed 2×2 cases", () => {
  // expm([[0, −θ], [θ, 0]]) = rotation by θ; θ = 1
  const R = expm(
    Mat.from([
      [0, -1],
      [1, 0],
    ]),
  );
  const want = [Math.cos(1), -Math.sin(1), Math.sin(1), Math.cos(1)];
  R.data.forEach((v, i) => {
    assert.ok(Math.abs(v - want[i]!) < 1e-13, `expm[${i}]`);
  });
  // expm(diag(2, −3)) = diag(e², e⁻³)
  const E = expm(
    Mat.from([
      [2, 0],
      [0, -3],
    ]),
  );
  rel(E.get(0, 0), Math.exp(2), 1e-13, "e^2");
  rel(E.get(1, 1), Math.exp(-3), 1e-12, "e^-3");
  // M = −I, Q = 2I ⇒ C = I; M = [[−1, 1], [0, −2]], Q = diag(2, 2): C = [[7/6, 1/6], [1/6, 1/2]] (c22 = 1/2, −3c12 + c22 = 0, −2c11 + 2c12 + 2 = 0)
  const C = lyapunov(
    Mat.from([
      [-1, 1],
      [0, -2],
    ]),
    Mat.from([
      [2, 0],
      [0, 2],
    ]),
  );
  const cw = [7 / 6, 1 / 6, 1 / 6, 1 / 2];
  C.data.forEach((v, i) => {
    assert.ok(Math.abs(v - cw[i]!) < 1e-12, `lyap[${i}] ${v}`);
  });
});
