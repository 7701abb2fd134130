// Tests of `ansatz sglrw sample` (src/cli/commands/sglrw.ts), run in-process on a fresh commander program
// (the command is wired into bin/ansatz by src/cli/main.ts). The exact posterior of Bayesian linear regression
// is the conjugate closed form P = XᵀX/s² + I/v, Σ = P⁻¹, μ = Σ Xᵀy/s² (Bishop PRML eq. 3.53–3.54), computed by
// linearRegressionTarget(...).posterior(). Accuracy of the automatic settings: δt = 0.05/λmax gives an SGLRW
// stationary bias of a few per cent and ~1000 relaxation times of samples a Monte Carlo error ≈ 0.05 posterior
// SD on the mean and ≈ 5 % on the covariance, so the tolerances are 0.3 SD (mean) and 15 % (covariance).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { registerSglrwCli } from "../../src/cli/commands/sglrw.ts";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import { Rng } from "../../src/core/random.ts";
import { momentErrors } from "../../src/methods/sglrw/chain.ts";
import { linearRegressionTarget } from "../../src/methods/sglrw/targets/linear-regression.ts";
import { logisticReferencePosterior } from "../../src/methods/sglrw/targets/logistic-reference.ts";
import { syntheticLogisticData } from "../../src/methods/sglrw/targets/logistic-regression.ts";
import { runCommand } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "ansatz-sglrw-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Synthetic data y = 0.5 + 1.0 x1 − 2.0 x2 + N(0, 0.25), 300 rows, written as CSV with a header. */
function writeData(): { path: string; X: Mat; y: Float64Array } {
  const rng = new Rng(42);
  const n = 300;
  const X = new Mat(n, 3);
  const y = new Float64Array(n);
  const lines = ["x1,x2,y"];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    X.data.set([1, a, b], i * 3);
    y[i] = 0.5 + a - 2 * b + 0.5 * rng.normal();
    lines.push(`${a},${b},${y[i]}`);
  }
  const path = join(dir, "data.csv");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { path, X, y };
}

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCommand(registerSglrwCli, args);
}

const { path, X, y } = writeData();
const exact = linearRegressionTarget({ X, y }, { priorVar: 10, noiseVar: 0.25 }).posterior();

for (const sampler of ["sglrw", "sgld"]) {
  test(`${sampler}: automatic settings give the exact posterior mean within 0.3 SD and cov within 15 %`, async () => {
    const { stdout, stderr } = await run([
      "sglrw",
      "sample",
      "--data",
      path,
      "--model",
      "linear-regression",
      "--sampler",
      sampler,
      "--prior-var",
      "10",
      "--noise-var",
      "0.25",
      "--seed",
      "3",
      "--json",
    ]);
    const out = JSON.parse(stdout) as {
      mean: number[];
      cov: number[][];
      samples: number;
      chosen: { lr: number; steps: number };
    };
    assert.equal(out.mean.length, 3);
    assert.ok(out.samples > 1000);
    assert.ok(out.chosen.lr > 0 && out.chosen.steps > out.samples);
    assert.match(stderr, /chose --lr .* --steps \d+/);
    const e = momentErrors(Float64Array.from(out.mean), Mat.from(out.cov), exact.mean, exact.cov);
    assert.ok(e.meanError < 0.3, `mean error ${e.meanError} SD`);
    assert.ok(e.covError < 0.15, `cov error ${e.covError}`);
  });
}

test("minibatch SGLRW (batch 30) with given lr/steps: mean within 0.5 SD, cov within 30 %, nothing chosen", async () => {
  const { stdout, stderr } = await run(
    "sglrw sample --model linear-regression --sampler sglrw --batch 30 --lr 2e-5 --steps 60000 --prior-var 10 --noise-var 0.25 --json --data"
      .split(" ")
      .concat(path),
  );
  const out = JSON.parse(stdout) as { mean: number[]; cov: number[][]; chosen?: unknown };
  assert.equal(out.chosen, undefined);
  assert.equal(stderr, "");
  const e = momentErrors(Float64Array.from(out.mean), Mat.from(out.cov), exact.mean, exact.cov);
  assert.ok(e.meanError < 0.5, `mean error ${e.meanError} SD`);
  assert.ok(e.covError < 0.3, `cov error ${e.covError}`);
});

