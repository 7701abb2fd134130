// Independence proposals q(m) for the Hopfield order parameter m ∈ R^P, used by the Metropolis–Hastings
// m-chain of `sampleHopfield` (spec §2.1). Both are mixtures with a broad N(0, s_b² I) component of small
// weight, so q > 0 everywhere and w/q is bounded: the MH chain targets the HS weight w(m) exactly.
// - Grid (P ≤ 3): G^P cells on [−L, L]^P, L = 1 + 5σ, σ = (Nβ)^{-1/2} (m = m̂(s) + N(0, σ²) noise with
//   |m̂_μ| ≤ 1, so the box holds all but ~1e-7 of the mass), cell spacing ≈ σ/3.5; a cell is drawn with
//   probability ∝ w(cell centre), then m uniform within the cell (the "jitter").
// - Mixture (any P): Gaussians at the modes of w found by Newton ascent from ±m* e_μ and 0 (m* = tanh(βm*)),
//   covariance (1.3)² (−∇² log w)^{-1} at the mode (isotropic fallback where that is not positive definite),
//   weights ∝ w(mode) √det Σ (Laplace).
import { cholesky, inverse, solve } from "../../core/linalg.ts";
import { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { type Hopfield, logWeightRows, type PatternRows, retrievalOverlap } from "./hopfield.ts";

const LOG_2PI = Math.log(2 * Math.PI);
const BROAD_WEIGHT = 0.02;

export interface OverlapProposal {
  kind: "grid" | "mixture";
  /** Fills out[0..P) with a draw and returns log q(out). */
  draw(rng: Rng, out: Float64Array): number;
  /** Grid points per axis (grid) or number of Gaussian components (mixture), broad component excluded. */
  size: number;
}

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Half-width L and HS noise scale σ of the box holding the m-mass. */
export function overlapBox(model: Hopfield): { halfWidth: number; sigma: number } {
  const sigma = 1 / Math.sqrt(model.n * model.beta);
  return { halfWidth: 1 + 5 * sigma, sigma };
}

/** Grid points per axis for spacing ≈ σ/3.5, capped so that G^P ≤ maxCells. */
export function gridPointsPerAxis(model: Hopfield, maxCells = 2e6): number {
  const { halfWidth, sigma } = overlapBox(model);
  const want = Math.ceil((2 * halfWidth * 3.5) / sigma);
  const cap = Math.floor(maxCells ** (1 / model.p) + 1e-9);
  return Math.max(2, Math.min(want, cap));
}

function broadLogDensity(m: Float64Array, p: number, sb: number): number {
  let r2 = 0;
  for (let mu = 0; mu < p; mu++) r2 += m[mu]! * m[mu]!;
  return (-0.5 * r2) / (sb * sb) - p * Math.log(sb) - 0.5 * p * LOG_2PI;
}

export function gridProposal(model: Hopfield, g: PatternRows, perAxis: number): OverlapProposal {
  const { n, p, beta } = model;
  const L = overlapBox(model).halfWidth;
  const G = perAxis;
  const h = (2 * L) / G;
  const cells = G ** p;
  const cdf = new Float64Array(cells);
  const centre = new Float64Array(p);
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < cells; c++) {
    let r = c;
    for (let mu = p - 1; mu >= 0; mu--) {
      centre[mu] = -L + ((r % G) + 0.5) * h;
      r = Math.floor(r / G);
    }
    const lw = logWeightRows(g, p, n, beta, centre);
    cdf[c] = lw;
    if (lw > max) max = lw;
  }
  let acc = 0;
  for (let c = 0; c < cells; c++) {
    acc += Math.exp(cdf[c]! - max);
    cdf[c] = acc;
  }
  const logTotal = Math.log(acc);
  const logVol = p * Math.log(h);
  const sb = 0.6 * L;
  const logEps = Math.log(BROAD_WEIGHT);
  const log1mEps = Math.log1p(-BROAD_WEIGHT);
  const logQ = (m: Float64Array): number => {
    let c = 0;
    let inBox = true;
    for (let mu = 0; mu < p; mu++) {
      const k = Math.floor((m[mu]! + L) / h);
      if (k < 0 || k >= G) {
        inBox = false;
        break;
      }
      c = c * G + k;
    }
    let lg = Number.NEGATIVE_INFINITY;
    if (inBox) {
      const mass = cdf[c]! - (c > 0 ? cdf[c - 1]! : 0);
      if (mass > 0) lg = log1mEps + Math.log(mass) - logTotal - logVol;
    }
    return logAddExp(lg, logEps + broadLogDensity(m, p, sb));
  };
  return {
    kind: "grid",
    size: G,
    draw(rng: Rng, out: Float64Array): number {
      if (rng.uniform() < BROAD_WEIGHT) {
        for (let mu = 0; mu < p; mu++) out[mu] = sb * rng.normal();
      } else {
        const u = rng.uniform() * acc;
        let lo = 0;
        let hi = cells - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cdf[mid]! > u) hi = mid;
          else lo = mid + 1;
        }
        let r = lo;
        for (let mu = p - 1; mu >= 0; mu--) {
          out[mu] = -L + ((r % G) + rng.uniform()) * h;
          r = Math.floor(r / G);
        }
      }
      return logQ(out);
    },
  };
}

