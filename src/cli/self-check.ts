// The foundation self-check, registered as the reproduction `foundation` and run by the main job:
// core numerics and the tensor engine measured against exact values (closed forms), each as a claim
// {measured, reference, tolerance, pass}. `--quick` shortens the long runs (stated per claim).

import { fft } from "../core/fft.ts";
import { spectralNorm } from "../core/linalg.ts";
import { Mat } from "../core/matrix.ts";
import { dopri5, ksInitialCondition, kuramotoSivashinsky, rk4 } from "../core/ode/index.ts";
import { Rng } from "../core/random.ts";
import { baoab, eulerMaruyamaStep, eulerMaruyamaWork } from "../core/sde/index.ts";
import { mean, variance } from "../core/stats.ts";
import { reproductions } from "../ctf/registry.ts";
import type { Claim, ReproResult } from "../ctf/reproduction.ts";
import { adam, gradcheck, linspace, MLP, mse, reshape, sin, train } from "../engine/index.ts";

type Check = (quick: boolean) => Claim;

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

const rk4Order: Check = () => {
  const err = (dt: number) => {
    const r = rk4(
      (_t, y, d) => {
        d[0] = -y[0]!;
      },
      Float64Array.of(1),
      { dt, steps: Math.round(1 / dt) },
    );
    return Math.abs(r.y.get(r.y.rows - 1, 0) - Math.exp(-1));
  };
  const order = Math.log2(err(0.1) / err(0.05));
  return {
    id: "rk4-order",
    description: "RK4 on y' = -y to t = 1: observed order log2(err(dt=0.1)/err(dt=0.05))",
    measured: order,
    reference: 4,
    tolerance: 0.1,
    pass: Math.abs(order - 4) < 0.1,
  };
};

const dopri5Energy: Check = () => {
  const periods = 100;
  const r = dopri5(
    (_t, y, d) => {
      d[0] = y[1]!;
      d[1] = -y[0]!;
    },
    Float64Array.of(1, 0),
    { t0: 0, t1: 2 * Math.PI * periods, rtol: 1e-10, atol: 1e-10, tEval: [2 * Math.PI * periods] },
  );
  const q = r.y.get(0, 0);
  const p = r.y.get(0, 1);
  const drift = Math.abs(0.5 * (q * q + p * p) - 0.5) / 0.5;
  return {
    id: "dopri5-energy",
    description: `Dormand–Prince 5(4), rtol = atol = 1e-10: relative energy drift of a harmonic oscillator over ${periods} periods`,
    measured: drift,
    reference: 0,
    tolerance: 1e-7,
    pass: drift < 1e-7,
  };
};

const ksBounded: Check = (quick) => {
  const steps = quick ? 2000 : 10000;
  const ks = kuramotoSivashinsky({ n: 1024, length: 32 * Math.PI, dt: 0.025 });
  ks.setState(ksInitialCondition(1024, 32 * Math.PI));
  const u = new Float64Array(1024);
  let maxEnergy = 0;
  for (let s = 0; s < steps; s += 100) {
    ks.step(100);
    ks.state(u);
    let e = 0;
    for (let i = 0; i < u.length; i++) e += u[i]! * u[i]!;
    maxEnergy = Math.max(maxEnergy, (0.5 * e) / u.length);
  }
  return {
    id: "ks-etdrk4-bounded",
    description: `Kuramoto–Sivashinsky (N = 1024, L = 32π, ETDRK4, dt = 0.025), ${steps} steps: largest energy ½⟨u²⟩ seen`,
    measured: maxEnergy,
    reference: "bounded, O(1)",
    tolerance: "< 5",
    pass: Number.isFinite(maxEnergy) && maxEnergy < 5,
  };
};

const fftVsDft: Check = () => {
  const n = 1000;
  const rng = new Rng(1);
  const x = new Float64Array(n);
  rng.fillNormal(x);
  const { re, im } = fft(x);
  let worst = 0;
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * ((j * k) % n)) / n;
      sr += x[j]! * Math.cos(a);
      si += x[j]! * Math.sin(a);
    }
    worst = Math.max(worst, Math.hypot(re[k]! - sr, im[k]! - si));
  }
  return {
    id: "fft-vs-dft",
    description: "FFT of 1000 normal draws vs the literal DFT sum: largest absolute difference",
    measured: worst,
    reference: 0,
    tolerance: 1e-9,
    pass: worst < 1e-9,
  };
};

const spectralRankOne: Check = () => {
  const rng = new Rng(2);
  const u = new Float64Array(300);
  const v = new Float64Array(400);
  rng.fillNormal(u);
  rng.fillNormal(v);
  const a = new Mat(300, 400);
  for (let i = 0; i < 300; i++) for (let j = 0; j < 400; j++) a.data[i * 400 + j] = u[i]! * v[j]!;
  const norm = (x: Float64Array) => Math.sqrt(x.reduce((s, t) => s + t * t, 0));
  const exact = norm(u) * norm(v);
  const err = relErr(spectralNorm(a), exact);
  return {
    id: "spectral-norm-rank-one",
    description: "spectral norm of u vᵀ (300 × 400) vs ‖u‖‖v‖: relative error",
    measured: err,
    reference: 0,
    tolerance: 1e-12,
    pass: err < 1e-12,
  };
};

