// The CTF pair table: nine train/test pairs that produce the twelve scores E1–E12 (spec ctf.md §1.2,
// from `ctf4science/eval_module.py:pair_id_to_e` and the data set YAMLs), pair-id parsing
// (`data_module.parse_pair_ids`: an int, a list, "a-b" or "all"), and the validation splits used for
// tuning (spec §1.4, `data_module.load_validation_dataset`) as pure functions on row counts and matrices.
import { assertInt } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";

/** A pair id, 1–9. */
export type PairId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** The metric names of the reference `evaluate_custom`. */
export type MetricName = "short_time" | "long_time" | "reconstruction";

/** The twelve score ids. */
export type EId = "E1" | "E2" | "E3" | "E4" | "E5" | "E6" | "E7" | "E8" | "E9" | "E10" | "E11" | "E12";

/** One row of the pair table (matrix names without file extension). */
export interface PairSpec {
  id: PairId;
  /** Training matrices handed to the model, in order. */
  train: readonly string[];
  /** The hidden truth matrix. */
  test: string;
  /** Burn-in matrix (`initialization` in the YAML), pairs 8 and 9 only. */
  initialization: string | null;
  /** Metrics in the reference order of the data set YAML. */
  metrics: readonly MetricName[];
  /** The score id of each metric, same order as `metrics`. */
  e: readonly EId[];
  /** What the pair asks for. */
  task: "forecast" | "reconstruct" | "forecast-parametric";
  /** One-line description (spec §1.2). */
  title: string;
}

