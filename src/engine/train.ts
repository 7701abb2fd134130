// The training loop: for each step, draw a batch, take valueAndGrad of the loss, check the loss is
// finite (else AnsatzError "diverged" naming the step), let the optimiser update the parameters in
// place. Batches come either from a function of (step, rng) or from data tensors sharing their first
// axis, reshuffled every epoch with the given Rng (minibatch SGD, the last batch may be smaller).
// Progress: a single line on stderr, redrawn every `logEvery` steps, only when stderr is a TTY;
// `onProgress` receives the same information for callers (CLI progress bars, logs).
import { assertInt } from "../core/check.ts";
import { AnsatzError } from "../core/errors.ts";
import type { Rng } from "../core/random.ts";
import { valueAndGrad } from "./autodiff.ts";
import { gather } from "./ops/index-ops.ts";
import type { Optimizer } from "./optim/optimizer.ts";
import { Tensor } from "./tensor.ts";
import type { ParamTree } from "./tree.ts";

export interface TrainProgress {
  /** Steps done (1-based count of the step just finished). */
  step: number;
  totalSteps: number;
  /** 0-based epoch of the step just finished (0 when batches come from a function). */
  epoch: number;
  /** Loss of the step just finished. */
  loss: number;
  elapsedMs: number;
}

export interface TrainOptions<P extends ParamTree, B> {
  /** Parameters, updated in place. */
  params: P;
  /** Scalar loss of the parameters on one batch. */
  loss: (params: P, batch: B) => Tensor;
  optimizer: Optimizer;
  /** Batch source: called once per step (give `steps`). */
  batches?: (step: number, rng: Rng) => B;
  /** Or data tensors with a common first axis, shuffled into minibatches (the batch is Tensor[]). */
  data?: Tensor[];
  /** Minibatch size for `data` (default: the whole data set, unshuffled order irrelevant). */
  batchSize?: number;
  /** Passes over `data`. */
  epochs?: number;
  /** Number of steps (required with `batches`; with `data`, a cap across epochs). */
  steps?: number;
  /** Generator for shuffling and for `batches`. */
  rng: Rng;
  /** Steps between progress reports (default: about 100 reports over the run). */
  logEvery?: number;
  onProgress?: (p: TrainProgress) => void;
  /** Draw the stderr progress line when stderr is a TTY (default true). */
  progress?: boolean;
  /** Label of the progress line (default "train"). */
  label?: string;
}

export interface TrainResult {
  /** Loss at every step, before that step's update. */
  losses: number[];
  steps: number;
  seconds: number;
}

/** Runs the loop described in the header; returns the loss history. */
export function train<P extends ParamTree, B>(options: TrainOptions<P, B>): TrainResult {
  const { params, loss, optimizer, rng } = options;
  if (typeof loss !== "function")
    throw AnsatzError.expected("bad-argument", "train loss", "a function", typeof loss);
  if (!optimizer || typeof optimizer.step !== "function") {
    throw AnsatzError.expected("bad-argument", "train optimizer", "an Optimizer", String(optimizer));
  }
  if (!rng) throw AnsatzError.expected("bad-argument", "train rng", "an Rng", String(rng));
  const hasData = options.data !== undefined;
  const hasFn = options.batches !== undefined;
  if (hasData === hasFn) {
    throw AnsatzError.expected(
      "bad-argument",
      "train",
      "exactly one of `data` or `batches`",
      hasData ? "both" : "neither",
    );
  }
  let total: number;
  let perEpoch = 1;
  let n = 0;
  let batchSize = 0;
  if (hasData) {
    const data = options.data!;
    if (
      !Array.isArray(data) ||
      data.length === 0 ||
      !data.every((t) => t instanceof Tensor && t.shape.length >= 1)
    ) {
      throw AnsatzError.expected(
        "bad-argument",
        "train data",
        "a non-empty array of tensors with a first axis",
        String(data),
      );
    }
    n = data[0]!.shape[0]!;
    data.forEach((t, i) => {
      if (t.shape[0] !== n) {
        throw AnsatzError.expected(
          "bad-shape",
          `train data[${i}]`,
          `first axis of size ${n} (as data[0])`,
          `${t.shape[0]}`,
        );
      }
    });
    if (n === 0) throw AnsatzError.expected("too-little-data", "train data", "at least one example", "0");
    batchSize = options.batchSize ?? n;
    assertInt(batchSize, "train batchSize", 1);
    batchSize = Math.min(batchSize, n);
    perEpoch = Math.ceil(n / batchSize);
    if (options.epochs === undefined && options.steps === undefined) {
      throw AnsatzError.expected("bad-argument", "train", "`epochs` or `steps` with `data`", "neither");
    }
    if (options.epochs !== undefined) assertInt(options.epochs, "train epochs", 0);
    if (options.steps !== undefined) assertInt(options.steps, "train steps", 0);
    const byEpochs = options.epochs !== undefined ? options.epochs * perEpoch : Infinity;
    total = Math.min(byEpochs, options.steps ?? Infinity);
  } else {
    if (options.steps === undefined)
      throw AnsatzError.expected("bad-argument", "train steps", "a step count with `batches`", "none");
    assertInt(options.steps, "train steps", 0);
    total = options.steps;
  }
  const logEvery = options.logEvery ?? Math.max(1, Math.floor(total / 100));
  assertInt(logEvery, "train logEvery", 1);
  const tty = options.progress !== false && process.stderr.isTTY === true;
  const label = options.label ?? "train";
  const vg = valueAndGrad(loss);
  const losses: number[] = [];
  const t0 = performance.now();
  let perm: Int32Array | null = null;
  let epoch = 0;
  for (let step = 0; step < total; step++) {
    let batch: B;
    if (hasData) {
      const data = options.data!;
      const within = step % perEpoch;
      epoch = Math.floor(step / perEpoch);
      if (within === 0) perm = batchSize < n ? rng.permutation(n) : null;
      if (perm === null) {
        batch = data as unknown as B;
      } else {
        const idx = perm.subarray(within * batchSize, Math.min(n, (within + 1) * batchSize));
        batch = data.map((t) => gather(t, idx)) as unknown as B;
      }
    } else {
      batch = options.batches!(step, rng);
    }
    const { value, grads } = vg(params, batch);
    if (!Number.isFinite(value)) {
      if (tty) process.stderr.write("\n");
      throw new AnsatzError("diverged", `train: loss became ${value} at step ${step + 1} of ${total}`, {
        where: "train",
        expected: "a finite loss",
        found: `${value} at step ${step + 1}`,
      });
    }
    losses.push(value);
    optimizer.step(params, grads);
    const done = step + 1;
    if (done % logEvery === 0 || done === total) {
      const elapsedMs = performance.now() - t0;
      options.onProgress?.({ step: done, totalSteps: total, epoch, loss: value, elapsedMs });
      if (tty) {
        process.stderr.write(
          `\r${label}: step ${done}/${total}  loss ${value.toExponential(4)}  ${(elapsedMs / 1000).toFixed(1)} s   `,
        );
        if (done === total) process.stderr.write("\n");
      }
    }
  }
  return { losses, steps: total, seconds: (performance.now() - t0) / 1000 };
}
