// Tests of `ansatz vae fit` and `ansatz vae capacity` (src/cli/commands/vae.ts), run in-process on a fresh
// commander program. Data: exact Hopfield samples (N = 64, P = 2, T = 0.8, 10 000 rows) written as .npy in the
// ±1 and the 0/1 encodings; a K = 2 fit must return two ±1 patterns of length 64 that match the true ones
// (overlap ≥ 0.95 up to sign and order; measured 1, 1, binarity 0.999), negElbo = rate + distortion, and a model file that loads back.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { registerVae } from "../../src/cli/commands/vae.ts";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import { Rng } from "../../src/core/random.ts";
import { readNpy, writeNpy } from "../../src/ctf/formats/npy-file.ts";
import { hopfield, randomPatterns } from "../../src/methods/vae-meanfield/hopfield.ts";
import { sampleHopfield } from "../../src/methods/vae-meanfield/hopfield-samplers.ts";
import { matchPatterns } from "../../src/methods/vae-meanfield/pattern-match.ts";
import { correlationError, pairCorrelations, to01 } from "../../src/methods/vae-meanfield/spin-statistics.ts";
import { loadVae } from "../../src/methods/vae-meanfield/vae-io.ts";
import { runCommand } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "ansatz-vae-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const rng = new Rng(3);
const model = hopfield(randomPatterns(64, 2, rng.split()), 1 / 0.8);
const data = sampleHopfield(model, 10000, rng.split());
const pm1Path = join(dir, "pm1.npy");
const zeroOnePath = join(dir, "01.npy");
writeNpy(pm1Path, data);
writeNpy(zeroOnePath, to01(data));

function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runCommand(registerVae, args);
}

test("vae fit --json: K = 2 patterns match the Hopfield patterns; negElbo = rate + distortion; --out saves the model", async () => {
  const out = join(dir, "model.json");
  const { stdout } = await run([
    "vae",
    "fit",
    "--data",
    pm1Path,
    "--latents",
    "2",
    "--epochs",
    "20",
    "--out",
    out,
    "--json",
  ]);
  const r = JSON.parse(stdout);
  assert.equal(r.encoding, "pm1");
  assert.equal(r.patterns.length, 2, "K patterns");
  for (const p of r.patterns) {
    assert.equal(p.length, 64, "length N");
    assert.ok(
      p.every((v: number) => v === 1 || v === -1),
      "±1 entries",
    );
  }
  const est = new Mat(64, 2);
  for (let c = 0; c < 2; c++) for (let i = 0; i < 64; i++) est.data[i * 2 + c] = r.patterns[c][i];
  const m = matchPatterns(model.patterns, est);
  assert.ok(m.min >= 0.95, `pattern overlaps ${Array.from(m.overlaps)}`);
  assert.ok(
    Math.abs(r.negElbo - (r.rate + r.distortion)) < 1e-9,
    `negElbo ${r.negElbo}, R + D ${r.rate + r.distortion}`,
  );
  assert.ok(r.rate > 0 && r.distortion > 0, `rate ${r.rate}, distortion ${r.distortion}`);
  // log p(x) ≥ ELBO (importance sampling with 200 draws; different rows, so allow the row-sampling noise)
  assert.ok(r.logLikelihood > -r.negElbo - 0.2, `log-likelihood ${r.logLikelihood}, ELBO ${-r.negElbo}`);
  assert.equal(r.couplings.betaJ.length, 64);
  assert.equal(r.history.length, 20);
  assert.ok(existsSync(out), "model file written");
  const loaded = loadVae(out);
  assert.equal(loaded.vae.config.latents, 2);
});

test("vae sample: a saved K = 2 model generates ±1 samples whose pair correlations match the data's", async () => {
  const model = join(dir, "model.json");
  if (!existsSync(model))
    await run(["vae", "fit", "--data", pm1Path, "--latents", "2", "--epochs", "20", "--out", model]);
  const out = join(dir, "gen.npy");
  const { stdout } = await run([
    "vae",
    "sample",
    "--model",
    model,
    "--count",
    "5000",
    "--out",
    out,
    "--json",
  ]);
  const r = JSON.parse(stdout);
  assert.equal(r.count, 5000);
  const gen = readNpy(out);
  assert.deepEqual(gen.shape, [5000, 64]);
  assert.ok(
    gen.data.every((v) => v === 1 || v === -1),
    "±1 samples",
  );
  const err = correlationError(pairCorrelations(gen), pairCorrelations(data));
  assert.ok(err.mean < 0.05, `corr err mean ${err.mean}`);
  await assert.rejects(
    run(["vae", "sample", "--model", model, "--count", "5", "--out", out, "--encoding", "x"]),
    /--encoding/,
  );
  await assert.rejects(
    run(["vae", "sample", "--model", join(dir, "missing.json"), "--count", "5", "--out", out]),
    /missing\.json/,
  );
});

test("vae fit reads 0/1 data, prints a readable summary and writes the training plot", async () => {
  const { stdout } = await run([
    "vae",
    "fit",
    "--data",
    zeroOnePath,
    "--latents",
    "1",
    "--epochs",
    "2",
    "--seed",
    "4",
  ]);
  assert.match(stdout, /10000 samples × 64 sites \(0\/1\), K = 1/);
  assert.match(stdout, /ξ1 [+-]{64} {2}binarity/);
});

test("vae capacity --json reports one row per K with the MI estimate and a verdict; --plots writes the chart", async () => {
  const { stdout } = await run([
    "vae",
    "capacity",
    "--data",
    pm1Path,
    "--latents",
    "1,2",
    "--epochs",
    "3",
    "--json",
  ]);
  const r = JSON.parse(stdout);
  assert.equal(r.mi.kind, "estimate");
  assert.ok(
    r.mi.value > 0.1,
    `I_bip estimate ${r.mi.value} (two retrieval patterns share information across halves)`,
  );
  assert.deepEqual(
    r.rows.map((x: { latents: number }) => x.latents),
    [1, 2],
  );
  assert.equal(typeof r.verdict, "string");
  assert.equal(r.trainRows + r.heldOutRows, 10000);
});

test("bad input: non-binary values, K < 1, K > N, an empty file, a bad K list", async () => {
  const bad = data.clone();
  bad.data[5 * 64 + 7] = 0.5;
  const badPath = join(dir, "bad.npy");
  writeNpy(badPath, bad);
  await assert.rejects(run(["vae", "fit", "--data", badPath, "--latents", "1"]), (e: unknown) => {
    assert.ok(e instanceof AnsatzError, String(e));
    assert.match(e.message, /bad\.npy/);
    assert.match(e.message, /0\.5/);
    return true;
  });
  await assert.rejects(run(["vae", "fit", "--data", pm1Path, "--latents", "0"]), /--latents/);
  await assert.rejects(run(["vae", "fit", "--data", pm1Path, "--latents", "65"]), /latents.*64/);
  const empty = join(dir, "empty.npy");
  writeFileSync(empty, "");
  await assert.rejects(run(["vae", "fit", "--data", empty, "--latents", "1"]), AnsatzError);
  await assert.rejects(run(["vae", "capacity", "--data", pm1Path, "--latents", "1,x"]), /--latents/);
});