/** All pair ids in order. */
export const PAIR_IDS: readonly PairId[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** All score ids in order. */
export const E_IDS: readonly EId[] = [
  "E1",
  "E2",
  "E3",
  "E4",
  "E5",
  "E6",
  "E7",
  "E8",
  "E9",
  "E10",
  "E11",
  "E12",
];

const PARAMETRIC_TRAIN = ["X6train", "X7train", "X8train"] as const;

/** The pair table of spec §1.2. */
export const PAIRS: Readonly<Record<PairId, PairSpec>> = {
  1: {
    id: 1,
    train: ["X1train"],
    test: "X1test",
    initialization: null,
    metrics: ["short_time", "long_time"],
    e: ["E1", "E2"],
    task: "forecast",
    title: "clean forecast",
  },
  2: {
    id: 2,
    train: ["X2train"],
    test: "X2test",
    initialization: null,
    metrics: ["reconstruction"],
    e: ["E3"],
    task: "reconstruct",
    title: "denoise the same window (medium noise)",
  },
  3: {
    id: 3,
    train: ["X2train"],
    test: "X3test",
    initialization: null,
    metrics: ["long_time"],
    e: ["E4"],
    task: "forecast",
    title: "forecast from medium noise",
  },
  4: {
    id: 4,
    train: ["X3train"],
    test: "X4test",
    initialization: null,
    metrics: ["reconstruction"],
    e: ["E5"],
    task: "reconstruct",
    title: "denoise the same window (high noise)",
  },
  5: {
    id: 5,
    train: ["X3train"],
    test: "X5test",
    initialization: null,
    metrics: ["long_time"],
    e: ["E6"],
    task: "forecast",
    title: "forecast from high noise",
  },
  6: {
    id: 6,
    train: ["X4train"],
    test: "X6test",
    initialization: null,
    metrics: ["short_time", "long_time"],
    e: ["E7", "E8"],
    task: "forecast",
    title: "limited data, clean",
  },
  7: {
    id: 7,
    train: ["X5train"],
    test: "X7test",
    initialization: null,
    metrics: ["short_time", "long_time"],
    e: ["E9", "E10"],
    task: "forecast",
    title: "limited data, noisy",
  },
  8: {
    id: 8,
    train: PARAMETRIC_TRAIN,
    test: "X8test",
    initialization: "X9train",
    metrics: ["short_time"],
    e: ["E11"],
    task: "forecast-parametric",
    title: "parametric interpolation",
  },
  9: {
    id: 9,
    train: PARAMETRIC_TRAIN,
    test: "X9test",
    initialization: "X10train",
    metrics: ["short_time"],
    e: ["E12"],
    task: "forecast-parametric",
    title: "parametric extrapolation",
  },
};

/** True if `v` is a pair id 1–9. */
export function isPairId(v: unknown): v is PairId {
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 9;
}

/** The pair spec of `id`; throws `unknown-id` for anything but 1–9. */
export function getPair(id: number): PairSpec {
  if (!isPairId(id)) throw AnsatzError.expected("unknown-id", "pair_id", "an integer 1–9", String(id));
  return PAIRS[id];
}

/** `pair_id_to_e[(pair, metric)]`: the score id of a metric of a pair; throws for combinations not in the table. */
export function pairIdToE(pair: number, metric: MetricName): EId {
  const spec = getPair(pair);
  const i = spec.metrics.indexOf(metric);
  if (i < 0) {
    throw AnsatzError.expected(
      "unknown-id",
      `pair_id_to_e(${pair}, ${metric})`,
      `one of the metrics of pair ${pair}: ${spec.metrics.join(", ")}`,
      metric,
    );
  }
  return spec.e[i]!;
}

/** The (pair, metric) that produces score `e` (inverse of pairIdToE). */
export function eToPair(e: EId): { pair: PairId; metric: MetricName } {
  for (const id of PAIR_IDS) {
    const spec = PAIRS[id];
    const i = spec.e.indexOf(e);
    if (i >= 0) return { pair: id, metric: spec.metrics[i]! };
  }
  throw AnsatzError.expected("unknown-id", "score id", "one of E1–E12", String(e));
}

const PAIR_SPEC_HELP = 'an integer 1–9, a list such as [1, 3] or "1,3", a range such as "1-3", or "all"';

function checkAvailable(id: number, available: readonly number[], where: string): PairId {
  if (!Number.isInteger(id) || !isPairId(id) || !available.includes(id)) {
    throw AnsatzError.expected(
      "bad-argument",
      where,
      `a pair id in [${available.join(", ")}]`,
      JSON.stringify(id),
    );
  }
  return id;
}

/**
 * Pair ids from a run config's `pair_id` (as `parse_pair_ids`): an integer, an array of integers,
 * "all", or a string of comma-separated items each an integer or an inclusive range "a-b"
 * ("3", "1,3", "1-3", "1-3,7"). Order is kept; duplicates and empty or descending ranges are refused.
 */
export function parsePairIds(spec: unknown, available: readonly number[] = PAIR_IDS): PairId[] {
  const where = "pair_id";
  let ids: number[];
  if (spec === undefined || spec === "all") {
    ids = [...available];
  } else if (typeof spec === "number") {
    ids = [spec];
  } else if (Array.isArray(spec)) {
    if (spec.length === 0) throw AnsatzError.expected("bad-argument", where, PAIR_SPEC_HELP, "[]");
    ids = spec.map((v) => {
      if (typeof v !== "number") {
        throw AnsatzError.expected("bad-argument", where, PAIR_SPEC_HELP, JSON.stringify(spec));
      }
      return v;
    });
  } else if (typeof spec === "string") {
    const s = spec.trim();
    if (s === "all") {
      ids = [...available];
    } else {
      ids = [];
      const items = s.split(",").map((x) => x.trim());
      for (const item of items) {
        const single = /^\d+$/.exec(item);
        const range = /^(\d+)\s*-\s*(\d+)$/.exec(item);
        if (single) {
          ids.push(Number(item));
        } else if (range) {
          const a = Number(range[1]);
          const b = Number(range[2]);
          if (a > b) {
            throw AnsatzError.expected(
              "bad-argument",
              where,
              "an ascending range a-b with a <= b",
              JSON.stringify(spec),
            );
          }
          for (let i = a; i <= b; i++) ids.push(i);
        } else {
          throw AnsatzError.expected("bad-argument", where, PAIR_SPEC_HELP, JSON.stringify(spec));
        }
      }
    }
  } else {
    throw AnsatzError.expected("bad-argument", where, PAIR_SPEC_HELP, JSON.stringify(spec) ?? String(spec));
  }
  const out: PairId[] = [];
  for (const id of ids) {
    const p = checkAvailable(id, available, where);
    if (out.includes(p)) {
      throw AnsatzError.expected("bad-argument", where, "each pair id at most once", JSON.stringify(spec));
    }
    out.push(p);
  }
  return out;
}

/** Rows [start, end) of training matrix number `matrix` (an index into the pair's `train` list). */
export interface RowRange {
  matrix: number;
  start: number;
  end: number;
}

/** Which rows of the pair's training matrices train, validate and burn in during tuning. */
export interface ValidationPlan {
  pair: PairId;
  /** Training pieces, in the order handed to the model. */
  train: RowRange[];
  /** The validation truth. */
  validation: RowRange;
  /** The burn-in (pairs 8 and 9): the first M rows of the held-out matrix; null otherwise. */
  burnIn: RowRange | null;
}

/**
 * The validation split of spec §1.4 (`load_validation_dataset`) from row counts only:
 * pairs 1, 3, 5, 6, 7 train on the first ⌊trainSplit·N⌋ rows (Python's int(0.8·N)) and validate on
 * the rest; pairs 2, 4 validate on the whole training matrix (reconstruction); pair 8 holds out
 * X7train (index 1), pair 9 X8train (index 2), the validation truth is the whole held-out matrix
 * (as in the reference, burn-in rows included) and the burn-in its first `burnInRows` rows.
 */
export function validationPlan(
  pair: number,
  trainRows: readonly number[],
  burnInRows?: number,
  trainSplit = 0.8,
): ValidationPlan {
  const spec = getPair(pair);
  if (trainRows.length !== spec.train.length) {
    throw AnsatzError.expected(
      "bad-argument",
      `validation split of pair ${pair}: training matrices`,
      `${spec.train.length} (${spec.train.join(", ")})`,
      `${trainRows.length}`,
    );
  }
  trainRows.forEach((n, i) => {
    assertInt(n, `validation split of pair ${pair}: rows of ${spec.train[i]}`, 1);
  });
  const id = spec.id;
  if (id === 8 || id === 9) {
    const held = id === 8 ? 1 : 2;
    if (burnInRows === undefined) {
      throw AnsatzError.expected(
        "bad-argument",
        `validation split of pair ${pair}: burn-in rows`,
        `the row count of ${spec.initialization}`,
        "none",
      );
    }
    const n = trainRows[held]!;
    assertInt(burnInRows, `validation split of pair ${pair}: burn-in rows`, 1, n);
    const train: RowRange[] = [];
    trainRows.forEach((rows, i) => {
      if (i !== held) train.push({ matrix: i, start: 0, end: rows });
    });
    return {
      pair: id,
      train,
      validation: { matrix: held, start: 0, end: n },
      burnIn: { matrix: held, start: 0, end: burnInRows },
    };
  }
  const n = trainRows[0]!;
  if (id === 2 || id === 4) {
    return {
      pair: id,
      train: [{ matrix: 0, start: 0, end: n }],
      validation: { matrix: 0, start: 0, end: n },
      burnIn: null,
    };
  }
  if (!(typeof trainSplit === "number" && trainSplit > 0 && trainSplit < 1)) {
    throw AnsatzError.expected("bad-value", "train_split", "a number in (0, 1)", String(trainSplit));
  }
  const trainNum = Math.trunc(trainSplit * n);
  if (trainNum < 1 || trainNum >= n) {
    throw AnsatzError.expected(
      "too-little-data",
      `validation split of pair ${pair} (${spec.train[0]}, ${n} rows, train_split ${trainSplit})`,
      "at least one training row and one validation row",
      `${trainNum} training rows`,
    );
  }
  return {
    pair: id,
    train: [{ matrix: 0, start: 0, end: trainNum }],
    validation: { matrix: 0, start: trainNum, end: n },
    burnIn: null,
  };
}

/** The validation split applied to the matrices: training pieces, validation truth, burn-in (copies). */
export interface ValidationSplit {
  plan: ValidationPlan;
  train: Mat[];
  validation: Mat;
  burnIn: Mat | null;
}

/** `load_validation_dataset` on in-memory matrices (see validationPlan); `burnIn` is the pair's test-time burn-in, used only for its row count. */
export function validationSplit(
  pair: number,
  train: readonly Mat[],
  burnIn: Mat | null = null,
  trainSplit = 0.8,
): ValidationSplit {
  const plan = validationPlan(
    pair,
    train.map((m) => m.rows),
    burnIn?.rows,
    trainSplit,
  );
  const take = (r: RowRange): Mat => train[r.matrix]!.sliceRows(r.start, r.end);
  return {
    plan,
    train: plan.train.map(take),
    validation: take(plan.validation),
    burnIn: plan.burnIn ? take(plan.burnIn) : null,
  };
}