const ouVariance: Check = (quick) => {
  const theta = 1;
  const sigma = 1;
  const dt = 0.1; // θdt = 0.1: the variance estimate's relative SE is ≈ 0.44% at 10^6 steps, so 2% ≈ 4.5 SE
  const steps = quick ? 200_000 : 1_000_000;
  const rng = new Rng(3);
  const x = Float64Array.of(0);
  const work = eulerMaruyamaWork(1);
  const sys = {
    drift: (_t: number, y: Float64Array, out: Float64Array) => {
      out[0] = -theta * y[0]!;
    },
    diffusion: sigma,
  };
  let s = 0;
  let s2 = 0;
  const burn = 1000;
  for (let n = 0; n < steps + burn; n++) {
    eulerMaruyamaStep(sys, n * dt, x, dt, rng, work, n);
    if (n >= burn) {
      s += x[0]!;
      s2 += x[0]! * x[0]!;
    }
  }
  const v = s2 / steps - (s / steps) ** 2;
  const exact = (sigma * sigma * dt) / (1 - (1 - theta * dt) ** 2);
  const tol = quick ? 0.05 : 0.02;
  return {
    id: "ou-stationary-variance",
    description: `Euler–Maruyama Ornstein–Uhlenbeck (θ = σ = 1, dt = 0.1), ${steps} steps: variance vs the scheme's exact σ²dt/(1-(1-θdt)²)`,
    measured: v,
    reference: exact,
    tolerance: `${tol * 100}% relative`,
    pass: relErr(v, exact) < tol,
  };
};

const baoabHarmonic: Check = (quick) => {
  const steps = quick ? 200_000 : 1_000_000;
  const r = baoab({
    force: (q, out) => {
      out[0] = -q[0]!;
    },
    mass: 1,
    friction: 1,
    kT: 1,
    q0: Float64Array.of(0),
    dt: 0.5,
    steps,
    rng: new Rng(4),
    recordEvery: 10,
  });
  const v = variance(r.q.col(0));
  const tol = quick ? 0.05 : 0.02;
  return {
    id: "baoab-harmonic-variance",
    description: `BAOAB on U = q²/2 (kT = 1, γ = 1, h = 0.5), ${steps} steps: position variance vs the exact kT/k (BAOAB is exact here)`,
    measured: v,
    reference: 1,
    tolerance: `${tol * 100}% relative`,
    pass: relErr(v, 1) < tol,
  };
};

const engineGradcheck: Check = () => {
  const rng = new Rng(5);
  const net = new MLP([3, 8, 8, 2], { rng, activation: "tanh" });
  const x = linspace(-1, 1, 12);
  const xs = reshape(x, [4, 3]);
  const res = gradcheck((p) => mse(net.apply(p, xs), reshape(sin(linspace(0, 3, 8)), [4, 2])), net.params, {
    eps: 1e-5,
  });
  return {
    id: "engine-gradcheck-mlp",
    description:
      "reverse-mode gradient of an MLP 3→8→8→2 (tanh) MSE vs central finite differences: largest relative error",
    measured: res.maxRelError,
    reference: 0,
    tolerance: 1e-6,
    pass: res.ok && res.maxRelError < 1e-6,
  };
};

const engineRegression: Check = () => {
  const rng = new Rng(6);
  const net = new MLP([1, 16, 16, 1], { rng, activation: "tanh" });
  const xs = reshape(linspace(-Math.PI, Math.PI, 64), [64, 1]);
  const ys = sin(xs);
  const { losses } = train({
    params: net.params,
    loss: (p) => mse(net.apply(p, xs), ys),
    optimizer: adam({ lr: 0.01 }),
    batches: () => null,
    steps: 1000,
    rng,
    progress: false,
  });
  const final = mse(net.apply(net.params, xs), ys).item();
  return {
    id: "engine-regression-sin",
    description: `MLP 1→16→16→1 (tanh), 1000 Adam steps on y = sin x: final MSE (first was ${losses[0]!.toFixed(3)})`,
    measured: final,
    reference: 0,
    tolerance: "< 1e-3",
    pass: final < 1e-3,
  };
};

const normalMoments: Check = () => {
  const x = new Float64Array(1_000_000);
  new Rng(7).fillNormal(x);
  const m = mean(x);
  const v = variance(x);
  const se = 1 / Math.sqrt(x.length);
  return {
    id: "rng-normal-moments",
    description: "10^6 standard normal draws: |mean|/SE and |var − 1|/SE(var)",
    measured: { meanInSE: Math.abs(m) / se, varInSE: Math.abs(v - 1) / (Math.SQRT2 * se) },
    reference: { meanInSE: 0, varInSE: 0 },
    tolerance: "< 5 standard errors each",
    pass: Math.abs(m) / se < 5 && Math.abs(v - 1) / (Math.SQRT2 * se) < 5,
  };
};

const checks: [string, Check][] = [
  ["random", normalMoments],
  ["fft", fftVsDft],
  ["linear algebra", spectralRankOne],
  ["RK4", rk4Order],
  ["Dormand–Prince", dopri5Energy],
  ["ETDRK4 Kuramoto–Sivashinsky", ksBounded],
  ["Euler–Maruyama", ouVariance],
  ["BAOAB", baoabHarmonic],
  ["engine gradients", engineGradcheck],
  ["engine training", engineRegression],
];

/** Runs every foundation check. */
export function runFoundation(opts: { quick: boolean; onProgress?: (m: string) => void }): ReproResult {
  const claims = checks.map(([name, check]) => {
    opts.onProgress?.(name);
    return check(opts.quick);
  });
  return { method: "foundation", claims };
}

export function registerFoundation(): void {
  reproductions.add({
    id: "foundation",
    title: "Foundation self-check: core numerics and the tensor engine against exact values",
    run: runFoundation,
  });
}
