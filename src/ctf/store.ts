// The results store (DESIGN.md "Store", issue 4): one SQLite database (better-sqlite3 v12; v13 crashes on
// Node 20), `results/ansatz.db` by default, in WAL mode, with
//   - `schema_version`: one row, the schema this file writes (refuses a newer database);
//   - `runs`: one row per batch (data set, models, pairs, seeds, code version, start/end, status);
//   - `configs`: each (model, config hash) with its canonical config JSON;
//   - `units`: one row per (data set, model, config hash, pair, seed) — UNIQUE, so a unit is never stored
//     twice — with status ok | failed | skipped, the reason, metrics / E / extras / notes as JSON, wall-clock
//     seconds, code version, the data set's fingerprint and the relative path of its prediction.
// Predictions are `.npy` files beside the database, `predictions/<dataset>/<model>/<confighash>/
// pair<p>-seed<s>.npy`, written atomically (temporary file + rename) BEFORE the row is inserted, so a row
// always points at a complete file; a crash between the two leaves an orphan file that the rerun overwrites.
// The config hash is the first 16 hex digits of SHA-256 over the canonical JSON (keys sorted) of the parsed
// config.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { AnsatzError } from "../core/errors.ts";
import type { Mat } from "../core/matrix.ts";
import type { EId, MetricName, PairId } from "./dynamics/pairs.ts";
import type { PairExtras } from "./dynamics/scores/extras.ts";
import { readNpy, writeNpy } from "./formats/npy-file.ts";

/** The schema this file reads and writes. */
export const SCHEMA_VERSION = 1;

/** Default location of the database (relative to the working directory). */
export const DEFAULT_DB_PATH = join("results", "ansatz.db");

// better-sqlite3 ships no types and @types/better-sqlite3 is not installed: the small surface used here.
interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface SqliteDatabase {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, opts?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
  readonly open: boolean;
}
type SqliteCtor = new (
  path: string,
  opts?: { readonly?: boolean; fileMustExist?: boolean },
) => SqliteDatabase;
const requireCjs = createRequire(import.meta.url);

/** The identity of one unit of work. */
export interface UnitKey {
  dataset: string;
  model: string;
  configHash: string;
  pair: PairId;
  seed: number;
}

export type UnitStatus = "ok" | "failed" | "skipped";

/** What the runner hands the store for one finished unit. */
export interface NewUnit extends UnitKey {
  /** The parsed config (JSON-serialisable). */
  config: unknown;
  status: UnitStatus;
  /** Why the unit failed or was skipped (null when ok). */
  reason: string | null;
  /** Reference metric values, unclipped (−100 for refused predictions). */
  metrics: Partial<Record<MetricName, number>>;
  /** The pair's score ids, clipped to [−100, 100]. */
  E: Partial<Record<EId, number>>;
  extras: PairExtras | null;
  notes: string[];
  /** Wall-clock seconds of `predict`. */
  seconds: number;
  codeVersion: string;
  /** Fingerprint of the data set the unit was computed on (see datasetFingerprint in runner.ts). */
  datasetHash: string;
  runId: number | null;
}

/** A stored unit. */
export interface StoredUnit extends NewUnit {
  id: number;
  createdAt: string;
  /** Path of the prediction relative to the store's directory; null when none was kept. */
  predictionPath: string | null;
}

/** What a batch was asked to do. */
export interface RunInfo {
  dataset: string;
  models: string[];
  pairs: number[];
  seeds: number[];
  codeVersion: string;
}

export interface StoredRun extends RunInfo {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: "running" | "done" | "aborted";
}

/** Filter for `units()`; every field optional. */
export interface UnitFilter {
  dataset?: string;
  model?: string;
  configHash?: string;
  status?: UnitStatus;
}

/** Canonical JSON: object keys sorted recursively; refuses values JSON cannot represent faithfully. */
export function canonicalJson(value: unknown, where = "config"): string {
  const norm = (v: unknown, path: string): unknown => {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        throw AnsatzError.expected("bad-config", path, "a finite number (JSON)", String(v));
      }
      return v;
    }
    if (Array.isArray(v)) return v.map((x, i) => norm(x, `${path}[${i}]`));
    if (typeof v === "object") {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw AnsatzError.expected(
          "bad-config",
          path,
          "plain JSON values (objects, arrays, numbers, strings, booleans, null)",
          `a ${(v as object).constructor?.name ?? "non-plain object"}`,
        );
      }
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = norm(x, `${path}.${k}`);
      }
      return out;
    }
    throw AnsatzError.expected("bad-config", path, "a JSON value", typeof v);
  };
  return JSON.stringify(norm(value, where));
}