test("logistic-regression: SGLRW's mean is within 0.4 reference SD and cov within 30 % of the reference posterior", async () => {
  // 300 rows, intercept + 2 N(0,1) features, y ~ Bernoulli(σ(xᵀθ*)) (syntheticLogisticData, seed 7). Reference:
  // long full-batch ULA from the MAP at δt = 0.01/λmax (targets/logistic-reference.ts; its mean is
  // ≈ (−0.601, 1.435, −0.074), within 0.13 Laplace SD of the Laplace approximation). SGLRW at the automatic
  // settings (δt = 0.05/λmax, ~1000 relaxation times) measured 0.19 SD / 14 % here; the tolerances leave
  // room for Monte Carlo error (≈ 0.05–0.1 SD) and the few-per-cent stationary bias.
  const data = syntheticLogisticData(300, 3, new Rng(7));
  const lines = ["x1,x2,y"];
  for (let i = 0; i < 300; i++)
    lines.push(`${data.X.data[i * 3 + 1]},${data.X.data[i * 3 + 2]},${data.y[i]}`);
  const file = join(dir, "logistic.csv");
  writeFileSync(file, `${lines.join("\n")}\n`);
  const ref = logisticReferencePosterior(data, { priorVar: 1, seed: 1 });
  const { stdout } = await run(
    "sglrw sample --model logistic-regression --sampler sglrw --seed 3 --json --data".split(" ").concat(file),
  );
  const out = JSON.parse(stdout) as { mean: number[]; cov: number[][]; parameters: string[]; model: string };
  assert.deepEqual(out.parameters, ["intercept", "x1", "x2"]);
  assert.equal(out.model, "logistic-regression");
  const e = momentErrors(Float64Array.from(out.mean), Mat.from(out.cov), ref.mean, ref.cov);
  assert.ok(e.meanError < 0.4, `mean error ${e.meanError} reference SD`);
  assert.ok(e.covError < 0.3, `cov error ${e.covError}`);
  // not a tautology: the prior mean 0 is many SDs away from the reference (|θ1| ≈ 1.4 ≫ SD)
  const zero = momentErrors(new Float64Array(3), Mat.from(out.cov), ref.mean, ref.cov);
  assert.ok(zero.meanError > 5, `zero vector is ${zero.meanError} SD away`);
});

test("bad CSV cell: the error names row 2 and column 2 ('x2')", async () => {
  const bad = join(dir, "bad.csv");
  writeFileSync(bad, "x1,x2,y\n1,2,3\n4,abc,6\n");
  await assert.rejects(
    run(["sglrw", "sample", "--data", bad, "--model", "linear-regression"]),
    (e: unknown) => {
      assert.ok(e instanceof AnsatzError);
      assert.match(e.message, /row 2 .*column 2 \('x2'\)/);
      return true;
    },
  );
  const missing = join(dir, "missing.csv");
  writeFileSync(missing, "x1,x2,y\n1,,3\n");
  await assert.rejects(
    run(["sglrw", "sample", "--data", missing, "--model", "linear-regression"]),
    /row 1 .*column 2/,
  );
});

test("batch larger than the data, non-positive lr and divergence are AnsatzErrors", async () => {
  const base = ["sglrw", "sample", "--data", path, "--model", "linear-regression"];
  await assert.rejects(run([...base, "--batch", "301"]), (e: unknown) => {
    assert.ok(e instanceof AnsatzError);
    assert.match(e.message, /--batch.*300.*301/s);
    return true;
  });
  await assert.rejects(
    run([...base, "--lr", "0"]),
    (e: unknown) => e instanceof AnsatzError && /--lr/.test(e.message),
  );
  await assert.rejects(
    run([...base, "--lr", "-1"]),
    (e: unknown) => e instanceof AnsatzError && /--lr/.test(e.message),
  );
  // SGLD with lr far above 2/λmax (λmax ≈ 300/0.25 = 1200) explodes; the error names the step
  await assert.rejects(
    run([...base, "--sampler", "sgld", "--lr", "0.1", "--steps", "5000", "--noise-var", "0.25"]),
    (e: unknown) => {
      assert.ok(e instanceof AnsatzError);
      assert.match(e.message, /diverged at step \d+/);
      return true;
    },
  );
});
