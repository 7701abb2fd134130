// Hankel (delay-embedded) DMD as a CTF forecast model (Arbabi & Mezić, "Ergodic theory, dynamic mode
// decomposition, and computation of spectral properties of the Koopman operator", SIAM J. Appl. Dyn.
// Syst. 16(4), 2017; Brunton et al., "Chaos as an intermittently forced linear system", Nat. Commun. 8,
// 2017; Le Clainche & Vega's higher-order DMD, SIAM J. Appl. Dyn. Syst. 16(2), 2017, is the same
// embedding): with `delays` d, the state at time t is the stack of the last d rows,
//   h_t = [x_{t−d+1}; …; x_t]  (oldest block first, newest last),
// exact DMD (dmd.ts) runs on the pairs h_t → h_{t+1} inside each segment, the amplitudes are fitted to
// the last embedded state, and the forecast reads the newest block of Re(Φ Λ^k b), k = 1, 2, ….
// A sum of m real sinusoids is exactly linear in 2m delays, so its frequencies come out exactly.
// Our choices (stated): for wide data (more than `podModes` columns, e.g. KS with 1024) the rows are
// first projected onto their leading `podModes` POD modes (truncated SVD of the centred training rows)
// and the embedding is built on those coordinates; `center` subtracts the training mean; `stabilize`
// (default true) projects eigenvalues with |λ| > 1 to the unit circle so long horizons stay bounded.
// Pairs 8/9 fit on the transitions inside the three training matrices and the burn-in, and start from
// the burn-in's last d rows. Default delays 32, measured on quick Lorenz / KS (seed 0, composite of
// E1–E12): delays 4: 3.2 / –, 8: 6.1 / 48.7, 16: 12.1 / –, 32: 21.2 / 51.2, 64: 15.7 / – (Lorenz 17 s). Pairs 2/4 (reconstruction) use the same embedding as singular spectrum
// analysis (Golyandina, Nekrutkin & Zhigljavsky, "Analysis of Time Series Structure: SSA", 2001):
// every embedded vector is projected onto the rank-r POD basis of the Hankel matrix and each row is
// the average of its d copies (diagonal averaging).
import { z } from "zod";
import { AnsatzError } from "../../../core/errors.ts";
import { Mat } from "../../../core/matrix.ts";
import { Rng } from "../../../core/random.ts";
import { boolField, intField, numberField, parseModelConfig } from "../../model-config.ts";
import type { ForecastModel } from "../forecast-model.ts";
import {
  assertFiniteForecast,
  dmdAmplitudes,
  dmdForecast,
  fitDmd,
  fitSegments,
  matmulF64,
  stabilizeEigenvalues,
  truncatedSvd,
} from "./dmd.ts";
import { columnMean, startMatrix } from "./naive.ts";
import { checkTask } from "./task-check.ts";

/** Snapshot pairs of the delay embedding with d delays of each segment (rows are times): X, Y (d·p × M). */
export function delayPairs(segments: readonly Mat[], d: number): { X: Mat; Y: Mat } {
  const p = segments[0]!.cols;
  const D = d * p;
  let M = 0;
  for (const s of segments) M += Math.max(0, s.rows - d);
  const X = new Mat(D, M);
  const Y = new Mat(D, M);
  let c = 0;
  for (const s of segments) {
    // columns t = d−1 … rows−2: h_t → h_{t+1}
    for (let t = d - 1; t + 1 < s.rows; t++, c++) {
      for (let j = 0; j < d; j++) {
        const row = t - d + 1 + j;
        for (let i = 0; i < p; i++) {
          X.data[(j * p + i) * M + c] = s.data[row * p + i]!;
          Y.data[(j * p + i) * M + c] = s.data[(row + 1) * p + i]!;
        }
      }
    }
  }
  return { X, Y };
}

/** The embedded state of the last d rows of `s`: [x_{T−d}; …; x_{T−1}]. */
export function lastEmbedded(s: Mat, d: number): Float64Array {
  const p = s.cols;
  return s.data.slice((s.rows - d) * p, s.rows * p);
}

/**
 * Singular spectrum analysis reconstruction of `a` (T × p): the Hankel vectors h_t (t = d−1 … T−1)
 * projected onto span(U) (U: d·p × r), then each row averaged over its copies.
 */