/** The first 16 hex digits of SHA-256 over the canonical JSON of `config`. */
export function configHash(config: unknown): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex").slice(0, 16);
}

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A file-name-safe path segment: the name itself when safe, else a sanitised name plus a short hash. */
function pathSegment(name: string): string {
  if (SAFE_SEGMENT.test(name) && name.length <= 100) return name;
  const clean = name
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^[._-]+/, "")
    .slice(0, 60);
  const h = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${clean || "x"}-${h}`;
}

/** Relative path of a unit's prediction file under the store directory. */
export function predictionRelPath(key: UnitKey): string {
  return join(
    "predictions",
    pathSegment(key.dataset),
    pathSegment(key.model),
    pathSegment(key.configHash),
    `pair${key.pair}-seed${key.seed}.npy`,
  );
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset TEXT NOT NULL,
  models_json TEXT NOT NULL,
  pairs_json TEXT NOT NULL,
  seeds_json TEXT NOT NULL,
  code_version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'aborted'))
);
CREATE TABLE IF NOT EXISTS configs (
  model TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  config_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (model, config_hash)
);
CREATE TABLE IF NOT EXISTS units (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER REFERENCES runs(id),
  dataset TEXT NOT NULL,
  dataset_hash TEXT NOT NULL,
  model TEXT NOT NULL,
  config_json TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  pair INTEGER NOT NULL CHECK (pair BETWEEN 1 AND 9),
  seed INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'skipped')),
  reason TEXT,
  metrics_json TEXT NOT NULL,
  e_json TEXT NOT NULL,
  extras_json TEXT,
  notes_json TEXT NOT NULL,
  seconds REAL NOT NULL,
  prediction_path TEXT,
  code_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (dataset, model, config_hash, pair, seed)
);
CREATE INDEX IF NOT EXISTS units_by_dataset ON units (dataset, model, config_hash);
`;

interface UnitRow {
  id: number;
  run_id: number | null;
  dataset: string;
  dataset_hash: string;
  model: string;
  config_json: string;
  config_hash: string;
  pair: number;
  seed: number;
  status: UnitStatus;
  reason: string | null;
  metrics_json: string;
  e_json: string;
  extras_json: string | null;
  notes_json: string;
  seconds: number;
  prediction_path: string | null;
  code_version: string;
  created_at: string;
}

interface RunRow {
  id: number;
  dataset: string;
  models_json: string;
  pairs_json: string;
  seeds_json: string;
  code_version: string;
  started_at: string;
  finished_at: string | null;
  status: StoredRun["status"];
}

function fromRow(r: UnitRow): StoredUnit {
  return {
    id: r.id,
    runId: r.run_id,
    dataset: r.dataset,
    datasetHash: r.dataset_hash,
    model: r.model,
    config: JSON.parse(r.config_json),
    configHash: r.config_hash,
    pair: r.pair as PairId,
    seed: r.seed,
    status: r.status,
    reason: r.reason,
    metrics: JSON.parse(r.metrics_json),
    E: JSON.parse(r.e_json),
    extras: r.extras_json === null ? null : JSON.parse(r.extras_json),
    notes: JSON.parse(r.notes_json),
    seconds: r.seconds,
    predictionPath: r.prediction_path,
    codeVersion: r.code_version,
    createdAt: r.created_at,
  };
}

/** JSON for the store: non-finite numbers (never expected in scores) become null rather than crashing. */
function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === "number" && !Number.isFinite(x) ? null : x));
}

export interface OpenStoreOptions {
  /** Open an existing database read-only (the leaderboard); default false. */
  readonly?: boolean;
}

/** The results database and its prediction files. */
export class ResultsStore {
  /** Absolute path of the database file. */
  readonly path: string;
  /** Directory holding the database and `predictions/`. */
  readonly dir: string;
  private readonly db: SqliteDatabase;
  private readonly stmts: Record<string, Statement>;

