// GRU forecaster: a recurrent neural baseline of the CTF (spec ctf.md §2.11 "optionally an LSTM"; the
// GRU of Cho et al., EMNLP 2014, with PyTorch's equations, src/engine/layers/gru-cell.ts).
//
// State. Each column is normalised by the training mean and standard deviation (pooled over every
// training matrix of the pair). For spatio-temporal data (KS: 1024 columns) the normalised rows are
// projected on the leading `podModes` POD modes (right singular vectors of the stacked normalised
// training matrices, computed by a randomised SVD with subspace iteration: Halko, Martinsson & Tropp,
// SIAM Review 53(2), 2011, Algorithms 4.4 and 5.1) and each POD coefficient is scaled to unit
// variance; predictions are lifted back through the same modes. The model sees z_t ∈ R^d.
//
// Network. h_{t+1} = GRU(z_t, h_t), h_0 = 0; the read-out predicts the INCREMENT of the normalised
// state in units of its typical size: ẑ_{t+1} = z_t + s_Δ ⊙ (W h_{t+1} + b) (a residual read-out, one
// `Linear`), s_Δ the root-mean-square one-step increment of each z coordinate in the training data.
// Without it the KS increments (Δt = 0.025) are ~1% of the state and quick KS forecasts blew up.
//
// Training. Windows of `window` consecutive rows are drawn uniformly from the training matrices (for
// pairs 8/9 from all three, each window from one matrix, start uniform over all valid windows). Loss:
// the mean squared error, in units of s_Δ, of the teacher-forced one-step predictions over the window, plus
// `rolloutSteps` further free-running steps (the model's own predictions fed back, gradients through
// them) continuing the same window. Adam (PyTorch semantics) with global-norm gradient clipping and a
// cosine learning-rate decay from `lr` to `lr·lrDecay`; every draw comes from the task's Rng, so the
// same seed gives a bit-identical forecast.
//
// Prediction. Forecast pairs (1, 3, 5, 6, 7): the hidden state is warmed up, teacher-forced from
// h = 0, on the last `window` rows of the (last) training matrix; the forecast is then closed-loop.
// Pairs 8/9: the same from the last `window` rows of the burn-in (the parameter is not an input: the
// warmed-up state must carry it). Closed-loop states are clipped to the training range of each z
// coordinate widened by 10% on both sides (a guard against runaway forecasts, not from a paper). Reconstruction pairs (2, 4): row 0 is the (projected) data row; each
// later row t is the one-step-ahead prediction from the data up to row t−1, the GRU run once through
// the whole sequence (a causal filter; trained on noisy targets, MSE makes it estimate the mean of the
// next row given the noisy past, which smooths the noise; the POD projection denoises KS as well).
import { z } from "zod";
import { assertFinite } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import { randomizedSvd } from "../../../core/linalg.ts";
import { Mat } from "../../../core/matrix.ts";
import type { Rng } from "../../../core/random.ts";
import {
  adam,
  add,
  concat,
  GRUCell,
  type GRUParams,
  Linear,
  type LinearParams,
  mse,
  mul,
  Tensor,
  train,
} from "../../../engine/index.ts";
import { parseModelConfig } from "../../model-config.ts";
import type { ForecastModel, ForecastTask } from "../forecast-model.ts";

export interface GruConfig {
  /** Hidden size of the GRU cell. */
  hidden: number;
  /** Rows per training window (teacher forcing) and rows of the warm-up before a forecast. */
  window: number;
  /** Free-running steps after each teacher-forced window, in the loss (0: pure teacher forcing). */
  rolloutSteps: number;
  /** Adam steps (0: the untrained, randomly initialised model). */
  steps: number;
  /** Windows per Adam step. */
  batch: number;
  /** Initial learning rate. */
  lr: number;
  /** Final learning rate as a fraction of `lr` (cosine decay; 1: constant). */
  lrDecay: number;
  /** Global gradient-norm clip. */
  clipNorm: number;
  /** POD modes kept for spatio-temporal data (ignored for dynamical data, or when ≥ the columns). */
  podModes: number;
}

