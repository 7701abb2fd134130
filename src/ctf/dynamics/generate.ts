// In-memory generation of a CTF data set's 10 training and 9 test matrices for a dynamical system,
// with the reference layout of spec ctf.md §1.2 (which matrix is noisy, which trajectory each comes
// from) and §1.5 (shapes and start indices), generated locally as §2.10 proposes.
//
// Ten trajectories, each simulated once after its own transient (rows counted from its start index 0):
//   T1  default param  X1train [0, L)  clean          X1test [L, L+F)
//   T2  default param  X2train [0, L)  medium noise   X2test [0, L) clean (its truth)   X3test [L, L+F)
//   T3  default param  X3train [0, L)  high noise     X4test [0, L) clean (its truth)   X5test [L, L+F)
//   T4  default param  X4train [0, S)  clean          X6test [S, S+F)
//   T5  default param  X5train [0, S)  medium noise   X7test [S, S+F)
//   T6, T7, T8 at parametric train[0], train[1], train[2]: X6train, X7train, X8train [0, L) clean
//   T9  interpolation  X9train [L−B, L) clean burn-in   X8test [L, L+F)   (pair 8)
//   T10 extrapolation  X10train [L−B, L) clean burn-in  X9test [L, L+F)   (pair 9)
// full (the reference): L = 10000, S = 100, B = 100, F = 1000, X2test/X4test L rows (§1.5 table).
// quick (ours): L = 1000 (÷10), S = 100 and B = 100 (unchanged: ÷10 would leave 10 rows, fewer than
// k_short = 20), F = 500 (÷2: still the whole 500-row histogram window of §2.3 and ≫ k_short).
// X5train carries medium noise (the reference KS X5train range ±6.1 is that of X2train, ±6.8, §1.6).
// Noise: additive Gaussian, σ_j = fraction · std_j, std_j the population std of the clean trajectory
// (all its simulated rows) per variable, or pooled over all variables (system.noise.reference).
// Randomness: the seed's Rng is split once per trajectory in the fixed order T1…T10, and each
// trajectory's stream is split into an initial-condition stream and a noise stream, so a matrix does
// not depend on the order of work or on which other matrices exist. Time axis (§1.3):
// t[i] = (start + i)·Δt.
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import type { DynamicalSystem } from "./systems/system.ts";

export type GenerateSize = "quick" | "full";
export type NoiseLevel = "none" | "medium" | "high";
/** Which parameter value a trajectory uses (see ParametricValues). */
export type ParamSlot = "default" | "train0" | "train1" | "train2" | "interpolation" | "extrapolation";

export interface WindowSizes {
  /** Long training windows (X1–X3, X6–X8 train) and the X2/X4 reconstruction truths. */
  long: number;
  /** Limited-data training windows (X4, X5 train). */
  short: number;
  /** Burn-in windows (X9, X10 train), the last rows before the forecast. */
  burnIn: number;
  /** Forecast test windows (X1, X3, X5, X6, X7, X8, X9 test). */
  forecast: number;
}

/** Window sizes per size; `full` is the reference layout of §1.5. */
export const WINDOW_SIZES: Readonly<Record<GenerateSize, WindowSizes>> = {
  full: { long: 10000, short: 100, burnIn: 100, forecast: 1000 },
  quick: { long: 1000, short: 100, burnIn: 100, forecast: 500 },
};

export interface TrajectorySpec {
  /** 1…10 (T1…T10 of the header). */
  id: number;
  param: ParamSlot;
  /** Rows simulated (the end of its last window). */
  rows: number;
}

export interface MatrixSpec {
  /** `X1train` … `X10train`, `X1test` … `X9test`. */
  name: string;
  kind: "train" | "test";
  /** 1-based number in its kind. */
  index: number;
  trajectory: number;
  /** Start index on the trajectory's time axis (the reference `matrix_start_index`). */
  start: number;
  rows: number;
  noise: NoiseLevel;
}