  private constructor(path: string, db: SqliteDatabase) {
    this.path = path;
    this.dir = dirname(path);
    this.db = db;
    this.stmts = {
      getUnit: db.prepare(
        "SELECT * FROM units WHERE dataset = ? AND model = ? AND config_hash = ? AND pair = ? AND seed = ?",
      ),
      deleteUnit: db.prepare("DELETE FROM units WHERE id = ?"),
      insertUnit:
        db.prepare(`INSERT INTO units (run_id, dataset, dataset_hash, model, config_json, config_hash,
        pair, seed, status, reason, metrics_json, e_json, extras_json, notes_json, seconds, prediction_path,
        code_version, created_at) VALUES (@run_id, @dataset, @dataset_hash, @model, @config_json, @config_hash,
        @pair, @seed, @status, @reason, @metrics_json, @e_json, @extras_json, @notes_json, @seconds,
        @prediction_path, @code_version, @created_at)`),
      insertConfig: db.prepare(
        "INSERT OR IGNORE INTO configs (model, config_hash, config_json, created_at) VALUES (?, ?, ?, ?)",
      ),
    };
  }

  /** Opens (creating if needed) the database at `path` (default `results/ansatz.db`). */
  static open(path: string = DEFAULT_DB_PATH, opts: OpenStoreOptions = {}): ResultsStore {
    const abs = resolve(path);
    if (opts.readonly && !existsSync(abs)) {
      throw AnsatzError.expected("bad-file", abs, "a results database", "no such file (run a batch first)");
    }
    let db: SqliteDatabase;
    try {
      if (!opts.readonly) mkdirSync(dirname(abs), { recursive: true });
      const Database = requireCjs("better-sqlite3") as SqliteCtor;
      db = new Database(abs, opts.readonly ? { readonly: true, fileMustExist: true } : {});
      db.pragma("busy_timeout = 10000");
      if (!opts.readonly) {
        db.pragma("journal_mode = WAL");
        db.pragma("foreign_keys = ON");
      }
    } catch (e) {
      throw new AnsatzError(
        "bad-file",
        `${abs}: could not open the results database (${(e as Error).message})`,
        {
          where: abs,
          expected: "an SQLite database",
          found: (e as Error).message,
        },
      );
    }
    try {
      ResultsStore.migrate(db, abs, opts.readonly === true);
    } catch (e) {
      db.close();
      throw e;
    }
    return new ResultsStore(abs, db);
  }

