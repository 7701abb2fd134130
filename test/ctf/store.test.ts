// The results store (src/ctf/store.ts; issue 4 "Store"): schema and WAL mode, the unique unit key,
// predictions written as .npy beside the database (bit-identical round trip), canonical config hashes,
// and refusal of databases it cannot own (newer schema, foreign tables, missing file read-only).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import {
  canonicalJson,
  configHash,
  type NewUnit,
  predictionRelPath,
  ResultsStore,
  SCHEMA_VERSION,
} from "../../src/ctf/store.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-store-"));
after(() => rmSync(root, { recursive: true, force: true }));
const Database = createRequire(import.meta.url)("better-sqlite3") as new (
  p: string,
) => {
  pragma(s: string, o?: { simple: boolean }): unknown;
  exec(s: string): void;
  prepare(s: string): { get(): unknown };
  close(): void;
};

function unit(over: Partial<NewUnit> = {}): NewUnit {
  const config = over.config ?? { alpha: 0.5 };
  return {
    dataset: "lorenz",
    model: "m1",
    configHash: configHash(config),
    pair: 1,
    seed: 42,
    config,
    status: "ok",
    reason: null,
    metrics: { short_time: 12.5, long_time: -3 },
    E: { E1: 12.5, E2: -3 },
    extras: null,
    notes: ["a note"],
    seconds: 0.25,
    codeVersion: "test",
    datasetHash: "abc",
    runId: null,
    ...over,
  };
}