/** Gradient and Hessian of log w at m (Hessian P × P row-major into hess). */
function gradHess(
  g: PatternRows,
  p: number,
  n: number,
  beta: number,
  m: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
): void {
  for (let a = 0; a < p; a++) {
    grad[a] = -n * beta * m[a]!;
    for (let b = 0; b < p; b++) hess[a * p + b] = a === b ? -n * beta : 0;
  }
  for (let t = 0; t < g.count; t++) {
    let x = 0;
    for (let mu = 0; mu < p; mu++) x += g.rows[t * p + mu]! * m[mu]!;
    const th = Math.tanh(beta * x);
    const c = g.counts[t]!;
    for (let a = 0; a < p; a++) {
      const xa = g.rows[t * p + a]!;
      grad[a] = grad[a]! + c * beta * xa * th;
      for (let b = 0; b < p; b++)
        hess[a * p + b] = hess[a * p + b]! + c * beta * beta * (1 - th * th) * xa * g.rows[t * p + b]!;
    }
  }
}

/** −hess as a Mat when it is positive definite (log w locally concave), else null. */
function negDefinite(hess: Float64Array, p: number): Mat | null {
  const neg = new Mat(
    p,
    p,
    Float64Array.from(hess, (v) => -v),
  );
  try {
    cholesky(neg);
    return neg;
  } catch {
    return null;
  }
}

/** Lower Cholesky factor of Σ = infl² (−hess)^{-1}, or null when −hess is not positive definite. */
function covarianceFactor(hess: Float64Array, p: number, infl: number): Mat | null {
  const neg = negDefinite(hess, p);
  if (neg === null) return null;
  const inv = inverse(neg);
  const sym = new Mat(p, p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++)
      sym.data[i * p + j] = 0.5 * (inv.data[i * p + j]! + inv.data[j * p + i]!) * infl * infl;
  }
  return cholesky(sym);
}

/** Newton ascent on log w from m (in place), with step halving; returns log w at the end. */
function ascend(g: PatternRows, model: Hopfield, m: Float64Array): number {
  const { n, p, beta } = model;
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const trial = new Float64Array(p);
  let cur = logWeightRows(g, p, n, beta, m);
  for (let it = 0; it < 100; it++) {
    gradHess(g, p, n, beta, m, grad, hess);
    const neg = negDefinite(hess, p);
    // Newton step where concave, else the gradient step scaled by the prior curvature Nβ.
    const step = neg ? solve(neg, grad) : Float64Array.from(grad, (v) => v / (n * beta));
    let t = 1;
    let improved = false;
    for (let half = 0; half < 40; half++) {
      for (let mu = 0; mu < p; mu++) trial[mu] = m[mu]! + t * step[mu]!;
      const v = logWeightRows(g, p, n, beta, trial);
      if (v >= cur) {
        improved = v > cur + 1e-13;
        m.set(trial);
        cur = v;
        break;
      }
      t /= 2;
    }
    if (!improved) break;
  }
  return cur;
}

