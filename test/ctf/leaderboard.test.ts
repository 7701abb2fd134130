// The leaderboard (src/ctf/leaderboard.ts; issue 4 item 6, spec ctf.md §2.6–2.7): E averaged over seeds
// with failed / skipped / missing pairs at −100 (the reference's sheets), the composite, and the std of
// the per-seed composites (np.std, ddof 0) only when ≥ 3 seeds succeeded; then the zeros model on a
// generated Lorenz set through runner and store (spec §4 test 9: E1, E3, E5, E7, E9, E11, E12 = 0).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadDataset } from "../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../src/ctf/dynamics/dataset-writer.ts";
import { E_IDS, type EId, type PairId } from "../../src/ctf/dynamics/pairs.ts";
import { lorenz } from "../../src/ctf/dynamics/systems/lorenz.ts";
import {
  formatLeaderboard,
  leaderboard,
  leaderboardFromUnits,
  leaderboardJson,
} from "../../src/ctf/leaderboard.ts";
import { runBatch } from "../../src/ctf/runner.ts";
import { ResultsStore, type StoredUnit, type UnitStatus } from "../../src/ctf/store.ts";
import { zerosModel } from "./fixtures/batch-models.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-leaderboard-"));
after(() => rmSync(root, { recursive: true, force: true }));

