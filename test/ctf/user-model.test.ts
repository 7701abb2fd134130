// A user's model from a file (src/ctf/user-model.ts; issue 4 item 1 and "Bad input"): the documented
// example (examples/my-model.ts) loads and runs through the runner; minimal {id, predict} objects in
// .mjs / .ts / .cjs files are completed with defaults; files that do not export the interface are refused
// with an AnsatzError naming the file and what is missing.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import { loadDataset } from "../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../src/ctf/dynamics/dataset-writer.ts";
import { forecastTask } from "../../src/ctf/dynamics/forecast-model.ts";
import { lorenz } from "../../src/ctf/dynamics/systems/lorenz.ts";
import { runBatch } from "../../src/ctf/runner.ts";
import { ResultsStore } from "../../src/ctf/store.ts";
import { loadUserModel, looksLikeModelFile } from "../../src/ctf/user-model.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-user-model-"));
after(() => rmSync(root, { recursive: true, force: true }));
const example = fileURLToPath(new URL("../../examples/my-model.ts", import.meta.url));

function file(name: string, text: string): string {
  const p = join(root, name);
  writeFileSync(p, text);
  return p;
}

async function rejectsAnsatz(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `expected an AnsatzError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

const ONES = `(task) => Array.from({ length: task.predictionShape[0] }, () => new Array(task.predictionShape[1]).fill(1))`;

describe("loading a model file", () => {
  it("loads the documented example and runs it on pairs 1, 2 and 8", async () => {
    const m = await loadUserModel(example);
    assert.equal(m.id, "my-damped-persistence");
    assert.equal(m.kind, "forecast");
    assert.deepEqual(m.parseConfig({ damping: 0.5 }), { damping: 0.5, window: 5 });
    assert.throws(() => m.parseConfig({ damping: 2 }), /damping: expected a number in \[0, 1\], found 2/);
    const dir = join(root, "lorenz");
    writeDataset(lorenz, { size: "quick", seed: 2, dir });
    const ds = loadDataset(dir);
    // the forecast relaxes from the last training row towards the training mean: row k = m + 0.98^(k+1)(x − m)
    const task = forecastTask(ds, 1, 0);
    const p = m.predict(task, m.defaultConfig) as Mat;
    const x = task.train[0]!;
    let mean0 = 0;
    for (let i = 0; i < x.rows; i++) mean0 += x.get(i, 0);
    mean0 /= x.rows;
    const last0 = x.get(x.rows - 1, 0);
    assert.ok(Math.abs(p.get(9, 0) - (mean0 + 0.98 ** 10 * (last0 - mean0))) < 1e-9);
    const store = ResultsStore.open(join(root, "db", "ansatz.db"));
    const s = await runBatch({ dataset: ds, models: [m], pairs: [1, 2, 8], store });
    assert.deepEqual([s.ok, s.failed], [3, 0]);
    const u = store.units()[0]!;
    assert.equal(u.model, "my-damped-persistence");
    assert.deepEqual(u.config, { damping: 0.98, window: 5 });
    store.close();
  });

  it("completes a minimal {id, predict} from .mjs, .ts (named export) and .cjs files", async () => {
    const mini = await loadUserModel(file("mini.mjs", `export default { id: "mini", predict: ${ONES} };`));
    assert.deepEqual([mini.id, mini.title, mini.kind], ["mini", "mini", "forecast"]);
    assert.match(mini.source, /^file:.*mini\.mjs$/);
    assert.deepEqual(mini.defaultConfig, {});
    assert.deepEqual(mini.parseConfig({ a: 1 }), { a: 1 });
    assert.throws(() => mini.parseConfig(3), /config: expected an object of settings, found number/);
    const named = await loadUserModel(
      file(
        "named.ts",
        `interface T { predictionShape: [number, number] }
export const model = { id: "named", defaultConfig: { k: 2 }, pairs: [1, 3], predict: (t: T) => ${ONES}(t) };`,
      ),
    );
    assert.deepEqual([named.id, named.pairs], ["named", [1, 3]]);
    assert.deepEqual(named.parseConfig({ j: 1 }), { k: 2, j: 1 });
    // a default export from a .ts outside any "type": "module" package (os.tmpdir()) loads too
    const def = await loadUserModel(
      file(
        "default.ts",
        `const m = { id: "default-ts", predict: (t: unknown) => ${ONES}(t) };\nexport default m;`,
      ),
    );
    assert.equal(def.id, "default-ts");
    const cjs = await loadUserModel(
      file("c.cjs", `module.exports = { model: { id: "cjs", predict: ${ONES} } };`),
    );
    assert.equal(cjs.id, "cjs");
    const out = await cjs.predict({ predictionShape: [2, 3] } as never, {});
    assert.deepEqual(out, [
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it("refuses files that do not export the interface, naming the file and what is missing", async () => {
    await rejectsAnsatz(
      loadUserModel(file("nopredict.mjs", `export default { id: "x", title: "t" };`)),
      /nopredict\.mjs: expected a forecast model with id and predict .* found an object without predict\(task, config\) \(a function\); it has id, title/,
    );
    await rejectsAnsatz(
      loadUserModel(file("noid.mjs", `export default { predict() {} };`)),
      /noid\.mjs: .*without id \(a string\)/,
    );
    await rejectsAnsatz(
      loadUserModel(file("noexport.mjs", "export const foo = 1;")),
      /noexport\.mjs: expected a default export \(or an export named "model"\).*found no such export/,
    );
    await rejectsAnsatz(loadUserModel(file("num.mjs", "export default 42;")), /num\.mjs: .*found number/);
    await rejectsAnsatz(
      loadUserModel(file("kind.mjs", `export default { id: "k", kind: "generate", predict() {} };`)),
      /kind\.mjs: expected kind "forecast" \(or no kind\), found kind "generate"/,
    );
    await rejectsAnsatz(
      loadUserModel(file("badid.mjs", `export default { id: "has space", predict() {} };`)),
      /badid\.mjs: expected an id of letters/,
    );
    await rejectsAnsatz(
      loadUserModel(file("pairs.mjs", `export default { id: "p", pairs: [0], predict() {} };`)),
      /pairs\.mjs: expected pairs to be a non-empty list of pair ids 1–9, found \[0\]/,
    );
    await rejectsAnsatz(
      loadUserModel(file("syntax.mjs", "export default {{;")),
      /syntax\.mjs: expected an importable module, found an import error/,
    );
    await rejectsAnsatz(
      loadUserModel(join(root, "missing.ts")),
      /missing\.ts: expected a model file .* no such file/,
    );
    await rejectsAnsatz(
      loadUserModel(file("m.txt", "")),
      /m\.txt: expected a model file with extension .*found extension \.txt/,
    );
  });

  it("tells file arguments from registered ids", () => {
    assert.equal(looksLikeModelFile("./my-model.ts"), true);
    assert.equal(looksLikeModelFile("models/x.js"), true);
    assert.equal(looksLikeModelFile("m.mjs"), true);
    assert.equal(looksLikeModelFile("dmd"), false);
    assert.equal(looksLikeModelFile("hankel-dmd"), false);
  });

  it("a predict returning number[][] of the right shape is scored like a Mat", async () => {
    const m = await loadUserModel(file("ones.mjs", `export default { id: "ones", predict: ${ONES} };`));
    const ds = loadDataset(join(root, "lorenz"));
    const store = ResultsStore.open(join(root, "db2", "ansatz.db"));
    await runBatch({ dataset: ds, models: [m], pairs: [1], store });
    const u = store.units()[0]!;
    assert.equal(u.status, "ok");
    const pred = store.readPrediction(u)!;
    assert.ok(pred instanceof Mat);
    assert.deepEqual([pred.rows, pred.cols, pred.data[0], pred.data[1499]], [500, 3, 1, 1]);
    store.close();
  });
});