const gruConfigSchema = z
  .object({
    hidden: z.number().int().min(1).max(4096).default(48),
    window: z.number().int().min(2).default(24),
    rolloutSteps: z.number().int().min(0).default(4),
    steps: z.number().int().min(0).default(350),
    batch: z.number().int().min(1).default(16),
    lr: z.number().positive().max(1).default(5e-3),
    lrDecay: z.number().positive().max(1).default(0.1),
    clipNorm: z.number().positive().default(1),
    podModes: z.number().int().min(1).default(16),
  })
  .strict();

/** Validates a GRU config (missing fields take the defaults); throws AnsatzError naming the bad field. */
export function parseGruConfig(raw: unknown): GruConfig {
  return parseModelConfig(gruConfigSchema, raw, "gru", "dotted");
}

// ---------------------------------------------------------------------------------------------
// The reduced, normalised state z and its lifting back to the data columns.

/** Column normalisation and (optional) POD projection: x ↦ z and back. */
interface StateMap {
  /** Dimension of z. */
  dim: number;
  /** Rows of x (r × cols, row-major) → rows of z (r × dim). */
  reduce(x: Float64Array, rows: number): Float64Array;
  /** One z row → one x row, written into `out` (length cols). */
  lift(zRow: Float64Array, out: Float64Array): void;
}

/** C (n × l) = A (n × m) · B (m × l), all row-major. */
function mulAB(A: Float64Array, B: Float64Array, n: number, m: number, l: number): Float64Array {
  const C = new Float64Array(n * l);
  for (let i = 0; i < n; i++) {
    const ci = i * l;
    for (let k = 0; k < m; k++) {
      const a = A[i * m + k]!;
      if (a === 0) continue;
      const bk = k * l;
      for (let j = 0; j < l; j++) C[ci + j] = C[ci + j]! + a * B[bk + j]!;
    }
  }
  return C;
}

/**
 * The leading k right singular vectors (m × k, row-major) of X (n × m, row-major) by a randomised SVD
 * (core randomizedSvd: k + 8 sketch columns, 4 subspace iterations); a column past X's rank stays zero.
 */
export function leadingRightSingularVectors(
  X: Float64Array,
  n: number,
  m: number,
  k: number,
  rng: Rng,
): Float64Array {
  const d = randomizedSvd(new Mat(n, m, X), k, rng, { oversample: 8, powerIterations: 4 });
  const V = new Float64Array(m * k);
  const r = d.V.cols;
  for (let c = 0; c < r; c++) {
    if (!(d.s[c]! > 0)) continue;
    for (let j = 0; j < m; j++) V[j * k + c] = d.V.data[j * r + c]!;
  }
  return V;
}

