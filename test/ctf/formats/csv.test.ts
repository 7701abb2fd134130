// Tests of src/ctf/formats/csv.ts: numeric CSV with and without a header (auto-detected), RFC 4180
// quoting, CRLF, BOM and blank lines; the IEEE spellings numpy/pandas write (nan, inf, -inf,
// Infinity); write → read bit-identical; missing or non-numeric cells and ragged rows raise an
// AnsatzError naming the file, the 1-based data row (and file line) and the 1-based column.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Mat } from "../../../src/core/matrix.ts";
import { formatCsv, parseCsv, parseCsvNumber, readCsv, writeCsv } from "../../../src/ctf/formats/csv.ts";
import { assertBitIdentical, awkwardMatrix, tempDir } from "./helpers.ts";

describe("numeric CSV", () => {
  it("reads a header and rows: 'x,y\\n1,2\\n3.5,-4e2' is [[1, 2], [3.5, -400]] with columns x, y", () => {
    const t = parseCsv("x,y\n1,2\n3.5,-4e2\n", "a.csv");
    assert.deepEqual(t.columns, ["x", "y"]);
    assert.deepEqual(t.mat.toArray(), [
      [1, 2],
      [3.5, -400],
    ]);
  });

  it("detects the absence of a header when every first-row cell is a number", () => {
    const t = parseCsv("1,2\n3,4", "b.csv");
    assert.equal(t.columns, null);
    assert.deepEqual(t.mat.shape, [2, 2]);
    assert.throws(
      () => parseCsv("x,y\n1,2", "c.csv", { header: false }),
      /c\.csv: row 1 \(line 1\), column 1: expected a number, found 'x'/,
    );
  });

  it("handles a BOM, CRLF, blank lines, spaces and quoted cells", () => {
    const t = parseCsv('\uFEFF"a,b", "q""t"\r\n\r\n 1 ,"2"\r\n\n3,4\r\n', "d.csv");
    assert.deepEqual(t.columns, ["a,b", 'q"t']);
    assert.deepEqual(t.mat.toArray(), [
      [1, 2],
      [3, 4],
    ]);
  });

  it("reads nan, NaN, inf, -inf, +Infinity as IEEE values and rejects hex, '1,5' style and words", () => {
    assert.ok(Number.isNaN(parseCsvNumber("nan")!));
    assert.ok(Number.isNaN(parseCsvNumber("NaN")!));
    assert.equal(parseCsvNumber("inf"), Number.POSITIVE_INFINITY);
    assert.equal(parseCsvNumber("-inf"), Number.NEGATIVE_INFINITY);
    assert.equal(parseCsvNumber("+Infinity"), Number.POSITIVE_INFINITY);
    assert.equal(parseCsvNumber(" .5 "), 0.5);
    assert.equal(parseCsvNumber("5."), 5);
    assert.equal(parseCsvNumber("0x10"), undefined); // Number("0x10") would be 16
    assert.equal(parseCsvNumber(""), undefined); // Number("") would be 0
    assert.equal(parseCsvNumber("1_000"), undefined);
    assert.equal(parseCsvNumber("abc"), undefined);
  });

  it("names file, row, line and column (with its header name) for a non-numeric or missing cell", () => {
    assert.throws(
      () => parseCsv("x,y,z\n1,2,3\n4,oops,6\n", "data.csv"),
      (e: unknown) =>
        e instanceof AnsatzError &&
        e.message === "data.csv: row 2 (line 3), column 2 ('y'): expected a number, found 'oops'",
    );
    assert.throws(
      () => parseCsv("x,y,z\n1,2,3\n\n4,5,\n", "gap.csv"),
      (e: unknown) =>
        e instanceof AnsatzError &&
        e.message === "gap.csv: row 2 (line 4), column 3 ('z'): expected a number, found an empty cell",
    );
    assert.throws(
      () => parseCsv("1,2\n3\n", "ragged.csv"),
      /ragged\.csv: row 2 \(line 2\): expected 2 cells \(as in the first row\), found 1 cells/,
    );
    assert.throws(() => parseCsv('x\n"1\n', "quote.csv"), /quote\.csv: line 2: expected a closing quote/);
  });

  it("writes with the shortest round-trip numbers, so write → read is bit-identical", () => {
    const dir = tempDir();
    const m = awkwardMatrix(6, 4, 3);
    m.data[9] = Number.NaN;
    m.data[10] = Number.NEGATIVE_INFINITY;
    const f = join(dir, "m.csv");
    writeCsv(f, m, { columns: ["a", "b,c", "d", "e"] });
    const t = readCsv(f);
    assert.deepEqual(t.columns, ["a", "b,c", "d", "e"]);
    assertBitIdentical(t.mat, m);
    assert.equal(formatCsv(new Mat(1, 3, Float64Array.from([0.1, -0, 1e21]))), "0.1,-0,1e+21\n");
  });

  it("reads a header-only file as a 0 × n matrix and names a missing file", () => {
    assert.deepEqual(parseCsv("x,y,z\n", "h.csv").mat.shape, [0, 3]);
    assert.throws(
      () => readCsv("/nonexistent/dir/none.csv"),
      /\/nonexistent\/dir\/none\.csv: expected a readable file, found no such file/,
    );
  });
});