export interface Layout {
  size: GenerateSize;
  windows: WindowSizes;
  trajectories: TrajectorySpec[];
  /** The 10 training matrices then the 9 test matrices, each in numeric order. */
  matrices: MatrixSpec[];
}

/** The matrix layout (trajectories, windows, noise) for a size, without simulating anything. */
export function layoutFor(size: GenerateSize): Layout {
  const w = WINDOW_SIZES[size];
  if (w === undefined) {
    throw AnsatzError.expected("bad-value", "generate size", '"quick" or "full"', JSON.stringify(size));
  }
  const { long: L, short: S, burnIn: B, forecast: F } = w;
  const tr = (index: number, trajectory: number, start: number, rows: number, noise: NoiseLevel = "none") =>
    ({ name: `X${index}train`, kind: "train", index, trajectory, start, rows, noise }) as MatrixSpec;
  const te = (index: number, trajectory: number, start: number, rows: number) =>
    ({ name: `X${index}test`, kind: "test", index, trajectory, start, rows, noise: "none" }) as MatrixSpec;
  const matrices: MatrixSpec[] = [
    tr(1, 1, 0, L),
    tr(2, 2, 0, L, "medium"),
    tr(3, 3, 0, L, "high"),
    tr(4, 4, 0, S),
    tr(5, 5, 0, S, "medium"),
    tr(6, 6, 0, L),
    tr(7, 7, 0, L),
    tr(8, 8, 0, L),
    tr(9, 9, L - B, B),
    tr(10, 10, L - B, B),
    te(1, 1, L, F),
    te(2, 2, 0, L),
    te(3, 2, L, F),
    te(4, 3, 0, L),
    te(5, 3, L, F),
    te(6, 4, S, F),
    te(7, 5, S, F),
    te(8, 9, L, F),
    te(9, 10, L, F),
  ];
  const slots: ParamSlot[] = [
    "default",
    "default",
    "default",
    "default",
    "default",
    "train0",
    "train1",
    "train2",
    "interpolation",
    "extrapolation",
  ];
  const trajectories = slots.map((param, i) => {
    const id = i + 1;
    const rows = Math.max(...matrices.filter((m) => m.trajectory === id).map((m) => m.start + m.rows));
    return { id, param, rows };
  });
  return { size, windows: { ...w }, trajectories, matrices };
}

/** The parameter value of a slot for a system. */
export function paramFor(system: DynamicalSystem, slot: ParamSlot): number {
  const p = system.parameter;
  switch (slot) {
    case "default":
      return p.default;
    case "train0":
      return p.parametric.train[0];
    case "train1":
      return p.parametric.train[1];
    case "train2":
      return p.parametric.train[2];
    case "interpolation":
      return p.parametric.interpolation;
    case "extrapolation":
      return p.parametric.extrapolation;
  }
}

export interface NoiseRecord {
  level: Exclude<NoiseLevel, "none">;
  /** Fraction of the clean std. */
  fraction: number;
  /** σ used per column. */
  sigma: number[];
}

export interface GeneratedMeta {
  system: string;
  type: DynamicalSystem["type"];
  size: GenerateSize;
  seed: number;
  /** Sampling interval Δt (the YAML `delta_t`). */
  deltaT: number;
  dimension: number;
  parameterName: string;
  /** [rows, cols] per matrix name. */
  shapes: Record<string, [number, number]>;
  /** The reference `matrix_start_index` per matrix name. */
  startIndex: Record<string, number>;
  /** Parameter value per matrix name. */
  params: Record<string, number>;
  /** The noise added, per noisy matrix name. */
  noise: Record<string, NoiseRecord>;
  /** Transient discarded before row 0 of every trajectory (time units). */
  transient: number;
  layout: Layout;
}

export interface GeneratedMatrices {
  /** X1train … X10train. */
  train: Mat[];
  /** X1test … X9test. */
  test: Mat[];
  meta: GeneratedMeta;
}

export interface GenerateOptions {
  size: GenerateSize;
  seed: number;
  /** Called with the fraction done (0…1) and what is being simulated. */
  onProgress?: (fraction: number, message: string) => void;
}

