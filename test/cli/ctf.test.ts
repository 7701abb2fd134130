// `ansatz ctf generate|score|score-all` as a user runs them: JSON contracts, caching, exact scores of
// trivial predictions (zeros → short-time 0; truth → 100), and bad input exiting 2 with the field named.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Mat } from "../../src/core/matrix.ts";
import { readNpy, writeNpy } from "../../src/ctf/formats/npy-file.ts";

const bin = fileURLToPath(new URL("../../bin/ansatz.mjs", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "ansatz-cli-ctf-"));
after(() => rmSync(root, { recursive: true, force: true }));

function ansatz(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("ansatz ctf", () => {
  const dir = join(root, "data", "rossler");

  it("generate: writes once, then reports the cached set", () => {
    const first = ansatz("ctf", "generate", "rossler", "--seed", "5", "--json");
    assert.equal(first.code, 0, first.stderr);
    const a = JSON.parse(first.stdout);
    assert.equal(a.cached, false);
    assert.equal(a.dir, dir);
    const second = JSON.parse(ansatz("ctf", "generate", "rossler", "--seed", "5", "--json").stdout);
    assert.equal(second.cached, true);
  });

  it("score: zeros give short_time 0 exactly; the truth itself gives 100; only the pair's metrics", () => {
    const truth = readNpy(join(dir, "test", "X1test.npy"));
    const zeros = join(root, "zeros.npy");
    writeNpy(zeros, new Mat(truth.rows, truth.cols));
    const z = JSON.parse(
      ansatz("ctf", "score", "--dataset", "rossler", "--pair", "1", "--pred", zeros, "--json").stdout,
    );
    assert.deepEqual(Object.keys(z.metrics).sort(), ["long_time", "short_time"]);
    assert.equal(z.metrics.short_time, 0);
    assert.deepEqual(Object.keys(z.E).sort(), ["E1", "E2"]);
    const p = ansatz(
      "ctf",
      "score",
      "--dataset",
      dir,
      "--pair",
      "2",
      "--pred",
      join(dir, "test", "X2test.npy"),
      "--json",
    );
    assert.equal(p.code, 0, p.stderr);
    assert.deepEqual(JSON.parse(p.stdout).E, { E3: 100 });
    // --truth overrides the hidden matrix: zeros scored against zeros is refused as a zero-norm truth.
    const t = ansatz(
      "ctf",
      "score",
      "--dataset",
      "rossler",
      "--pair",
      "1",
      "--pred",
      zeros,
      "--truth",
      zeros,
    );
    assert.equal(t.code, 2);
  });

  it("score-all: a directory of X*pred files gives twelve E, the composite and the extras", () => {
    const preds = join(root, "preds");
    mkdirSync(preds);
    for (let i = 1; i <= 9; i++) {
      writeNpy(join(preds, `X${i}pred.npy`), readNpy(join(dir, "test", `X${i}test.npy`)));
    }
    const r = ansatz("ctf", "score-all", "--dataset", "rossler", "--predictions", preds, "--json");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(Object.keys(out.E).length, 12);
    assert.equal(out.composite, 100);
    assert.equal(out.extras.length, 9);
    // identical samples: energy distance 0 up to rounding (it is a difference of mean distances)
    assert.ok(
      Math.abs(out.extras[0].attractorEnergyDistance) < 1e-9,
      `${out.extras[0].attractorEnergyDistance}`,
    );
  });

  it("export-kaggle then score-all on the CSV gives the same profile as the directory", () => {
    const preds = join(root, "preds");
    const csv = join(root, "sub.csv");
    const e = ansatz(
      "ctf",
      "export-kaggle",
      "--dataset",
      "rossler",
      "--predictions",
      preds,
      "--out",
      csv,
      "--json",
    );
    assert.equal(e.code, 0, e.stderr);
    assert.equal(JSON.parse(e.stdout).rows, 7 * 500 + 2 * 1000); // quick: 500-row forecasts, 1000-row X2/X4 test
    const fromCsv = JSON.parse(
      ansatz("ctf", "score-all", "--dataset", "rossler", "--predictions", csv, "--json").stdout,
    );
    const fromDir = JSON.parse(
      ansatz("ctf", "score-all", "--dataset", "rossler", "--predictions", preds, "--json").stdout,
    );
    assert.deepEqual(fromCsv.E, fromDir.E);
  });

  it("systems --json lists the five systems with our parameter values", () => {
    const out = JSON.parse(ansatz("ctf", "systems", "--json").stdout);
    assert.deepEqual(
      out.systems.map((s: { id: string }) => s.id),
      ["lorenz", "ks", "rossler", "lorenz96", "double-pendulum"],
    );
    assert.equal(out.systems[0].default, 28);
  });

  it("run: a model file outside any package, an unknown id recorded as failed; leaderboard --json", () => {
    const modelFile = join(root, "tiny-model.ts");
    writeFileSync(
      modelFile,
      `const m = { id: "tiny", predict: (t: { predictionShape: [number, number] }) =>
  Array.from({ length: t.predictionShape[0] }, () => new Array(t.predictionShape[1]).fill(0)) };
export default m;`,
    );
    const r = ansatz(
      "ctf",
      "run",
      "--dataset",
      "rossler",
      "--model",
      `${modelFile},nosuch`,
      "--pairs",
      "1,2",
      "--json",
    );
    assert.equal(r.code, 2, r.stderr); // the unknown id is an error, and is recorded
    assert.match(r.stderr, /found "nosuch" \(recorded as failed, −100\)/);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.summary.ok, out.summary.failed], [2, 2]);
    const board = JSON.parse(ansatz("ctf", "leaderboard", "--dataset", "rossler", "--json").stdout);
    const tiny = board.rows.find((x: { model: string }) => x.model === "tiny");
    assert.equal(tiny.E.E1, 0); // zeros: short-time exactly 0
    assert.equal(tiny.E.E3, 0); // zeros: reconstruction exactly 0
    assert.equal(board.rows.find((x: { model: string }) => x.model === "nosuch").E.E1, -100);
    const rerun = JSON.parse(
      ansatz("ctf", "run", "--dataset", "rossler", "--model", modelFile, "--pairs", "1,2", "--json").stdout,
    );
    assert.deepEqual([rerun.summary.computed, rerun.summary.cached], [0, 2]); // resumed: nothing recomputed
  });

  it("report: writes a self-contained HTML file and PNGs from the store", () => {
    const r = ansatz("report", "--json");
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.match(out.html, /index\.html$/);
    assert.ok(out.pngs.length > 0);
  });

  it("bad input: unknown system, unknown data set, pair out of range, wrong-shaped prediction", () => {
    const sys = ansatz("ctf", "generate", "lorenz63");
    assert.equal(sys.code, 2);
    assert.match(sys.stderr, /expected one of .*lorenz/);
    const ds = ansatz("ctf", "score", "--dataset", "ks", "--pair", "1", "--pred", "x.npy");
    assert.equal(ds.code, 2);
    assert.match(ds.stderr, /--dataset: .*generate it with `ansatz ctf generate ks`/);
    const pair = ansatz("ctf", "score", "--dataset", "rossler", "--pair", "10", "--pred", "x.npy");
    assert.equal(pair.code, 2);
    assert.match(pair.stderr, /--pair: expected an integer 1–9, found "10"/);
    const wrong = join(root, "wrong.npy");
    writeNpy(wrong, new Mat(3, 3));
    const w = JSON.parse(
      ansatz("ctf", "score", "--dataset", "rossler", "--pair", "1", "--pred", wrong, "--json").stdout,
    );
    assert.deepEqual(w.E, { E1: -100, E2: -100 });
    assert.match(w.notes.join(" "), /shape \[3, 3\]/);
  });
});
