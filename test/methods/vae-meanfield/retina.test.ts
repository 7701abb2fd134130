// Tests of the retina loaders (src/methods/vae-meanfield/retina.ts, spec vae-meanfield.md §1.9, test A10):
// hand-built files with known layouts (txt neurons × samples → [samples, neurons]; MAT `bint`
// [repeats × neurons × time] → row r·time + t), the synthetic stand-in at the real layout scaled down
// (4 repeats × 160 neurons × 50 bins) read identically through both formats and all three MAT classes,
// errors naming the file and position, and — only when ANSATZ_RETINA_DIR holds the real files — the shapes
// 160 × 283041 and 297 × 160 × 953 with binary values.
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { AnsatzError } from "../../../src/core/errors.ts";
import { writeMat5Array } from "../../../src/ctf/formats/mat5.ts";
import { loadSpinSamples } from "../../../src/methods/vae-meanfield/binary-data.ts";
import {
  readRetinaMat,
  readRetinaTxt,
  writeSyntheticRetina,
} from "../../../src/methods/vae-meanfield/retina.ts";
import { tempDir } from "../../ctf/formats/helpers.ts";

const dir = tempDir("ansatz-retina-");

function isErr(code: string, ...parts: string[]) {
  return (e: unknown) => {
    assert.ok(e instanceof AnsatzError, `not an AnsatzError: ${e}`);
    assert.equal(e.code, code, e.message);
    for (const part of parts) assert.ok(e.message.includes(part), `message lacks '${part}': ${e.message}`);
    return true;
  };
}

test("readRetinaTxt: 2 neurons × 3 samples (tabs, CRLF, blank line, '1.0') → [[0,1],[1,0],[1,0]]", () => {
  const p = join(dir, "hand.txt");
  writeFileSync(p, "0 1\t1\r\n\n 1.0 0 0 \n");
  assert.deepEqual(readRetinaTxt(p).toArray(), [
    [0, 1],
    [1, 0],
    [1, 0],
  ]);
  const gz = join(dir, "hand.txt.gz");
  writeFileSync(gz, gzipSync("0 1 1\n1 0 0\n"));
  assert.deepEqual(readRetinaTxt(gz).toArray(), [
    [0, 1],
    [1, 0],
    [1, 0],
  ]);
});

test("readRetinaTxt: a value 2, a short line and an empty file are errors naming file and position", () => {
  const two = join(dir, "two.txt");
  writeFileSync(two, "0 1 1\n1 2 0\n");
  assert.throws(() => readRetinaTxt(two), isErr("bad-value", two, "line 2 (neuron 1), sample 1", "'2'"));
  const ragged = join(dir, "ragged.txt");
  writeFileSync(ragged, "0 1 1\n1 0\n");
  assert.throws(() => readRetinaTxt(ragged), isErr("bad-shape", ragged, "line 2", "3 samples", "2 values"));
  const empty = join(dir, "empty.txt");
  writeFileSync(empty, "\n \n");
  assert.throws(() => readRetinaTxt(empty), isErr("bad-file", empty));
});

test("readRetinaMat: bint 2 × 3 × 2 (column-major k at (r, n, t), k = r + 2n + 6t) → row r·2 + t", () => {
  const p = join(dir, "hand.mat");
  // bint(r, n, t) = 1 when (r + 2n + 6t) is odd: values in column-major order k = 0..11.
  const data = Array.from({ length: 12 }, (_, k) => k % 2);
  writeMat5Array(p, "bint", [2, 3, 2], data, "uint8");
  const { bint, samples } = readRetinaMat(p);
  assert.deepEqual(bint, { repeats: 2, neurons: 3, time: 2 });
  // row r·2 + t, column n = bint(r, n, t) = (r + 2n + 6t) mod 2 = r mod 2
  assert.deepEqual(samples.toArray(), [
    [0, 0, 0],
    [0, 0, 0],
    [1, 1, 1],
    [1, 1, 1],
  ]);
  const q = join(dir, "hand2.mat");
  writeMat5Array(
    q,
    "bint",
    [2, 3, 2],
    Array.from({ length: 12 }, (_, k) => (k === 9 ? 1 : 0)),
    "double",
  );
  // k = 9 = r + 2n + 6t → r = 1, n = 1, t = 1 → row 3, column 1
  const s2 = readRetinaMat(q).samples;
  assert.equal(s2.get(3, 1), 1);
  assert.equal(
    s2.data.reduce((a, b) => a + b, 0),
    1,
  );
});

