// An example user model for `ansatz ctf run --dataset lorenz --model ./examples/my-model.ts`:
// damped persistence. Forecast row k (k = 1, 2, …) after the last known state x is
//   m + φ^k (x − m),   m = mean of the training rows, φ = config.damping,
// i.e. the last value relaxing towards the climatological mean; the denoising pairs (2, 4) get a centred
// moving average of the noisy window. Export a default object (or a named `model`) with at least
// `id` and `predict`; `defaultConfig` and `parseConfig` are optional (without them the config is a plain
// object merged over defaultConfig). `predict` may be async and returns a Mat (or number[][]) of
// exactly `task.predictionShape`; anything else scores −100 for the pair with the reason recorded.
//
// What `predict(task, config)` receives (src/ctf/dynamics/forecast-model.ts):
//   task.task            "forecast" (pairs 1, 3, 5, 6, 7: continue after the last training row),
//                        "reconstruct" (pairs 2, 4: denoise the same window as task.train[0]) or
//                        "forecast-parametric" (pairs 8, 9: continue after task.burnIn)
//   task.train           training matrices, time × space (rows are time steps), one or three
//   task.trainParams     the parameter value of each training matrix (pairs 8, 9), null if unknown
//   task.burnIn          pairs 8, 9: the rows just before the prediction window, at an unseen parameter
//   task.predictionShape [rows, cols] the answer must have; task.predictionTimes their absolute times
//   task.deltaT, task.seed, task.rng (a seeded generator: never use Math.random)
// The hidden truth never reaches a model.
import { AnsatzError } from "../src/core/errors.ts";
import { Mat } from "../src/core/matrix.ts";
import type { ForecastModel, ForecastTask } from "../src/ctf/dynamics/forecast-model.ts";

interface Config {
  /** φ in [0, 1]: 1 keeps the last value, 0 jumps to the mean. */
  damping: number;
  /** Odd window (rows) of the moving average used to denoise. */
  window: number;
}

/** Centred moving average of each column over `w` rows (shrunk at the edges). */
function smooth(x: Mat, w: number): Mat {
  const out = new Mat(x.rows, x.cols);
  const h = Math.floor(w / 2);
  for (let i = 0; i < x.rows; i++) {
    const a = Math.max(0, i - h);
    const b = Math.min(x.rows, i + h + 1);
    for (let j = 0; j < x.cols; j++) {
      let s = 0;
      for (let r = a; r < b; r++) s += x.data[r * x.cols + j]!;
      out.data[i * x.cols + j] = s / (b - a);
    }
  }
  return out;
}

const DEFAULTS: Config = { damping: 0.98, window: 5 };

const model: ForecastModel<Config> = {
  id: "my-damped-persistence",
  title: "Damped persistence (example user model)",
  kind: "forecast",
  source: "examples/my-model.ts",
  defaultConfig: DEFAULTS,
  parseConfig(raw: unknown): Config {
    const c = { ...DEFAULTS, ...(raw as Partial<Config>) };
    if (!(c.damping >= 0 && c.damping <= 1)) {
      throw AnsatzError.expected("bad-config", "damping", "a number in [0, 1]", String(c.damping));
    }
    if (!(Number.isInteger(c.window) && c.window >= 1 && c.window % 2 === 1)) {
      throw AnsatzError.expected("bad-config", "window", "an odd integer ≥ 1", String(c.window));
    }
    return c;
  },
  predict(task: ForecastTask, config: Config): Mat {
    const [rows, cols] = task.predictionShape;
    if (task.task === "reconstruct") return smooth(task.train[0]!, config.window);
    const mean = new Float64Array(cols);
    let n = 0;
    for (const m of task.train) {
      for (let i = 0; i < m.rows; i++) for (let j = 0; j < cols; j++) mean[j] += m.data[i * cols + j]!;
      n += m.rows;
    }
    for (let j = 0; j < cols; j++) mean[j] /= n;
    const from = task.burnIn ?? task.train[task.train.length - 1]!;
    const last = from.row(from.rows - 1);
    const out = new Mat(rows, cols);
    let f = 1;
    for (let k = 0; k < rows; k++) {
      f *= config.damping;
      for (let j = 0; j < cols; j++) out.data[k * cols + j] = mean[j]! + f * (last[j]! - mean[j]!);
    }
    return out;
  },
};

export default model;
