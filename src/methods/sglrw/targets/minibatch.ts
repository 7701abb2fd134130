// Minibatch index draws for stochastic gradients: each batch is a uniformly random subset of size b of
// {0, …, n−1}, drawn without replacement by a partial Fisher–Yates shuffle (Knuth, TAOCP vol. 2,
// §3.4.2, algorithm P) of a persistent permutation; allocation-free after construction.
import { assertInt } from "../../../core/check.ts";
import { AnsatzError } from "../../../core/errors.ts";
import type { Rng } from "../../../core/random.ts";

/** Draws random minibatches of `batchSize` distinct indices out of `n`. */
export class MinibatchSampler {
  readonly n: number;
  readonly batchSize: number;
  private readonly perm: Int32Array;
  private readonly out: Int32Array;
  private readonly rng: Rng;

  /** A sampler of batches of size `batchSize` (1 ≤ batchSize ≤ n) out of `n` rows. */
  constructor(n: number, batchSize: number, rng: Rng) {
    assertInt(n, "minibatch data size", 1);
    assertInt(batchSize, "--batch (minibatch size)", 1);
    if (batchSize > n) {
      throw AnsatzError.expected(
        "bad-value",
        "--batch (minibatch size)",
        `a batch size <= the number of data rows ${n}`,
        String(batchSize),
      );
    }
    this.n = n;
    this.batchSize = batchSize;
    this.perm = new Int32Array(n);
    for (let i = 0; i < n; i++) this.perm[i] = i;
    this.out = new Int32Array(batchSize);
    this.rng = rng;
  }

  /** The next batch (a view reused by the next call; copy it to keep it). The full batch is 0..n−1 in order. */
  next(): Int32Array {
    const { n, batchSize, perm, out } = this;
    if (batchSize === n) {
      for (let i = 0; i < n; i++) out[i] = i;
      return out;
    }
    for (let i = 0; i < batchSize; i++) {
      const j = i + this.rng.int(n - i);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
      out[i] = perm[i]!;
    }
    return out;
  }
}