let nextId = 1;
function u(
  model: string,
  seed: number,
  pair: PairId,
  E: Partial<Record<EId, number>>,
  status: UnitStatus = "ok",
): StoredUnit {
  return {
    id: nextId++,
    dataset: "toy",
    model,
    configHash: `h-${model}`,
    config: {},
    pair,
    seed,
    status,
    reason: status === "ok" ? null : "why",
    metrics: {},
    E,
    extras: null,
    notes: [],
    seconds: 1,
    codeVersion: "t",
    datasetHash: "d",
    runId: null,
    createdAt: "",
    predictionPath: null,
  };
}

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe("leaderboard rules", () => {
  // model a: three seeds, pair 1 ok with E1 = 10, 20, 30 and E2 = 0; the other ten E are missing (−100)
  const a = [10, 20, 30].map((e1, i) => u("a", i + 1, 1, { E1: e1, E2: 0 }));
  // model b: three seeds, the third failed (−100 for E1, E2)
  const b = [
    u("b", 1, 1, { E1: 40, E2: 0 }),
    u("b", 2, 1, { E1: 40, E2: 0 }),
    u("b", 3, 1, { E1: -100, E2: -100 }, "failed"),
  ];
  // model c: two seeds only
  const c = [u("c", 1, 1, { E1: 90, E2: 90 }), u("c", 2, 1, { E1: 90, E2: 90 })];

  it("averages each E over seeds, composites the twelve, and gives std with ≥ 3 successful seeds", () => {
    const rows = leaderboardFromUnits([...a, ...b, ...c], { pairs: [1] });
    assert.deepEqual(
      rows.map((r) => r.model),
      ["c", "a", "b"],
    );
    const ra = rows[1]!;
    assert.equal(ra.E.E1, 20);
    assert.equal(ra.E.E2, 0);
    for (const e of E_IDS.slice(2)) assert.equal(ra.E[e], -100);
    // composite = (20 + 0 − 1000) / 12
    close(ra.composite, -980 / 12);
    // python3 -c "import numpy as np; print(np.std([(10-1000)/12, (20-1000)/12, (30-1000)/12]))" → 0.6804138174397717
    close(ra.std!, 0.6804138174397717);
    // python3 -c "import numpy as np; print(np.std([10, 20, 30]))" → 8.16496580927726
    close(ra.Estd!.E1, 8.16496580927726);
    assert.equal(ra.Estd!.E3, 0);
    assert.deepEqual([ra.seeds, ra.seedsOk, ra.failures, ra.seconds], [3, 3, 0, 3]);
  });

  it("scores a failed pair −100 in the mean and withholds std below 3 successful seeds", () => {
    const rows = leaderboardFromUnits([...a, ...b, ...c], { pairs: [1] });
    const rb = rows.find((r) => r.model === "b")!;
    close(rb.E.E1, (40 + 40 - 100) / 3);
    close(rb.E.E2, -100 / 3);
    assert.deepEqual([rb.seeds, rb.seedsOk, rb.failures], [3, 2, 1]);
    assert.equal(rb.std, null);
    assert.equal(rb.Estd, null);
    const rc = rows.find((r) => r.model === "c")!;
    assert.equal(rc.seeds, 2);
    assert.equal(rc.std, null);
    close(rc.composite, (90 + 90 - 1000) / 12);
  });

  it("a seed missing a pair of the data set does not count as succeeded; a skipped pair does (default pairs: those in the units)", () => {
    const rows = leaderboardFromUnits(a, { pairs: [1, 2] });
    assert.equal(rows[0]!.seedsOk, 0);
    assert.equal(rows[0]!.std, null);
    const d = [1, 2, 3].flatMap((s) => [u("d", s, 1, { E1: 5, E2: 5 }), u("d", s, 2, {}, "skipped")]);
    const rd = leaderboardFromUnits(d, { pairs: [1, 2] })[0]!;
    assert.equal(rd.seedsOk, 3);
    assert.equal(rd.std, 0);
    assert.equal(rd.E.E3, -100);
    // by default the data set's pairs are those found among the units: {1} for a alone, {1, 2} with d
    assert.equal(leaderboardFromUnits(a)[0]!.seedsOk, 3);
    assert.equal(leaderboardFromUnits([...a, ...d]).find((r) => r.model === "a")!.seedsOk, 0);
  });

  it("prints a table and the JSON rows of the issue", () => {
    const rows = leaderboardFromUnits([...a, ...b, ...c], { pairs: [1] });
    const text = formatLeaderboard(rows, "toy");
    const lines = text.split("\n");
    assert.equal(lines[0], "toy");
    assert.match(lines[1]!, /#\s+model\s+composite\s+± std\s+seeds\s+E1\s+E2 .*E12$/);
    assert.match(lines[3]!, /^1\s+c\s+-68\.33\s+–\s+2\s+90\.0\s+90\.0\s+-100\.0/);
    assert.match(lines[4]!, /^2\s+a\s+-81\.67\s+0\.68\s+3\s+20\.0\s+0\.0/);
    assert.match(lines[5]!, /^3\s+b\s+.*\s+2\/3\s+/);
    const json = leaderboardJson(rows);
    assert.deepEqual(Object.keys(json[0]!), ["model", "configHash", "E", "composite", "std", "seeds"]);
    assert.equal(json[1]!.std, rows[1]!.std);
  });
});

describe("leaderboard from the store", () => {
  it("the zeros model on generated Lorenz: E1, E3, E5, E7, E9, E11, E12 = 0, long-time in [−100, 0), std 0", async () => {
    const dir = join(root, "lorenz");
    writeDataset(lorenz, { size: "quick", seed: 5, dir });
    const ds = loadDataset(dir);
    const store = ResultsStore.open(join(root, "db", "ansatz.db"));
    await runBatch({ dataset: ds, models: [zerosModel], seeds: [1, 2, 3], store });
    const rows = leaderboard(store, ds.name);
    assert.equal(rows.length, 1);
    const r = rows[0]!;
    assert.equal(r.model, "t-zeros");
    for (const e of ["E1", "E3", "E5", "E7", "E9", "E11", "E12"] as const) assert.equal(r.E[e], 0, e);
    for (const e of ["E2", "E4", "E6", "E8", "E10"] as const) assert.ok(r.E[e] < 0 && r.E[e] >= -100, e);
    assert.equal(r.seedsOk, 3);
    assert.equal(r.std, 0);
    assert.deepEqual(leaderboard(store, "other"), []);
    store.close();
  });
});
