// The batch runner (src/ctf/runner.ts; issue 4 "Runner" and "Bad input", spec ctf.md acceptance test 15):
// (1) a batch killed (SIGKILL) in a child process mid-way and rerun ends with exactly the rows of an
//     uninterrupted run (same scores, no duplicates) and never recomputes a stored unit;
// (2) a spy model that records everything it is handed never receives a test matrix or a path to one;
// (3) a model that throws, one that returns the wrong shape and one that returns NaN are stored as failed
//     with the reason and −100, and the batch goes on; a model that declares fewer pairs is skipped;
// plus the refusals made before any unit runs (unknown model id, pair the data set lacks).
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import { type Dataset, loadDataset } from "../../src/ctf/dynamics/dataset.ts";
import { writeDataset } from "../../src/ctf/dynamics/dataset-writer.ts";
import type { ForecastModel, ForecastTask } from "../../src/ctf/dynamics/forecast-model.ts";
import { PAIRS } from "../../src/ctf/dynamics/pairs.ts";
import { lorenz } from "../../src/ctf/dynamics/systems/lorenz.ts";
import { type BatchEvent, benchmarkSeeds, runBatch } from "../../src/ctf/runner.ts";
import { ResultsStore, type StoredUnit } from "../../src/ctf/store.ts";
import { countingModel, lastModel, RESUME_PAIRS, RESUME_SEEDS, zerosModel } from "./fixtures/batch-models.ts";

const root = mkdtempSync(join(tmpdir(), "ansatz-runner-"));
after(() => rmSync(root, { recursive: true, force: true }));
const dsDir = join(root, "lorenz");
let ds: Dataset;
before(() => {
  writeDataset(lorenz, { size: "quick", seed: 11, dir: dsDir });
  ds = loadDataset(dsDir);
});

const fixture = fileURLToPath(new URL("./fixtures/resume-batch.ts", import.meta.url));

function startChild(db: string, counter: string, ms: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", fixture, dsDir, db, counter, String(ms)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr += String(d);
  });
  return new Promise((res) => child.on("exit", (code, signal) => res({ code, signal, stderr })));
}

function unitKey(u: StoredUnit): string {
  return `${u.model}/${u.configHash}/p${u.pair}/s${u.seed}`;
}

function countLines(file: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line) out.set(line, (out.get(line) ?? 0) + 1);
  }
  return out;
}

describe("resume after a kill", () => {
  it("an interrupted batch, rerun, equals an uninterrupted one with no duplicates or recomputation", async () => {
    const total = 2 * RESUME_SEEDS.length * RESUME_PAIRS.length; // 16 units
    // uninterrupted reference run, in this process
    const refStore = ResultsStore.open(join(root, "ref", "ansatz.db"));
    const refCounter = join(root, "ref-count.txt");
    const refSummary = await runBatch({
      dataset: ds,
      models: [countingModel(zerosModel, refCounter, 0), countingModel(lastModel, refCounter, 0)],
      pairs: [...RESUME_PAIRS],
      seeds: [...RESUME_SEEDS],
      store: refStore,
    });
    assert.deepEqual([refSummary.total, refSummary.computed, refSummary.ok], [total, total, total]);

    // interrupted run in a child process: SIGKILL once at least 4 units are stored
    const db = join(root, "killed", "ansatz.db");
    const counter = join(root, "killed-count.txt");
    const child = startChild(db, counter, 150);
    const exited = exitOf(child);
    let storedAtKill: StoredUnit[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      if (!existsSync(db)) continue;
      let s: ResultsStore;
      try {
        s = ResultsStore.open(db, { readonly: true });
      } catch {
        continue; // schema not created yet
      }
      const units = s.units();
      s.close();
      if (units.length >= 4) {
        child.kill("SIGKILL");
        break;
      }
    }
    const killed = await exited;
    assert.equal(killed.signal, "SIGKILL", `the child was not killed mid-batch: ${killed.stderr}`);
    {
      const s = ResultsStore.open(db, { readonly: true });
      storedAtKill = s.units();
      s.close();
    }
    assert.ok(storedAtKill.length >= 4 && storedAtKill.length < total, `${storedAtKill.length} units stored`);

    // rerun to completion
    const rerun = startChild(db, counter, 0);
    let out = "";
    rerun.stdout!.on("data", (d) => {
      out += String(d);
    });
    const done = await exitOf(rerun);
    assert.equal(done.code, 0, done.stderr);
    const summary = JSON.parse(out.trim().split("\n").at(-1)!);
    assert.equal(summary.total, total);
    assert.equal(summary.cached, storedAtKill.length);
    assert.equal(summary.computed, total - storedAtKill.length);

    const store = ResultsStore.open(db);
    const got = store.units();
    const ref = refStore.units();
    assert.equal(got.length, total);
    assert.equal(new Set(got.map(unitKey)).size, total, "duplicate units");
    const refByKey = new Map(ref.map((u) => [unitKey(u), u]));
    for (const u of got) {
      const r = refByKey.get(unitKey(u))!;
      assert.ok(r, unitKey(u));
      assert.equal(u.status, r.status);
      assert.deepEqual(u.E, r.E, unitKey(u));
      assert.deepEqual(u.metrics, r.metrics, unitKey(u));
      assert.deepEqual(store.readPrediction(u)!.data, refStore.readPrediction(r)!.data);
    }
    // units stored before the kill were not touched by the rerun (same row id and time) …
    for (const u of storedAtKill) {
      const now = got.find((g) => unitKey(g) === unitKey(u))!;
      assert.deepEqual([now.id, now.createdAt], [u.id, u.createdAt]);
    }
    // … and their predict ran exactly once over both processes; the unit in flight at the kill at most twice
    const calls = countLines(counter);
    for (const u of got) {
      const n = calls.get(`${u.model} ${u.pair} ${u.seed}`) ?? 0;
      const wasStored = storedAtKill.some((k) => unitKey(k) === unitKey(u));
      if (wasStored) assert.equal(n, 1, `${unitKey(u)} predicted ${n} times`);
      else assert.ok(n === 1 || n === 2, `${unitKey(u)} predicted ${n} times`);
    }
    const reran = [...calls.values()].filter((n) => n === 2).length;
    assert.ok(reran <= 1, `${reran} units recomputed`);
    // a third run does nothing
    const again = await runBatch({
      dataset: ds,
      models: [zerosModel, lastModel],
      pairs: [...RESUME_PAIRS],
      seeds: [...RESUME_SEEDS],
      store,
    });
    assert.deepEqual([again.computed, again.cached], [0, total]);
    assert.equal(store.unitCount(), total);
    assert.equal(
      store.runs().filter((r) => r.status === "running").length,
      1,
      "the killed run stays marked running",
    );
    store.close();
    refStore.close();
  });
});

