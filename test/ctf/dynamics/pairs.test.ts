// Tests for src/ctf/dynamics/pairs.ts: the pair table and pair → E mapping of spec ctf.md §1.2
// (acceptance test 11, from ctf4science/eval_module.py:pair_id_to_e), pair-id parsing as
// data_module.parse_pair_ids, and the validation splits of §1.4 (acceptance test 12,
// data_module.load_validation_dataset).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import {
  E_IDS,
  eToPair,
  getPair,
  PAIR_IDS,
  PAIRS,
  pairIdToE,
  parsePairIds,
  validationPlan,
  validationSplit,
} from "../../../src/ctf/dynamics/pairs.ts";

describe("acceptance 11: pair → E mapping (spec §1.2, eval_module.pair_id_to_e)", () => {
  it("reproduces the twelve (pair, metric) → E entries of the reference dict", () => {
    const reference: [number, "short_time" | "long_time" | "reconstruction", number][] = [
      [1, "short_time", 1],
      [1, "long_time", 2],
      [2, "reconstruction", 3],
      [3, "long_time", 4],
      [4, "reconstruction", 5],
      [5, "long_time", 6],
      [6, "short_time", 7],
      [6, "long_time", 8],
      [7, "short_time", 9],
      [7, "long_time", 10],
      [8, "short_time", 11],
      [9, "short_time", 12],
    ];
    for (const [pair, metric, e] of reference) {
      assert.equal(pairIdToE(pair, metric), `E${e}`);
      assert.deepEqual(eToPair(`E${e}` as (typeof E_IDS)[number]), { pair, metric });
    }
    const all = PAIR_IDS.flatMap((id) => [...PAIRS[id].e]);
    assert.deepEqual(all, [...E_IDS]); // 12 scores from 9 pairs, each once, in order
    assert.equal(all.length, 12);
    assert.throws(() => pairIdToE(2, "short_time"), /one of the metrics of pair 2: reconstruction/);
    assert.throws(() => pairIdToE(0, "short_time"), AnsatzError);
  });

  it("train/test/burn-in matrices of §1.2; pairs 8 and 9 have three training matrices and a burn-in", () => {
    const table: [number, string[], string, string | null][] = [
      [1, ["X1train"], "X1test", null],
      [2, ["X2train"], "X2test", null],
      [3, ["X2train"], "X3test", null],
      [4, ["X3train"], "X4test", null],
      [5, ["X3train"], "X5test", null],
      [6, ["X4train"], "X6test", null],
      [7, ["X5train"], "X7test", null],
      [8, ["X6train", "X7train", "X8train"], "X8test", "X9train"],
      [9, ["X6train", "X7train", "X8train"], "X9test", "X10train"],
    ];
    for (const [id, train, test, init] of table) {
      const p = getPair(id);
      assert.deepEqual([...p.train], train);
      assert.equal(p.test, test);
      assert.equal(p.initialization, init);
    }
    assert.deepEqual([...PAIRS[2].metrics], ["reconstruction"]);
    assert.equal(PAIRS[4].task, "reconstruct");
    assert.equal(PAIRS[9].task, "forecast-parametric");
  });
});

