// Training and evaluation of the VAE (spec vae-meanfield.md §2.3: Adam, lr 2e-3, batch 100, 30 epochs,
// KL warm-up against latent collapse; §1.7: the rate R is logged beside the distortion D).
// Each epoch visits the rows in a fresh random order (rng.permutation); the last partial batch is
// INCLUDED (every row is used once per epoch; its loss is a per-sample mean like the others).
// KL warm-up: at global step t (0-based) the weight is min(1, t / (warmupEpochs · stepsPerEpoch)), a
// linear ramp from 0 that reaches 1 after warmupEpochs epochs; warmupEpochs = 0 means weight 1 throughout.
// Epoch logs average R, D and negELBO = D + R over the epoch's batches, weighted by batch size
// (running values during training, not a re-evaluation at the epoch's end).
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";
import type { Rng } from "../../core/random.ts";
import { Adam, cloneTree, noGrad, Tensor, treeLeaves, valueAndGradWithAux } from "../../engine/index.ts";
import { checkVaeData, type Vae, type VaeParams } from "./vae.ts";

export interface TrainVaeOptions {
  /** Passes over the data (default 30). */
  epochs?: number;
  /** Rows per Adam step (default 100; the last batch of an epoch may be smaller). */
  batchSize?: number;
  /** Adam learning rate (default 2e-3). */
  lr?: number;
  /** KL weight rises linearly from 0 to 1 over this many epochs, by step (default 0 = off). */
  warmupEpochs?: number;
  /** Shuffling and ε. */
  rng: Rng;
  /** Called after each epoch. */
  onEpoch?: (log: EpochLog) => void;
}

export interface EpochLog {
  /** 1-based epoch number. */
  epoch: number;
  negElbo: number;
  rate: number;
  distortion: number;
  /** KL weight at the epoch's last step. */
  klWeight: number;
  /** Wall-clock milliseconds of the epoch. */
  ms: number;
}

export interface VaeEvaluation {
  negElbo: number;
  rate: number;
  distortion: number;
}

function optInt(v: number | undefined, def: number, where: string, min: number): number {
  const x = v ?? def;
  if (!(typeof x === "number" && Number.isInteger(x) && x >= min)) {
    throw AnsatzError.expected("bad-argument", where, `an integer >= ${min}`, String(x));
  }
  return x;
}

function needRng(rng: Rng, where: string): void {
  if (!rng || typeof rng.fillNormal !== "function") {
    throw AnsatzError.expected("bad-argument", where, "an Rng", String(rng));
  }
}

