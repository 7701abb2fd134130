// Trajectory ensembles recorded on a Δt grid: the data type every simulator returns and every estimator
// reads (spec hamiltonian-causal.md §3, "Trajectory type"). Layout: x[(path·nPoints + t)·dim + i].
import { assertFinite, assertInt, assertPositive } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";

/** An ensemble of nPaths trajectories, each nPoints samples of a dim-vector, spaced dt apart from t0. */
export interface Ensemble {
  readonly dt: number;
  readonly t0: number;
  readonly nPaths: number;
  readonly nPoints: number;
  readonly dim: number;
  /** Row-major samples, index (path·nPoints + t)·dim + i. */
  readonly x: Float64Array;
}

/** Validates and wraps raw samples as an Ensemble (AnsatzError on bad dt, shape, NaN or < 2 points). */
export function makeEnsemble(
  x: Float64Array,
  shape: { nPaths: number; nPoints: number; dim: number },
  dt: number,
  t0 = 0,
  where = "trajectories",
): Ensemble {
  if (!(Number.isFinite(dt) && dt > 0))
    throw AnsatzError.expected("bad-value", `${where} dt`, "a finite Δt > 0", `${dt}`);
  assertInt(shape.nPaths, `${where} nPaths`, 1);
  assertInt(shape.dim, `${where} dim`, 1);
  assertInt(shape.nPoints, `${where} nPoints`, 0);
  if (shape.nPoints < 2) {
    throw AnsatzError.expected(
      "too-little-data",
      `${where} steps`,
      "at least 2 time points per trajectory",
      `${shape.nPoints}`,
    );
  }
  const n = shape.nPaths * shape.nPoints * shape.dim;
  if (x.length !== n) {
    throw AnsatzError.expected(
      "bad-shape",
      `${where} data`,
      `${n} values for [${shape.nPaths}, ${shape.nPoints}, ${shape.dim}]`,
      `${x.length} values`,
    );
  }
  assertFinite(x, where);
  return { dt, t0, nPaths: shape.nPaths, nPoints: shape.nPoints, dim: shape.dim, x };
}

/** Re-validates an Ensemble built elsewhere (shape, finiteness, Δt > 0, ≥ 2 points). */
export function checkEnsemble(e: Ensemble, where = "trajectories"): void {
  makeEnsemble(e.x, e, e.dt, e.t0, where);
  assertPositive(e.dt, `${where} dt`);
}

/** Number of increments in the ensemble: nPaths·(nPoints − 1). */
export function nIncrements(e: Ensemble): number {
  return e.nPaths * (e.nPoints - 1);
}

/** Total observed time τ_N = (#increments)·Δt. */
export function observedTime(e: Ensemble): number {
  return nIncrements(e) * e.dt;
}

/** Sample mean and its standard error (sd/√n, ddof 1) of independent values. */
export function meanAndStderr(values: Float64Array): { mean: number; stderr: number } {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]!;
  const m = s / n;
  if (n < 2) return { mean: m, stderr: Number.POSITIVE_INFINITY };
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i]! - m) ** 2;
  return { mean: m, stderr: Math.sqrt(v / (n - 1) / n) };
}

/**
 * Groups per-increment contributions into independent units and returns their totals: one unit per
 * path when nPaths ≥ 10, otherwise nBlocks contiguous blocks of increments per path (batch means).
 * `contrib` has one value per increment, index path·(nPoints − 1) + t.
 */
export function unitTotals(
  e: Ensemble,
  contrib: Float64Array,
  nBlocks = 20,
): { totals: Float64Array; unitTime: number } {
  const steps = e.nPoints - 1;
  if (e.nPaths >= 10) {
    const totals = new Float64Array(e.nPaths);
    for (let p = 0; p < e.nPaths; p++) {
      let s = 0;
      for (let t = 0; t < steps; t++) s += contrib[p * steps + t]!;
      totals[p] = s;
    }
    return { totals, unitTime: steps * e.dt };
  }
  const nb = Math.min(nBlocks, steps);
  const len = Math.floor(steps / nb);
  const totals = new Float64Array(nb * e.nPaths);
  for (let p = 0; p < e.nPaths; p++) {
    for (let b = 0; b < nb; b++) {
      let s = 0;
      for (let t = b * len; t < (b + 1) * len; t++) s += contrib[p * steps + t]!;
      totals[p * nb + b] = s;
    }
  }
  return { totals, unitTime: len * e.dt };
}