function buildStateMap(train: Mat[], usePod: boolean, podModes: number, rng: Rng): StateMap {
  const cols = train[0]!.cols;
  let total = 0;
  for (const m of train) total += m.rows;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (const m of train) {
    const d = m.data;
    for (let i = 0; i < m.rows; i++) for (let j = 0; j < cols; j++) mean[j] = mean[j]! + d[i * cols + j]!;
  }
  for (let j = 0; j < cols; j++) mean[j] = mean[j]! / total;
  for (const m of train) {
    const d = m.data;
    for (let i = 0; i < m.rows; i++)
      for (let j = 0; j < cols; j++) std[j] = std[j]! + (d[i * cols + j]! - mean[j]!) ** 2;
  }
  // a constant column keeps scale 1 (it is then only centred)
  for (let j = 0; j < cols; j++) std[j] = Math.sqrt(std[j]! / total) || 1;
  const normalise = (x: Float64Array, rows: number): Float64Array => {
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) out[i * cols + j] = (x[i * cols + j]! - mean[j]!) / std[j]!;
    return out;
  };
  if (!usePod || podModes >= cols) {
    return {
      dim: cols,
      reduce: normalise,
      lift(zRow, out) {
        for (let j = 0; j < cols; j++) out[j] = zRow[j]! * std[j]! + mean[j]!;
      },
    };
  }
  const stacked = new Float64Array(total * cols);
  let off = 0;
  for (const m of train) {
    stacked.set(normalise(m.data, m.rows), off);
    off += m.rows * cols;
  }
  const k = Math.min(podModes, total);
  const V = leadingRightSingularVectors(stacked, total, cols, k, rng); // cols × k
  const A = mulAB(stacked, V, total, cols, k);
  const scale = new Float64Array(k);
  for (let i = 0; i < total; i++) for (let c = 0; c < k; c++) scale[c] = scale[c]! + A[i * k + c]! ** 2;
  for (let c = 0; c < k; c++) scale[c] = Math.sqrt(scale[c]! / total) || 1;
  return {
    dim: k,
    reduce(x, rows) {
      const a = mulAB(normalise(x, rows), V, rows, cols, k);
      for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) a[i * k + c] = a[i * k + c]! / scale[c]!;
      return a;
    },
    lift(zRow, out) {
      for (let j = 0; j < cols; j++) {
        let acc = 0;
        for (let c = 0; c < k; c++) acc += V[j * k + c]! * zRow[c]! * scale[c]!;
        out[j] = acc * std[j]! + mean[j]!;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The network and its training.

type GruNetParams = { gru: GRUParams; out: LinearParams };

interface Sequence {
  z: Float64Array;
  rows: number;
}

interface Batch {
  /** Teacher-forced inputs, one [B, d] tensor per window step. */
  inputs: Tensor[];
  /** Targets of all (window + rollout) predictions, stacked [(W + R)·B, d] in prediction order. */
  targets: Tensor;
}

/** The network: GRU cell, read-out, and the per-coordinate scale s_Δ of the one-step increments. */
interface Net {
  cell: GRUCell;
  readout: Linear;
  incScale: Tensor;
}

/** One step of the network: (z_t, h_t) ↦ (h_{t+1}, ẑ_{t+1} = z_t + s_Δ ⊙ (W h_{t+1} + b)). */
function stepNet(net: Net, p: GruNetParams, zt: Tensor, h: Tensor): { h: Tensor; next: Tensor } {
  const h2 = net.cell.apply(p.gru, zt, h);
  return { h: h2, next: add(zt, mul(net.readout.apply(p.out, h2), net.incScale)) };
}

/** Root-mean-square one-step increment of each z coordinate over all training sequences (1 if zero). */
function incrementScale(seqs: Sequence[], d: number): Float64Array {
  const acc = new Float64Array(d);
  let count = 0;
  for (const s of seqs) {
    for (let t = 0; t + 1 < s.rows; t++) {
      for (let c = 0; c < d; c++) acc[c] = acc[c]! + (s.z[(t + 1) * d + c]! - s.z[t * d + c]!) ** 2;
    }
    count += Math.max(0, s.rows - 1);
  }
  for (let c = 0; c < d; c++) acc[c] = Math.sqrt(acc[c]! / Math.max(1, count)) || 1;
  return acc;
}

function sampleBatch(
  seqs: Sequence[],
  d: number,
  W: number,
  R: number,
  B: number,
  rng: Rng,
  targetScale: Float64Array,
): Batch {
  const need = W + R + 1;
  const counts = seqs.map((s) => Math.max(0, s.rows - need + 1));
  const totalStarts = counts.reduce((a, b) => a + b, 0);
  const pick: [Sequence, number][] = [];
  for (let b = 0; b < B; b++) {
    let u = rng.int(totalStarts);
    let m = 0;
    while (u >= counts[m]!) u -= counts[m++]!;
    pick.push([seqs[m]!, u]);
  }
  const inputs: Tensor[] = [];
  for (let t = 0; t < W; t++) {
    const x = new Float64Array(B * d);
    for (let b = 0; b < B; b++) {
      const [s, start] = pick[b]!;
      x.set(s.z.subarray((start + t) * d, (start + t + 1) * d), b * d);
    }
    inputs.push(new Tensor(x, [B, d]));
  }
  const tg = new Float64Array((W + R) * B * d);
  for (let t = 0; t < W + R; t++) {
    for (let b = 0; b < B; b++) {
      const [s, start] = pick[b]!;
      const o = (t * B + b) * d;
      const from = (start + t + 1) * d;
      for (let c = 0; c < d; c++) tg[o + c] = s.z[from + c]! * targetScale[c]!;
    }
  }
  return { inputs, targets: new Tensor(tg, [(W + R) * B, d]) };
}

/** The model's prediction for one task (see the header for the method); a matrix of predictionShape. */
export function gruForecast(task: ForecastTask, config: GruConfig): Mat {
  const [outRows, outCols] = task.predictionShape;
  if (!Array.isArray(task.train) || task.train.length === 0) {
    throw AnsatzError.expected("bad-argument", "gru task.train", "at least one training matrix", "none");
  }
  const cols = task.train[0]!.cols;
  task.train.forEach((m, i) => {
    if (m.cols !== cols) {
      throw AnsatzError.expected("bad-shape", `gru task.train[${i}]`, `${cols} columns`, `${m.cols}`);
    }
    assertFinite(m.data, `gru task.train[${i}]`);
  });
  if (outCols !== cols) {
    throw AnsatzError.expected(
      "bad-shape",
      "gru task.predictionShape",
      `${cols} columns (as the training data)`,
      `${outCols}`,
    );
  }
  const burnIn = task.task === "forecast-parametric" ? task.burnIn : null;
  if (task.task === "forecast-parametric") {
    if (!burnIn) throw AnsatzError.expected("bad-argument", "gru task.burnIn", "a burn-in matrix", "null");
    if (burnIn.cols !== cols) {
      throw AnsatzError.expected("bad-shape", "gru task.burnIn", `${cols} columns`, `${burnIn.cols}`);
    }
    assertFinite(burnIn.data, "gru task.burnIn");
  }
  if (task.task === "reconstruct" && outRows !== task.train[task.train.length - 1]!.rows) {
    throw AnsatzError.expected(
      "bad-shape",
      "gru task.predictionShape",
      `${task.train[task.train.length - 1]!.rows} rows (the training window)`,
      `${outRows}`,
    );
  }
  const rng = task.rng;
  const podRng = rng.split();
  const initRng = rng.split();
  const trainRng = rng.split();
  const map = buildStateMap(task.train, task.datasetType === "spatio-temporal", config.podModes, podRng);
  const d = map.dim;
  const seqs: Sequence[] = task.train.map((m) => ({ z: map.reduce(m.data, m.rows), rows: m.rows }));

  // windows must fit in the longest training matrix: shrink the rollout, then the window, if needed
  const maxRows = Math.max(...seqs.map((s) => s.rows));
  const R = Math.max(0, Math.min(config.rolloutSteps, maxRows - 3));
  const W = Math.min(config.window, maxRows - 1 - R);
  if (W < 2) {
    throw AnsatzError.expected(
      "too-little-data",
      "gru task.train",
      "a training matrix of at least 3 rows",
      `${maxRows} rows`,
    );
  }

  const cell = new GRUCell(d, config.hidden, { rng: initRng });
  const readout = new Linear(config.hidden, d, { rng: initRng });
  const incScale = incrementScale(seqs, d);
  const net: Net = { cell, readout, incScale: new Tensor(incScale, [d]) };
  const invScale = new Tensor(
    incScale.map((v) => 1 / v),
    [d],
  );
  const params: GruNetParams = { gru: cell.params, out: readout.params };
  const opt = adam({ lr: config.lr, clipNorm: config.clipNorm });
  const B = config.batch;
  const total = config.steps;
  const loss = (p: GruNetParams, batch: Batch): Tensor => {
    let h = cell.initialState(B);
    const preds: Tensor[] = [];
    let prev = batch.inputs[0]!;
    for (let t = 0; t < W; t++) {
      const s = stepNet(net, p, batch.inputs[t]!, h);
      h = s.h;
      prev = s.next;
      preds.push(prev);
    }
    for (let r = 0; r < R; r++) {
      const s = stepNet(net, p, prev, h);
      h = s.h;
      prev = s.next;
      preds.push(prev);
    }
    // errors in units of the typical one-step increment of each coordinate
    return mse(mul(concat(preds, 0), invScale), batch.targets);
  };
  const label = `gru ${task.dataset} pair ${task.pair}`;
  if (total > 0) {
    train({
      params,
      loss,
      optimizer: opt,
      rng: trainRng,
      steps: total,
      batches: (step, r) => {
        // cosine decay lr → lr·lrDecay over the run (set before this step's update)
        const c = 0.5 * (1 + Math.cos((Math.PI * step) / Math.max(1, total - 1)));
        opt.lr = config.lr * (config.lrDecay + (1 - config.lrDecay) * c);
        return sampleBatch(seqs, d, W, R, B, r, invScale.data as Float64Array);
      },
      progress: false,
      label,
      logEvery: Math.max(1, Math.floor(total / 50)),
      onProgress: (pr) =>
        task.onProgress?.(
          (0.95 * pr.step) / pr.totalSteps,
          `${label}: step ${pr.step}/${pr.totalSteps}, loss ${pr.loss.toExponential(3)}`,
        ),
    });
  }

  const out = new Mat(outRows, outCols);
  const row = (t: Tensor) => t.data as Float64Array;
  const lifted = new Float64Array(cols);
  const emit = (i: number, zRow: Float64Array) => {
    map.lift(zRow, lifted);
    out.data.set(lifted, i * cols);
  };
  let h = cell.initialState(1);
  if (task.task === "reconstruct") {
    const s = seqs[seqs.length - 1]!;
    emit(0, s.z.subarray(0, d));
    for (let t = 0; t + 1 < outRows; t++) {
      const st = stepNet(net, params, new Tensor(s.z.slice(t * d, (t + 1) * d), [1, d]), h);
      h = st.h;
      emit(t + 1, row(st.next));
    }
  } else {
    const src = burnIn
      ? { z: map.reduce(burnIn.data, burnIn.rows), rows: burnIn.rows }
      : seqs[seqs.length - 1]!;
    const warm = Math.min(W, src.rows);
    // closed-loop states are kept inside the training range of each z coordinate widened by 10%
    const lo = new Float64Array(d).fill(Infinity);
    const hi = new Float64Array(d).fill(-Infinity);
    for (const q of seqs) {
      for (let i = 0; i < q.rows * d; i++) {
        const c = i % d;
        lo[c] = Math.min(lo[c]!, q.z[i]!);
        hi[c] = Math.max(hi[c]!, q.z[i]!);
      }
    }
    for (let c = 0; c < d; c++) {
      const pad = 0.1 * (hi[c]! - lo[c]!);
      lo[c] = lo[c]! - pad;
      hi[c] = hi[c]! + pad;
    }
    const clip = (t: Tensor): Tensor => {
      const v = t.data;
      for (let c = 0; c < d; c++) v[c] = Math.min(hi[c]!, Math.max(lo[c]!, v[c]!));
      return t;
    };
    let next: Tensor | null = null;
    for (let t = src.rows - warm; t < src.rows; t++) {
      const st = stepNet(net, params, new Tensor(src.z.slice(t * d, (t + 1) * d), [1, d]), h);
      h = st.h;
      next = clip(st.next);
    }
    for (let i = 0; i < outRows; i++) {
      emit(i, row(next!));
      if (i + 1 < outRows) {
        const st = stepNet(net, params, next!, h);
        h = st.h;
        next = clip(st.next);
      }
    }
  }
  assertFinite(out.data, `gru prediction (${label})`);
  task.onProgress?.(1, `${label}: done`);
  return out;
}

/** The GRU forecaster as a CTF forecast model. */
export const GRU_MODEL: ForecastModel<GruConfig> = {
  id: "gru",
  title: "GRU (teacher forcing + short rollout, POD for spatio-temporal data)",
  kind: "forecast",
  source: "ctf/dynamics",
  defaultConfig: parseGruConfig({}),
  parseConfig: parseGruConfig,
  predict: gruForecast,
};