/** Trains a copy of `vae.params` with Adam on the negative ELBO (with optional KL warm-up). */
export function trainVae(
  vae: Vae,
  data: Mat,
  opts: TrainVaeOptions,
): { params: VaeParams; history: EpochLog[] } {
  checkVaeData(vae, data, "trainVae data");
  needRng(opts?.rng, "trainVae rng");
  const epochs = optInt(opts.epochs, 30, "trainVae epochs", 0);
  const batchSize = optInt(opts.batchSize, 100, "trainVae batchSize", 1);
  const lr = opts.lr ?? 2e-3;
  if (!(typeof lr === "number" && Number.isFinite(lr) && lr > 0)) {
    throw AnsatzError.expected("bad-argument", "trainVae lr", "a finite number > 0", String(lr));
  }
  const warmupEpochs = opts.warmupEpochs ?? 0;
  if (!(typeof warmupEpochs === "number" && Number.isFinite(warmupEpochs) && warmupEpochs >= 0)) {
    throw AnsatzError.expected(
      "bad-argument",
      "trainVae warmupEpochs",
      "a finite number >= 0",
      String(warmupEpochs),
    );
  }
  const rng = opts.rng;
  const params = cloneTree(vae.params);
  const opt = new Adam({ lr });
  const { sites: n, latents: k } = vae.config;
  const m = data.rows;
  const b = Math.min(batchSize, m);
  const nFull = Math.floor(m / b);
  const tail = m - nFull * b;
  const stepsPerEpoch = nFull + (tail > 0 ? 1 : 0);
  const warmupSteps = warmupEpochs * stepsPerEpoch;
  // Reused batch buffers (full batches and the tail batch) wrapped once as constant tensors.
  const xFull = new Float64Array(b * n);
  const eFull = new Float64Array(b * k);
  const xT = new Tensor(xFull, [b, n]);
  const eT = new Tensor(eFull, [b, k]);
  const xTail = new Float64Array(tail * n);
  const eTail = new Float64Array(tail * k);
  const xTailT = new Tensor(xTail, [tail, n]);
  const eTailT = new Tensor(eTail, [tail, k]);
  const src = data.data;
  const step = valueAndGradWithAux(
    (p: VaeParams, x: Tensor, eps: Tensor, w: number): [Tensor, [number, number]] => {
      const r = vae.loss(p, x, eps, w);
      return [r.loss, [r.rate.data[0]!, r.distortion.data[0]!]];
    },
  );
  const history: EpochLog[] = [];
  let t = 0;
  let klWeight = 1;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    const perm = rng.permutation(m);
    let sumR = 0;
    let sumD = 0;
    for (let s = 0; s < stepsPerEpoch; s++) {
      const full = s < nFull;
      const rows = full ? b : tail;
      const xb = full ? xFull : xTail;
      const eb = full ? eFull : eTail;
      const off = s * b;
      for (let j = 0; j < rows; j++) {
        const r = perm[off + j]!;
        xb.set(src.subarray(r * n, (r + 1) * n), j * n);
      }
      rng.fillNormal(eb);
      klWeight = warmupSteps > 0 ? Math.min(1, t / warmupSteps) : 1;
      const res = step(params, full ? xT : xTailT, full ? eT : eTailT, klWeight);
      const [rate, dist] = res.aux;
      if (!Number.isFinite(res.value) || !Number.isFinite(rate) || !Number.isFinite(dist)) {
        throw new AnsatzError(
          "diverged",
          `trainVae: non-finite loss in epoch ${epoch} (step ${s + 1} of ${stepsPerEpoch}): rate ${rate}, distortion ${dist}`,
          { where: `trainVae epoch ${epoch}`, expected: "a finite loss", found: `${res.value}` },
        );
      }
      opt.step(params, res.grads);
      sumR += rate * rows;
      sumD += dist * rows;
      t++;
    }
    for (const leaf of treeLeaves(params)) {
      const d = leaf.data;
      for (let i = 0; i < d.length; i++) {
        if (!Number.isFinite(d[i]!)) {
          throw new AnsatzError("diverged", `trainVae: non-finite parameters after epoch ${epoch}`, {
            where: `trainVae epoch ${epoch}`,
            expected: "finite parameters",
            found: String(d[i]),
          });
        }
      }
    }
    const rate = sumR / m;
    const distortion = sumD / m;
    const log: EpochLog = {
      epoch,
      negElbo: rate + distortion,
      rate,
      distortion,
      klWeight,
      ms: performance.now() - t0,
    };
    history.push(log);
    opts.onEpoch?.(log);
  }
  return { params, history };
}

/**
 * Rate, distortion and negELBO = D + R per sample over all of `data`, one ε ~ N(0, I) per row drawn
 * from `rng` (rows in order, chunks of 1000; no tape recorded).
 */
export function evaluateVae(vae: Vae, params: VaeParams, data: Mat, rng: Rng): VaeEvaluation {
  checkVaeData(vae, data, "evaluateVae data");
  needRng(rng, "evaluateVae rng");
  vae.checkParams(params, "evaluateVae params");
  const { sites: n, latents: k } = vae.config;
  const m = data.rows;
  const chunk = 1000;
  let sumR = 0;
  let sumD = 0;
  noGrad(() => {
    for (let s = 0; s < m; s += chunk) {
      const rows = Math.min(chunk, m - s);
      const x = new Tensor(data.data.slice(s * n, (s + rows) * n), [rows, n]);
      const eps = new Tensor(rng.fillNormal(new Float64Array(rows * k)), [rows, k]);
      const r = vae.loss(params, x, eps, 1);
      sumR += r.rate.data[0]! * rows;
      sumD += r.distortion.data[0]! * rows;
    }
  });
  const rate = sumR / m;
  const distortion = sumD / m;
  return { negElbo: rate + distortion, rate, distortion };
}