/** Per-column (or pooled) population standard deviation of a trajectory. */
function cleanStd(m: Mat, pooled: boolean): Float64Array {
  const { rows, cols, data } = m;
  const out = new Float64Array(cols);
  if (pooled) {
    let mean = 0;
    for (let i = 0; i < data.length; i++) mean += data[i]!;
    mean /= data.length;
    let ss = 0;
    for (let i = 0; i < data.length; i++) ss += (data[i]! - mean) ** 2;
    out.fill(Math.sqrt(ss / data.length));
    return out;
  }
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += data[i * cols + j]!;
    mean /= rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += (data[i * cols + j]! - mean) ** 2;
    out[j] = Math.sqrt(ss / rows);
  }
  return out;
}

/**
 * Generates the 10 training and 9 test matrices of a CTF data set for `system` (layout of the header);
 * the same seed gives bit-identical matrices.
 */
export function generateMatrices(system: DynamicalSystem, opts: GenerateOptions): GeneratedMatrices {
  assertInt(opts.seed, "generate seed", Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const layout = layoutFor(opts.size);
  const root = new Rng(opts.seed);
  const streams = layout.trajectories.map(() => {
    const t = root.split();
    return { ic: t.split(), noise: t.split() };
  });
  const skip = Math.ceil(system.transient / system.dt - 1e-9);
  const work = layout.trajectories.map((t) => t.rows + skip);
  const totalWork = work.reduce((a, b) => a + b, 0);
  let done = 0;
  const train: Mat[] = new Array(10);
  const test: Mat[] = new Array(9);
  const meta: GeneratedMeta = {
    system: system.id,
    type: system.type,
    size: opts.size,
    seed: opts.seed,
    deltaT: system.dt,
    dimension: system.dimension,
    parameterName: system.parameter.name,
    shapes: {},
    startIndex: {},
    params: {},
    noise: {},
    transient: system.transient,
    layout,
  };
  const report = opts.onProgress;
  layout.trajectories.forEach((traj, k) => {
    const param = paramFor(system, traj.param);
    const message = `${system.id}: trajectory ${traj.id}/10 (${system.parameter.name} = ${param}, ${traj.rows} rows)`;
    report?.(done / totalWork, message);
    const clean = system.simulate({
      param,
      rows: traj.rows,
      rng: streams[k]!.ic,
      onProgress: report ? (f) => report((done + f * work[k]!) / totalWork, message) : undefined,
    });
    done += work[k]!;
    let std: Float64Array | undefined;
    for (const spec of layout.matrices.filter((m) => m.trajectory === traj.id)) {
      const m = clean.sliceRows(spec.start, spec.start + spec.rows);
      if (spec.noise !== "none") {
        std ??= cleanStd(clean, system.noise.reference === "pooled");
        const fraction = system.noise[spec.noise];
        const sigma = Array.from(std, (s) => fraction * s);
        const z = streams[k]!.noise.fillNormal(new Float64Array(m.data.length));
        const cols = m.cols;
        for (let i = 0; i < m.data.length; i++) m.data[i] = m.data[i]! + sigma[i % cols]! * z[i]!;
        meta.noise[spec.name] = { level: spec.noise, fraction, sigma };
      }
      (spec.kind === "train" ? train : test)[spec.index - 1] = m;
      meta.shapes[spec.name] = [m.rows, m.cols];
      meta.startIndex[spec.name] = spec.start;
      meta.params[spec.name] = param;
    }
  });
  report?.(1, `${system.id}: done`);
  return { train, test, meta };
}

/** The time axis of a matrix, t[i] = (start + i)·Δt (§1.3). */
export function matrixTimes(start: number, rows: number, deltaT: number): Float64Array {
  assertInt(start, "matrixTimes(start)", 0);
  assertInt(rows, "matrixTimes(rows)", 0);
  const t = new Float64Array(rows);
  for (let i = 0; i < rows; i++) t[i] = (start + i) * deltaT;
  return t;
}