export function mixtureProposal(model: Hopfield, g: PatternRows): OverlapProposal {
  const { n, p, beta } = model;
  const { halfWidth, sigma } = overlapBox(model);
  const m0 = Math.max(retrievalOverlap(beta), 0.3);
  const starts: Float64Array[] = [new Float64Array(p)];
  for (let mu = 0; mu < p; mu++) {
    for (const sgn of [1, -1]) {
      const s = new Float64Array(p);
      s[mu] = sgn * m0;
      starts.push(s);
    }
  }
  const means: Float64Array[] = [];
  const factors: Mat[] = [];
  const logW: number[] = [];
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  for (const s of starts) {
    const lw = ascend(g, model, s);
    if (means.some((q) => q.reduce((acc, v, i) => acc + (v - s[i]!) ** 2, 0) < (sigma / 2) ** 2)) continue;
    gradHess(g, p, n, beta, s, grad, hess);
    let L = covarianceFactor(hess, p, 1.3);
    if (L === null) {
      L = new Mat(p, p);
      for (let i = 0; i < p; i++) L.data[i * p + i] = 2 * sigma;
    }
    let logDetL = 0;
    for (let i = 0; i < p; i++) logDetL += Math.log(L.data[i * p + i]!);
    means.push(s);
    factors.push(L);
    logW.push(lw + logDetL);
  }
  const k = means.length;
  const maxW = Math.max(...logW);
  let tot = 0;
  for (const v of logW) tot += Math.exp(v - maxW);
  const logPi = logW.map((v) => Math.log(1 - BROAD_WEIGHT) + v - maxW - Math.log(tot));
  const cum: number[] = [];
  let acc = 0;
  for (const v of logPi) {
    acc += Math.exp(v);
    cum.push(acc);
  }
  const logDets = factors.map((L) => {
    let s = 0;
    for (let i = 0; i < p; i++) s += Math.log(L.data[i * p + i]!);
    return s;
  });
  const sb = 0.6 * halfWidth;
  const z = new Float64Array(p);
  const logQ = (m: Float64Array): number => {
    let lq = Math.log(BROAD_WEIGHT) + broadLogDensity(m, p, sb);
    for (let c = 0; c < k; c++) {
      const L = factors[c]!.data;
      const mean = means[c]!;
      let r2 = 0;
      for (let i = 0; i < p; i++) {
        let s = m[i]! - mean[i]!;
        for (let q = 0; q < i; q++) s -= L[i * p + q]! * z[q]!;
        z[i] = s / L[i * p + i]!;
        r2 += z[i]! * z[i]!;
      }
      lq = logAddExp(lq, logPi[c]! - 0.5 * r2 - logDets[c]! - 0.5 * p * LOG_2PI);
    }
    return lq;
  };
  return {
    kind: "mixture",
    size: k,
    draw(rng: Rng, out: Float64Array): number {
      const u = rng.uniform();
      let c = 0;
      while (c < k && u >= cum[c]!) c++;
      if (c === k) {
        for (let mu = 0; mu < p; mu++) out[mu] = sb * rng.normal();
      } else {
        const L = factors[c]!.data;
        const mean = means[c]!;
        for (let i = 0; i < p; i++) z[i] = rng.normal();
        for (let i = 0; i < p; i++) {
          let s = mean[i]!;
          for (let q = 0; q <= i; q++) s += L[i * p + q]! * z[q]!;
          out[i] = s;
        }
      }
      return logQ(out);
    },
  };
}