function throwsAnsatz(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `expected an AnsatzError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("config hashes", () => {
  it("hash the canonical JSON (keys sorted at every level) with SHA-256, 16 hex digits", () => {
    const a = { c: { e: true, d: null }, b: [1, 2.5, "x"], a: 1 };
    assert.equal(canonicalJson(a), '{"a":1,"b":[1,2.5,"x"],"c":{"d":null,"e":true}}');
    // python3 -c "import hashlib;print(hashlib.sha256(b'{\"a\":1,\"b\":[1,2.5,\"x\"],\"c\":{\"d\":null,\"e\":true}}').hexdigest()[:16])"
    assert.equal(configHash(a), "b49c69dfdb8de1b7");
    assert.equal(configHash({ a: 1, b: [1, 2.5, "x"], c: { d: null, e: true } }), "b49c69dfdb8de1b7");
    assert.notEqual(configHash({ a: 2 }), configHash({ a: 1 }));
  });

  it("refuses values JSON cannot represent", () => {
    throwsAnsatz(() => configHash({ a: Number.NaN }), /config\.a: expected a finite number/);
    throwsAnsatz(() => configHash({ w: new Float64Array(2) }), /config\.w: expected plain JSON values/);
  });
});

describe("ResultsStore", () => {
  const dbPath = join(root, "r", "ansatz.db");

  it("creates the schema (version 1) in WAL mode", () => {
    const s = ResultsStore.open(dbPath);
    assert.equal(s.schemaVersion(), SCHEMA_VERSION);
    assert.equal(SCHEMA_VERSION, 1);
    s.close();
    const raw = new Database(dbPath);
    assert.equal(raw.pragma("journal_mode", { simple: true }), "wal");
    raw.close();
  });

  it("writes the prediction .npy before the row and reads it back bit-identically", () => {
    const s = ResultsStore.open(dbPath);
    const pred = new Mat(2, 3, new Float64Array([0.1, -2, 3e-300, Math.PI, 5, -0]));
    const stored = s.putUnit(unit(), pred);
    assert.equal(
      stored.predictionPath,
      join("predictions", "lorenz", "m1", configHash({ alpha: 0.5 }), "pair1-seed42.npy"),
    );
    assert.ok(existsSync(join(s.dir, stored.predictionPath!)));
    const got = s.getUnit(stored)!;
    assert.deepEqual(got.E, { E1: 12.5, E2: -3 });
    assert.deepEqual(got.metrics, { short_time: 12.5, long_time: -3 });
    assert.deepEqual(got.config, { alpha: 0.5 });
    assert.equal(got.status, "ok");
    assert.equal(got.seconds, 0.25);
    const back = s.readPrediction(got)!;
    assert.deepEqual([back.rows, back.cols], [2, 3]);
    assert.deepEqual(Buffer.from(back.data.buffer), Buffer.from(pred.data.buffer));
    // no temporary files left beside it
    assert.deepEqual(readdirSync(join(s.dir, "predictions", "lorenz", "m1", configHash({ alpha: 0.5 }))), [
      "pair1-seed42.npy",
    ]);
    s.close();
  });

  it("never stores a unit twice: the key (dataset, model, config hash, pair, seed) is unique", () => {
    const s = ResultsStore.open(dbPath);
    throwsAnsatz(() => s.putUnit(unit({ E: { E1: 99 } }), null), /a unit not yet stored/);
    assert.equal(s.unitCount(), 1);
    assert.equal(s.getUnit(unit())!.E.E1, 12.5);
    // a different seed, pair or config is a different unit
    s.putUnit(unit({ seed: 7 }), null);
    s.putUnit(unit({ pair: 3, E: { E4: 1 }, metrics: { long_time: 1 } }), null);
    s.putUnit(unit({ config: { alpha: 1 } }), null);
    assert.equal(s.unitCount(), 4);
    // replace deletes and inserts in one transaction
    s.putUnit(unit({ seed: 7, status: "failed", reason: "boom", E: { E1: -100, E2: -100 } }), null, {
      replace: true,
    });
    assert.equal(s.unitCount(), 4);
    const u = s.getUnit(unit({ seed: 7 }))!;
    assert.equal(u.status, "failed");
    assert.equal(u.reason, "boom");
    assert.deepEqual(s.datasets(), ["lorenz"]);
    assert.equal(s.units({ status: "failed" }).length, 1);
    s.close();
  });

  it("refuses a unit whose configHash does not match its config", () => {
    const s = ResultsStore.open(dbPath);
    throwsAnsatz(() => s.putUnit(unit({ configHash: "0000000000000000", seed: 99 }), null), /configHash/);
    s.close();
  });

  it("records runs", () => {
    const s = ResultsStore.open(dbPath);
    const id = s.beginRun({
      dataset: "lorenz",
      models: ["m1"],
      pairs: [1, 3],
      seeds: [42],
      codeVersion: "v",
    });
    assert.equal(s.runs().at(-1)!.status, "running");
    s.finishRun(id, "done");
    const r = s.runs().at(-1)!;
    assert.deepEqual([r.id, r.status, r.pairs, r.codeVersion], [id, "done", [1, 3], "v"]);
    assert.ok(r.finishedAt !== null);
    s.close();
  });

  it("keeps odd model ids inside the predictions folder", () => {
    const rel = predictionRelPath({
      dataset: "lorenz",
      model: "../evil/x",
      configHash: "ab",
      pair: 2,
      seed: 1,
    });
    assert.ok(rel.startsWith(join("predictions", "lorenz")));
    assert.ok(!rel.includes(".."), rel);
    assert.match(rel, /pair2-seed1\.npy$/);
  });

  it("refuses a newer schema, a foreign database, and a missing file opened read-only", () => {
    const newer = join(root, "newer.db");
    ResultsStore.open(newer).close();
    const raw = new Database(newer);
    raw.exec(`UPDATE schema_version SET version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    throwsAnsatz(() => ResultsStore.open(newer), /schema version ≤ 1.*found version 2/);
    const foreign = join(root, "foreign.db");
    const f = new Database(foreign);
    f.exec("CREATE TABLE t (x)");
    f.close();
    throwsAnsatz(() => ResultsStore.open(foreign), /expected an Ansatz results database/);
    throwsAnsatz(() => ResultsStore.open(join(root, "none.db"), { readonly: true }), /no such file/);
  });
});
