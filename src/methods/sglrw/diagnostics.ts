// The cumulative-KL convergence diagnostic of the SGLRW spec (sglrw.md §4.2, the `posteriors` Gaussian test
// tests/sgmcmc/utils.py::run_test_sgmcmc_gaussian): the running mean ŝ_n and covariance Ĉ_n of the first n
// collected samples (Welford's online update; Knuth, TAOCP vol. 2, §4.2.2), and at checkpoints
// n = first, first + every, … the KL divergence KL(N(ŝ_n, Ĉ_n) ‖ N(μ, Σ)) of the running Gaussian fit to the
// exact posterior (closed form, core/stats klGaussian). A converging chain gives a mostly decreasing sequence.
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { klGaussian } from "../../core/stats.ts";

/** Online mean and (unbiased) covariance of d-dimensional samples. */
export class RunningMoments {
  readonly dim: number;
  count = 0;
  private readonly m: Float64Array;
  private readonly m2: Float64Array;
  private readonly delta: Float64Array;

  constructor(dim: number) {
    assertInt(dim, "RunningMoments dim", 1);
    this.dim = dim;
    this.m = new Float64Array(dim);
    this.m2 = new Float64Array(dim * dim);
    this.delta = new Float64Array(dim);
  }

  /** Adds one sample (length dim; allocation-free). */
  push(x: ArrayLike<number>): void {
    const d = this.dim;
    if (x.length !== d) {
      throw AnsatzError.expected("bad-shape", "RunningMoments sample", `length ${d}`, `length ${x.length}`);
    }
    this.count++;
    for (let i = 0; i < d; i++) {
      this.delta[i] = x[i]! - this.m[i]!;
      this.m[i] = this.m[i]! + this.delta[i]! / this.count;
    }
    for (let i = 0; i < d; i++) {
      const di = this.delta[i]!;
      for (let j = 0; j < d; j++) this.m2[i * d + j] = this.m2[i * d + j]! + di * (x[j]! - this.m[j]!);
    }
  }

  /** Copy of the running mean. */
  mean(): Float64Array {
    return this.m.slice();
  }

  /** Running covariance Σ (x − ŝ)(x − ŝ)ᵀ / (n − 1), symmetrised (needs n ≥ 2). */
  cov(): Mat {
    const d = this.dim;
    if (this.count < 2) {
      throw AnsatzError.expected("bad-value", "RunningMoments cov", "at least 2 samples", `${this.count}`);
    }
    const c = new Mat(d, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        c.data[i * d + j] = (0.5 * (this.m2[i * d + j]! + this.m2[j * d + i]!)) / (this.count - 1);
      }
    }
    return c;
  }
}

/** Cumulative-KL diagnostic: running moments plus KL(N(ŝ_n, Ĉ_n) ‖ exact) at n = first, first + every, …. */
export class CumulativeKl {
  readonly moments: RunningMoments;
  /** KL at each checkpoint, in order. */
  readonly kls: number[] = [];
  /** The sample counts n of the checkpoints. */
  readonly checkpoints: number[] = [];
  private readonly exactMean: Float64Array;
  private readonly exactCov: Mat;
  private readonly first: number;
  private readonly every: number;

  /** `first` (default 500) and `every` (default 100) follow the posteriors test. */
  constructor(exactMean: ArrayLike<number>, exactCov: Mat, opts: { first?: number; every?: number } = {}) {
    this.exactMean = Float64Array.from(exactMean);
    this.exactCov = exactCov;
    this.first = opts.first ?? 500;
    this.every = opts.every ?? 100;
    assertInt(this.first, "CumulativeKl first", 2);
    assertInt(this.every, "CumulativeKl every", 1);
    this.moments = new RunningMoments(this.exactMean.length);
  }

  /** Adds one sample; records the KL when the count reaches a checkpoint. */
  push(x: ArrayLike<number>): void {
    this.moments.push(x);
    const n = this.moments.count;
    if (n >= this.first && (n - this.first) % this.every === 0) {
      this.kls.push(this.currentKl());
      this.checkpoints.push(n);
    }
  }

  /** KL(N(ŝ_n, Ĉ_n) ‖ N(μ, Σ)) of the samples so far. */
  currentKl(): number {
    return klGaussian(this.moments.mean(), this.moments.cov(), this.exactMean, this.exactCov);
  }

  /** Fraction of consecutive checkpoints at which the KL decreased (NaN with < 2 checkpoints). */
  fractionDecreasing(): number {
    if (this.kls.length < 2) return Number.NaN;
    let dec = 0;
    for (let k = 1; k < this.kls.length; k++) if (this.kls[k]! < this.kls[k - 1]!) dec++;
    return dec / (this.kls.length - 1);
  }
}