/** Every Mat, typed array and string reachable from `v` (the spy's view of a task). */
function collect(v: unknown, mats: Float64Array[], strings: string[], seen = new Set<unknown>()): void {
  if (v === null || v === undefined || seen.has(v)) return;
  if (typeof v === "string") {
    strings.push(v);
    return;
  }
  if (typeof v !== "object") return;
  seen.add(v);
  if (v instanceof Mat) {
    mats.push(v.data);
    return;
  }
  if (v instanceof Float64Array) {
    mats.push(v);
    return;
  }
  for (const x of Object.values(v as object)) collect(x, mats, strings, seen);
}

function sameData(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Keys of every row of the test matrices (exact float64 values). */
function rowKeys(mats: readonly Float64Array[], cols: number): Set<string> {
  const out = new Set<string>();
  for (const m of mats)
    for (let i = 0; i + cols <= m.length; i += cols) out.add(m.subarray(i, i + cols).join(","));
  return out;
}

/** True when `a` holds, at any offset, `cols` consecutive values equal to a row of a test matrix. */
function holdsTestRow(a: Float64Array, keys: Set<string>, cols: number): boolean {
  for (let i = 0; i + cols <= a.length; i++) if (keys.has(a.subarray(i, i + cols).join(","))) return true;
  return false;
}

describe("the hidden truth never reaches a model", () => {
  it("a spy model sees no test matrix, no slice of one and no path to the test folder", async () => {
    const seen: { pair: number; mats: Float64Array[]; strings: string[]; keys: string[] }[] = [];
    const spy: ForecastModel<Record<string, never>> = {
      id: "t-spy",
      title: "spy",
      kind: "forecast",
      source: "test",
      defaultConfig: {},
      parseConfig: () => ({}),
      predict(task: ForecastTask, config) {
        const mats: Float64Array[] = [];
        const strings: string[] = [];
        collect(task, mats, strings);
        collect(config, mats, strings);
        seen.push({ pair: task.pair, mats, strings, keys: Object.keys(task) });
        return new Mat(task.predictionShape[0], task.predictionShape[1]);
      },
    };
    const store = ResultsStore.open(join(root, "spy", "ansatz.db"));
    const s = await runBatch({ dataset: ds, models: [spy], seeds: [1, 2], store });
    assert.equal(s.ok, 18);
    assert.equal(seen.length, 18);
    // the test matrices, read independently
    const fresh = loadDataset(dsDir);
    const tests = Object.values(PAIRS).map((p) => fresh.matrix(`${p.test}.npy`).data);
    const keys = rowKeys(tests, 3);
    // quick Lorenz: X2test and X4test 1000 rows, the other seven 500 (dataset-writer.ts), all rows distinct
    assert.equal(keys.size, 7 * 500 + 2 * 1000);
    for (const call of seen) {
      assert.ok(!call.keys.includes("truth") && !call.keys.includes("test"), call.keys.join(","));
      for (const m of call.mats) {
        for (const t of tests) {
          assert.ok(!sameData(m, t), `pair ${call.pair}: a test matrix reached the model`);
        }
      }
      for (const m of call.mats) {
        assert.ok(!holdsTestRow(m, keys, 3), `pair ${call.pair}: a row of a test matrix reached the model`);
      }
      for (const str of call.strings) {
        assert.ok(!str.includes(join(dsDir, "test")) && !/X\dtest/.test(str), `pair ${call.pair}: "${str}"`);
      }
    }
    store.close();
  });

  it("a model that writes into its inputs does not change the data set for later units", async () => {
    const vandal: ForecastModel<Record<string, never>> = {
      ...zerosModel,
      id: "t-vandal",
      defaultConfig: {},
      parseConfig: () => ({}),
      predict(task) {
        for (const m of task.train) m.data.fill(Number.NaN);
        return new Mat(task.predictionShape[0], task.predictionShape[1]);
      },
    };
    const store = ResultsStore.open(join(root, "vandal", "ansatz.db"));
    await runBatch({ dataset: ds, models: [vandal, lastModel], pairs: [1], store });
    const last = store.units({ model: "t-last" })[0]!;
    assert.equal(last.status, "ok");
    assert.ok(Number.isFinite(last.E.E1!));
    store.close();
  });
});

describe("failures are recorded and the batch goes on", () => {
  const thrower: ForecastModel<Record<string, never>> = {
    id: "t-throws",
    title: "throws",
    kind: "forecast",
    source: "test",
    defaultConfig: {},
    parseConfig: () => ({}),
    predict() {
      throw new Error("matrix is singular");
    },
  };
  const wrongShape: ForecastModel<Record<string, never>> = {
    ...thrower,
    id: "t-shape",
    predict: (task) => new Mat(task.predictionShape[0] - 1, task.predictionShape[1]),
  };
  const nan: ForecastModel<Record<string, never>> = {
    ...thrower,
    id: "t-nan",
    predict: async (task) => {
      const m = new Mat(task.predictionShape[0], task.predictionShape[1]);
      m.data[4] = Number.NaN;
      return m;
    },
  };
  const notMat: ForecastModel<Record<string, never>> = {
    ...thrower,
    id: "t-notmat",
    predict: () => 42 as never,
  };
  const onlyPair1: ForecastModel<{ scale: number }> = { ...lastModel, id: "t-only1", pairs: [1] };

  it("stores failed units with the reason and −100, skipped units, and the other models' scores", async () => {
    const store = ResultsStore.open(join(root, "fail", "ansatz.db"));
    const events: BatchEvent[] = [];
    const s = await runBatch({
      dataset: ds,
      models: [thrower, wrongShape, nan, notMat, onlyPair1, zerosModel],
      pairs: [1, 2],
      store,
      onProgress: (e) => events.push(e),
    });
    assert.deepEqual([s.total, s.computed, s.ok, s.failed, s.skipped], [12, 12, 3, 8, 1]);
    const get = (model: string, pair: 1 | 2) =>
      store.getUnit({
        dataset: ds.name,
        model,
        configHash: store.units({ model })[0]!.configHash,
        pair,
        seed: 42,
      })!;
    const t = get("t-throws", 1);
    assert.equal(t.status, "failed");
    assert.equal(t.reason, "predict threw: matrix is singular");
    assert.deepEqual(t.E, { E1: -100, E2: -100 });
    assert.equal(t.predictionPath, null);
    const w = get("t-shape", 1);
    assert.equal(w.status, "failed");
    assert.match(w.reason!, /prediction has shape \[499, 3\], expected \[500, 3\]/);
    assert.deepEqual(w.E, { E1: -100, E2: -100 });
    const n = get("t-nan", 2);
    assert.equal(n.status, "failed");
    assert.match(n.reason!, /1 non-finite value\(s\) \(first: NaN at row 1, column 1\)/);
    assert.deepEqual(n.E, { E3: -100 });
    assert.match(get("t-notmat", 1).reason!, /predict returned number, expected a Mat/);
    const sk = get("t-only1", 2);
    assert.equal(sk.status, "skipped");
    assert.match(sk.reason!, /does not do pair 2 \(it does 1\)/);
    assert.equal(get("t-only1", 1).status, "ok");
    // the zeros model after all failures: E1 = 0 and E3 = 0 exactly (spec §4 test 9, Lorenz)
    const z1 = get("t-zeros", 1);
    assert.equal(z1.status, "ok");
    assert.equal(z1.E.E1, 0);
    assert.ok(z1.E.E2! < 0 && z1.E.E2! >= -100);
    assert.equal(get("t-zeros", 2).E.E3, 0);
    assert.ok(z1.extras !== null && z1.extras.validTime !== null);
    assert.ok(z1.seconds >= 0);
    // events: start, then a unit-end for each of the 12 units, then end
    assert.equal(events[0]!.type, "start");
    assert.equal(events.at(-1)!.type, "end");
    assert.equal(events.filter((e) => e.type === "unit-end").length, 12);
    // a rerun with retryFailed redoes only the failed units
    const again = await runBatch({
      dataset: ds,
      models: [thrower, wrongShape, nan, notMat, onlyPair1, zerosModel],
      pairs: [1, 2],
      store,
      retryFailed: true,
    });
    assert.deepEqual([again.computed, again.cached], [8, 4]);
    assert.equal(store.unitCount(), 12);
    store.close();
  });

  it("refuses an unknown model id, a pair the data set lacks and bad seeds before running anything", async () => {
    const store = ResultsStore.open(join(root, "refuse", "ansatz.db"));
    await assert.rejects(
      runBatch({ dataset: ds, models: ["no-such-model"], store }),
      (e: unknown) =>
        e instanceof AnsatzError && e.code === "unknown-id" && /"no-such-model"/.test(e.message),
    );
    await assert.rejects(
      runBatch({ dataset: ds, models: [zerosModel], pairs: [10], store }),
      (e: unknown) =>
        e instanceof AnsatzError && /pair_id: expected an integer 1–9, found 10/.test(e.message),
    );
    await assert.rejects(
      runBatch({ dataset: ds, models: [zerosModel], seeds: [1, 1], store }),
      /each seed at most once/,
    );
    assert.equal(store.unitCount(), 0);
    assert.equal(store.runs().length, 0);
    store.close();
  });

  it("an abort signal stops the batch between units; fit progress is forwarded", async () => {
    const store = ResultsStore.open(join(root, "abort", "ansatz.db"));
    const ac = new AbortController();
    const events: BatchEvent[] = [];
    const reporting: ForecastModel<{ scale: number }> = {
      ...zerosModel,
      id: "t-reporting",
      predict(task, config) {
        task.onProgress?.(0.5, "half way");
        return zerosModel.predict(task, config);
      },
    };
    const s = await runBatch({
      dataset: ds,
      models: [reporting],
      pairs: [1, 2, 3],
      store,
      signal: ac.signal,
      onProgress: (e) => {
        events.push(e);
        if (e.type === "unit-end") ac.abort();
      },
    });
    assert.deepEqual([s.aborted, s.computed, store.unitCount()], [true, 1, 1]);
    assert.equal(store.runs()[0]!.status, "aborted");
    const p = events.find((e) => e.type === "unit-progress");
    assert.ok(p && p.type === "unit-progress" && p.fraction === 0.5 && p.message === "half way");
    const rest = await runBatch({ dataset: ds, models: [reporting], pairs: [1, 2, 3], store });
    assert.deepEqual([rest.aborted, rest.computed, rest.cached], [false, 2, 1]);
    store.close();
  });

  it("units computed on an older version of a data set (another YAML) are redone, not reused", async () => {
    const dir = join(root, "regen", "lorenz");
    writeDataset(lorenz, { size: "quick", seed: 1, dir });
    const store = ResultsStore.open(join(root, "regen", "ansatz.db"));
    const first = await runBatch({ dataset: loadDataset(dir), models: [lastModel], pairs: [1], store });
    const before = store.units()[0]!;
    writeDataset(lorenz, { size: "quick", seed: 2, dir });
    const second = await runBatch({ dataset: loadDataset(dir), models: [lastModel], pairs: [1], store });
    assert.deepEqual([first.computed, second.computed, second.cached, store.unitCount()], [1, 1, 0, 1]);
    const now = store.units()[0]!;
    assert.notEqual(now.datasetHash, before.datasetHash);
    assert.notDeepEqual(now.E, before.E);
    store.close();
  });

  it("benchmark seeds are the reference's: 42, 123, 2025, 777, 1337, … then 1000 + i", () => {
    assert.deepEqual(benchmarkSeeds(5), [42, 123, 2025, 777, 1337]);
    assert.deepEqual(benchmarkSeeds(12).slice(9), [1618, 1000, 1001]);
  });
});