  private static migrate(db: SqliteDatabase, where: string, readonly: boolean): void {
    const hasTable = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
      .get();
    let version: number | null = null;
    if (hasTable) {
      const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
      version = row?.version ?? null;
    } else {
      const other = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
        n: number;
      };
      if (other.n > 0) {
        throw AnsatzError.expected(
          "bad-file",
          where,
          "an Ansatz results database (with a schema_version table)",
          `an SQLite database with ${other.n} other table(s)`,
        );
      }
    }
    if (version !== null && version > SCHEMA_VERSION) {
      throw AnsatzError.expected(
        "bad-file",
        where,
        `results schema version ≤ ${SCHEMA_VERSION} (this Ansatz)`,
        `version ${version}, written by a newer Ansatz`,
      );
    }
    if (version === SCHEMA_VERSION) return;
    if (readonly) {
      throw AnsatzError.expected("bad-file", where, `results schema version ${SCHEMA_VERSION}`, "none");
    }
    db.transaction(() => {
      db.exec(SCHEMA);
      db.prepare("DELETE FROM schema_version").run();
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(SCHEMA_VERSION);
    })();
  }

  /** The schema version stored in the database. */
  schemaVersion(): number {
    return (this.db.prepare("SELECT version FROM schema_version").get() as { version: number }).version;
  }

  /** Records the start of a batch; returns its run id. */
  beginRun(info: RunInfo): number {
    const r = this.db
      .prepare(`INSERT INTO runs (dataset, models_json, pairs_json, seeds_json, code_version, started_at, status)
        VALUES (?, ?, ?, ?, ?, ?, 'running')`)
      .run(
        info.dataset,
        JSON.stringify(info.models),
        JSON.stringify(info.pairs),
        JSON.stringify(info.seeds),
        info.codeVersion,
        new Date().toISOString(),
      );
    return Number(r.lastInsertRowid);
  }

  /** Marks a batch as finished (done or aborted). */
  finishRun(id: number, status: "done" | "aborted"): void {
    this.db
      .prepare("UPDATE runs SET finished_at = ?, status = ? WHERE id = ?")
      .run(new Date().toISOString(), status, id);
  }

  /** All batches, oldest first. */
  runs(): StoredRun[] {
    const rows = this.db.prepare("SELECT * FROM runs ORDER BY id").all() as RunRow[];
    return rows.map((r) => ({
      id: r.id,
      dataset: r.dataset,
      models: JSON.parse(r.models_json),
      pairs: JSON.parse(r.pairs_json),
      seeds: JSON.parse(r.seeds_json),
      codeVersion: r.code_version,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      status: r.status,
    }));
  }

  /** The stored unit with this key, or null. */
  getUnit(key: UnitKey): StoredUnit | null {
    const r = this.stmts.getUnit!.get(key.dataset, key.model, key.configHash, key.pair, key.seed) as
      | UnitRow
      | undefined;
    return r ? fromRow(r) : null;
  }

  /** True when the unit is stored (whatever its status). */
  hasUnit(key: UnitKey): boolean {
    return this.getUnit(key) !== null;
  }

  /**
   * Stores one finished unit: writes its prediction (when given) atomically as `.npy`, then inserts the
   * row in one transaction. `replace` deletes an existing row with the same key in that transaction
   * (a retried failure, a unit computed on an older data set); otherwise an existing key is an error.
   */
  putUnit(unit: NewUnit, prediction: Mat | null, opts: { replace?: boolean } = {}): StoredUnit {
    const config_json = canonicalJson(unit.config);
    if (configHash(unit.config) !== unit.configHash) {
      throw AnsatzError.expected(
        "internal",
        `unit ${unit.model}/pair ${unit.pair}/seed ${unit.seed}: configHash`,
        configHash(unit.config),
        unit.configHash,
      );
    }
    let rel: string | null = null;
    if (prediction !== null) {
      rel = predictionRelPath(unit);
      writeNpy(join(this.dir, rel), prediction);
    }
    const createdAt = new Date().toISOString();
    const row = {
      run_id: unit.runId,
      dataset: unit.dataset,
      dataset_hash: unit.datasetHash,
      model: unit.model,
      config_json,
      config_hash: unit.configHash,
      pair: unit.pair,
      seed: unit.seed,
      status: unit.status,
      reason: unit.reason,
      metrics_json: toJson(unit.metrics),
      e_json: toJson(unit.E),
      extras_json: unit.extras === null ? null : toJson(unit.extras),
      notes_json: JSON.stringify(unit.notes),
      seconds: unit.seconds,
      prediction_path: rel,
      code_version: unit.codeVersion,
      created_at: createdAt,
    };
    const insert = this.db.transaction(() => {
      const old = this.getUnit(unit);
      if (old) {
        if (!opts.replace) {
          throw AnsatzError.expected(
            "internal",
            `results store: unit ${unit.dataset}/${unit.model}/${unit.configHash}/pair ${unit.pair}/seed ${unit.seed}`,
            "a unit not yet stored",
            `one stored at ${old.createdAt}`,
          );
        }
        this.stmts.deleteUnit!.run(old.id);
      }
      this.stmts.insertConfig!.run(unit.model, unit.configHash, config_json, createdAt);
      return Number(this.stmts.insertUnit!.run(row).lastInsertRowid);
    });
    const id = insert();
    return { ...unit, id, createdAt, predictionPath: rel };
  }

  /** Stored units matching the filter, ordered by data set, model, config, seed, pair. */
  units(filter: UnitFilter = {}): StoredUnit[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (col: string, v: unknown) => {
      if (v !== undefined) {
        where.push(`${col} = ?`);
        params.push(v);
      }
    };
    add("dataset", filter.dataset);
    add("model", filter.model);
    add("config_hash", filter.configHash);
    add("status", filter.status);
    const sql = `SELECT * FROM units ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY dataset, model, config_hash, seed, pair`;
    return (this.db.prepare(sql).all(...params) as UnitRow[]).map(fromRow);
  }

  /** Number of stored units. */
  unitCount(filter: UnitFilter = {}): number {
    return this.units(filter).length;
  }

  /** Data set names that have results. */
  datasets(): string[] {
    return (
      this.db.prepare("SELECT DISTINCT dataset FROM units ORDER BY dataset").all() as { dataset: string }[]
    ).map((r) => r.dataset);
  }

  /** The stored prediction of a unit, or null when none was kept. */
  readPrediction(unit: StoredUnit): Mat | null {
    return unit.predictionPath === null ? null : readNpy(join(this.dir, unit.predictionPath));
  }

  /** Deletes the units matching the filter and their prediction files; returns how many. */
  deleteUnits(filter: UnitFilter): number {
    const units = this.units(filter);
    this.db.transaction(() => {
      for (const u of units) this.stmts.deleteUnit!.run(u.id);
    })();
    for (const u of units) if (u.predictionPath) rmSync(join(this.dir, u.predictionPath), { force: true });
    return units.length;
  }

  /** Closes the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