test("readRetinaMat: missing bint, 2-D bint and a value 2 are errors naming file and position", () => {
  const other = join(dir, "other.mat");
  writeMat5Array(other, "spikes", [2, 2, 2], new Array(8).fill(0), "uint8");
  assert.throws(() => readRetinaMat(other), isErr("bad-file", other, "'spikes'"));
  const flat = join(dir, "flat.mat");
  writeMat5Array(flat, "bint", [2, 2], [0, 1, 0, 1], "uint8");
  assert.throws(() => readRetinaMat(flat), isErr("bad-shape", flat, "[2, 2]"));
  const two = join(dir, "twoval.mat");
  writeMat5Array(
    two,
    "bint",
    [2, 3, 2],
    Array.from({ length: 12 }, (_, k) => (k === 9 ? 2 : 0)),
    "uint8",
  );
  assert.throws(() => readRetinaMat(two), isErr("bad-value", two, "repeat 1, neuron 1, time 1", "found 2"));
});

test("A10 (synthetic): 4 repeats × 160 neurons × 50 bins read identically from txt and MAT (uint8, logical, double)", () => {
  for (const matClass of ["uint8", "logical", "double"] as const) {
    const sub = join(dir, `syn-${matClass}`);
    const { txtPath, matPath } = writeSyntheticRetina(sub, { repeats: 4, time: 50, seed: 7, matClass });
    const txt = readRetinaTxt(txtPath);
    const mat = readRetinaMat(matPath);
    assert.deepEqual(txt.shape, [200, 160]);
    assert.deepEqual(mat.bint, { repeats: 4, neurons: 160, time: 50 });
    assert.deepEqual(mat.samples.shape, [200, 160]);
    assert.deepEqual(Array.from(mat.samples.data), Array.from(txt.data), `${matClass}: txt and MAT differ`);
    const rate = txt.data.reduce((a, b) => a + b, 0) / txt.data.length;
    assert.ok(rate > 0.03 && rate < 0.06, `${matClass}: firing rate ${rate} (4.1% measured on 20 000 bins)`);
  }
  // Same seed → same data; another seed → different data.
  const a = readRetinaTxt(
    writeSyntheticRetina(join(dir, "s1"), { repeats: 1, neurons: 5, time: 40, seed: 1 }).txtPath,
  );
  const b = readRetinaTxt(
    writeSyntheticRetina(join(dir, "s2"), { repeats: 1, neurons: 5, time: 40, seed: 1 }).txtPath,
  );
  const c = readRetinaTxt(
    writeSyntheticRetina(join(dir, "s3"), { repeats: 1, neurons: 5, time: 40, seed: 2 }).txtPath,
  );
  assert.deepEqual(Array.from(a.data), Array.from(b.data));
  assert.notDeepEqual(Array.from(a.data), Array.from(c.data));
});

// The real IST Austria files (spec §1.9), only where ANSATZ_RETINA_DIR points at them.
const realDir = process.env.ANSATZ_RETINA_DIR;
const realFiles = realDir && existsSync(realDir) ? readdirSync(realDir) : [];
const realMat = realFiles.find((f) => f.toLowerCase().endsWith(".mat"));
const realTxt = realFiles.find((f) => /\.txt(\.gz)?$/i.test(f));

test("A10 (real data): txt 160 × 283041 and MAT bint 297 × 160 × 953, binary values", {
  skip:
    realMat === undefined && realTxt === undefined
      ? "ANSATZ_RETINA_DIR with the retina files not set"
      : false,
}, () => {
  if (realTxt !== undefined) {
    const x = readRetinaTxt(join(realDir!, realTxt)); // binary values are checked by the loader
    assert.deepEqual(x.shape, [283041, 160], `${realTxt}: shape [samples, neurons]`);
  }
  if (realMat !== undefined) {
    const m = readRetinaMat(join(realDir!, realMat));
    assert.deepEqual(m.bint, { repeats: 297, neurons: 160, time: 953 }, realMat);
    assert.deepEqual(m.samples.shape, [283041, 160]);
  }
});

test("loadSpinSamples (what `ansatz vae fit --data` reads) recognises both retina layouts", () => {
  const { txtPath, matPath } = writeSyntheticRetina(join(dir, "load"), { repeats: 2, time: 30, seed: 3 });
  const fromTxt = loadSpinSamples(txtPath);
  const fromMat = loadSpinSamples(matPath);
  assert.equal(fromTxt.encoding, "01");
  assert.deepEqual(fromTxt.pm1.shape, [60, 160]);
  assert.deepEqual(Array.from(fromMat.pm1.data), Array.from(fromTxt.pm1.data));
  assert.ok(
    fromMat.pm1.data.every((v) => v === 1 || v === -1),
    "±1 after conversion",
  );
});