export function ssaReconstruct(a: Mat, d: number, U: Mat): Mat {
  const { rows: T, cols: p } = a;
  const D = d * p;
  const r = U.cols;
  const K = T - d + 1;
  // H (K × D): row t' = h_{t'+d−1}
  const H = new Float64Array(K * D);
  for (let k = 0; k < K; k++) H.set(a.data.subarray(k * p, (k + d) * p), k * D);
  const coef = matmulF64(H, U.data, K, D, r);
  const P = matmulF64(coef, U.data, K, r, D, false, true);
  const out = new Mat(T, p);
  const count = new Float64Array(T);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      const row = k + j;
      count[row]! += 1;
      for (let i = 0; i < p; i++) out.data[row * p + i]! += P[k * D + j * p + i]!;
    }
  }
  for (let t = 0; t < T; t++) for (let i = 0; i < p; i++) out.data[t * p + i]! /= count[t]!;
  return out;
}

const hankelSchema = z.strictObject({
  delays: intField(1).default(32),
  rank: intField(1).nullable().default(null),
  energy: numberField(0, 1, { minOpen: true }).default(0.9999),
  maxRank: intField(1).default(100),
  podModes: intField(1).default(64),
  center: boolField().default(true),
  stabilize: boolField().default(true),
});
/** Hankel-DMD options (see the header). */
export type HankelDmdConfig = z.output<typeof hankelSchema>;

/** Hankel (delay-embedded) DMD as a CTF forecast model. */
export const hankelDmdModel: ForecastModel<HankelDmdConfig> = {
  id: "hankel-dmd",
  title: "Hankel DMD (delay-embedded exact DMD)",
  kind: "forecast",
  source: "ctf/dynamics",
  defaultConfig: hankelSchema.parse({}),
  parseConfig: (raw) => parseModelConfig(hankelSchema, raw, "hankel-dmd"),
  predict(task, config) {
    checkTask(task, "hankel-dmd");
    const d = config.delays;
    const [rows, n] = task.predictionShape;
    const rng = new Rng(task.seed);
    const segments = fitSegments(task);
    const start = task.task === "reconstruct" ? task.train[0]! : startMatrix(task);
    if (start.rows < d + 1) {
      throw AnsatzError.expected(
        "too-little-data",
        "hankel-dmd config: delays",
        `at most ${start.rows - 1} (the ${task.burnIn ? "burn-in" : "training matrix"} has ${start.rows} rows)`,
        String(d),
      );
    }
    // coordinates: centred, and projected onto POD modes when the data are wide
    const mean = config.center ? columnMean(segments) : null;
    const centred = segments.map((s) => {
      if (!mean) return s;
      const c = s.clone();
      for (let i = 0; i < c.data.length; i++) c.data[i]! -= mean[i % n]!;
      return c;
    });
    let pod: Mat | null = null;
    if (n > config.podModes) {
      let N = 0;
      for (const s of centred) N += s.rows;
      const all = new Mat(N, n);
      let o = 0;
      for (const s of centred) {
        all.data.set(s.data, o);
        o += s.data.length;
      }
      pod = truncatedSvd(all.transpose(), config.podModes, rng).U; // n × p
    }
    const coords = (s: Mat): Mat =>
      pod ? new Mat(s.rows, pod.cols, matmulF64(s.data, pod.data, s.rows, n, pod.cols)) : s;
    const coordSegs = centred.map(coords);
    const p = coordSegs[0]!.cols;
    const { X, Y } = delayPairs(coordSegs, d);
    if (X.cols < 1) {
      throw AnsatzError.expected(
        "too-little-data",
        "hankel-dmd: training rows",
        `more than delays = ${d}`,
        "fewer",
      );
    }
    const fit = fitDmd(X, Y, { rank: config.rank, energy: config.energy, maxRank: config.maxRank, rng });
    const toSpace = (a: Mat): Mat => {
      const out = pod ? new Mat(a.rows, n, matmulF64(a.data, pod.data, a.rows, p, n, false, true)) : a;
      if (mean) for (let i = 0; i < out.data.length; i++) out.data[i]! += mean[i % n]!;
      return out;
    };
    if (task.task === "reconstruct") {
      const startIdx = segments.indexOf(start);
      return toSpace(ssaReconstruct(coordSegs[startIdx]!, d, fit.U));
    }
    const startCoords = coordSegs[segments.indexOf(start)]!;
    const b = dmdAmplitudes(fit, lastEmbedded(startCoords, d));
    const lr = fit.eigRe.slice();
    const li = fit.eigIm.slice();
    if (config.stabilize) stabilizeEigenvalues(lr, li);
    const a = dmdForecast(fit, b, rows, { eigRe: lr, eigIm: li, rowStart: (d - 1) * p, rowEnd: d * p });
    return assertFiniteForecast(toSpace(a), "hankel-dmd");
  },
};