describe("parsePairIds (data_module.parse_pair_ids)", () => {
  it('accepts an int, a list, "1,3", "1-3", "all" and mixed "1-3,7"', () => {
    assert.deepEqual(parsePairIds(4), [4]);
    assert.deepEqual(parsePairIds([1, 3]), [1, 3]);
    assert.deepEqual(parsePairIds("1,3"), [1, 3]);
    assert.deepEqual(parsePairIds("1-3"), [1, 2, 3]);
    assert.deepEqual(parsePairIds(" 7 "), [7]);
    assert.deepEqual(parsePairIds("1-3,7"), [1, 2, 3, 7]);
    assert.deepEqual(parsePairIds("all"), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(parsePairIds(undefined), [1, 2, 3, 4, 5, 6, 7, 8, 9]); // the reference default is 'all'
    assert.deepEqual(parsePairIds("all", [1, 2]), [1, 2]);
  });

  it("refuses anything else with an AnsatzError naming pair_id, what was expected and found", () => {
    for (const bad of [
      0,
      10,
      2.5,
      "x",
      "3-1",
      "1-",
      "",
      [],
      [1, "2"],
      [1, 1],
      { id: 1 },
      "1,,3",
      Number.NaN,
    ]) {
      assert.throws(
        () => parsePairIds(bad),
        (e: unknown) => e instanceof AnsatzError && e.message.startsWith("pair_id: expected"),
        `input ${JSON.stringify(bad)}`,
      );
    }
    assert.throws(() => parsePairIds("abc"), /pair_id: expected an integer 1–9, a list .* found "abc"/);
    assert.throws(() => parsePairIds(5, [1, 2]), /a pair id in \[1, 2\], found 5/);
  });
});

describe("acceptance 12: validation splits (spec §1.4)", () => {
  it("pair 1 on 10000 rows trains on the first 8000 and validates on the last 2000", () => {
    assert.deepEqual(validationPlan(1, [10000]), {
      pair: 1,
      train: [{ matrix: 0, start: 0, end: 8000 }],
      validation: { matrix: 0, start: 8000, end: 10000 },
      burnIn: null,
    });
    // int(0.8·100) = 80 for the limited-data pairs; Python int(0.58·100) = 57 (0.58·100 = 57.99999999999999).
    assert.equal(validationPlan(6, [100]).train[0]!.end, 80);
    assert.equal(validationPlan(7, [100], undefined, 0.58).train[0]!.end, 57);
  });

  it("pairs 2 and 4 validate on the training matrix itself", () => {
    for (const id of [2, 4]) {
      const p = validationPlan(id, [10000]);
      assert.deepEqual(p.train, [{ matrix: 0, start: 0, end: 10000 }]);
      assert.deepEqual(p.validation, { matrix: 0, start: 0, end: 10000 });
    }
  });

  it("pair 8 holds out X7train, pair 9 X8train; the burn-in is the first M rows of the held-out matrix", () => {
    const mk = (v: number, rows: number) =>
      new Mat(
        rows,
        2,
        new Float64Array(rows * 2).map((_, i) => v + i),
      );
    const train = [mk(600, 50), mk(700, 40), mk(800, 30)];
    const burn = new Mat(5, 2);
    const s8 = validationSplit(8, train, burn);
    assert.deepEqual(
      s8.train.map((m) => m.data[0]),
      [600, 800],
    );
    assert.equal(s8.validation.data[0], 700);
    assert.equal(s8.validation.rows, 40);
    assert.equal(s8.burnIn!.rows, 5);
    assert.deepEqual(Array.from(s8.burnIn!.data), Array.from(train[1]!.data.subarray(0, 10)));
    const s9 = validationSplit(9, train, burn);
    assert.deepEqual(
      s9.train.map((m) => m.data[0]),
      [600, 700],
    );
    assert.equal(s9.validation.data[0], 800);
    assert.deepEqual(s9.plan.burnIn, { matrix: 2, start: 0, end: 5 });
  });

  it("applies the split to matrices (pair 3: rows 0…7 train, 8…9 validate)", () => {
    const X = new Mat(
      10,
      1,
      Float64Array.from({ length: 10 }, (_, i) => i),
    );
    const s = validationSplit(3, [X]);
    assert.deepEqual(Array.from(s.train[0]!.data), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(Array.from(s.validation.data), [8, 9]);
    assert.equal(s.burnIn, null);
  });

  it("refuses bad inputs: wrong matrix count, train_split outside (0, 1), missing or too long burn-in", () => {
    assert.throws(() => validationPlan(8, [100, 100]), /training matrices: expected 3/);
    assert.throws(() => validationPlan(1, [100], undefined, 1), /train_split: expected a number in \(0, 1\)/);
    assert.throws(() => validationPlan(1, [1]), /at least one training row and one validation row/);
    assert.throws(
      () => validationPlan(9, [100, 100, 100]),
      /burn-in rows: expected the row count of X10train/,
    );
    assert.throws(() => validationPlan(8, [100, 50, 100], 60), /burn-in rows/);
  });
});
