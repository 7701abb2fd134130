// Tests of parameter save/load (src/engine/serialize.ts): exact round trips of a nested tree with
// float64 and float32 leaves, the params.json manifest (format "ansatz-params", version 1, paths in
// flattenTree's canonical order), .npy files byte-identical to encodeNpy (itself checked against
// np.save in test/core/npy.test.ts), generations replacing old files, and AnsatzErrors naming the
// path for shape mismatches, missing or extra parameters, corrupt files and non-finite values.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { encodeNpy } from "../../src/core/npy.ts";
import { loadParams, PARAMS_FILE, saveParams } from "../../src/engine/serialize.ts";
import { Tensor, tensor } from "../../src/engine/tensor.ts";
import type { ParamTree } from "../../src/engine/tree.ts";

const base = mkdtempSync(join(tmpdir(), "ansatz-serialize-"));
after(() => rmSync(base, { recursive: true, force: true }));
let dirCount = 0;
const freshDir = () => join(base, `p${dirCount++}`);

type Params = {
  layers: { w: Tensor; b: Tensor }[];
  scale: Tensor;
  emb: Tensor;
};

function makeParams(offset = 0): Params {
  return {
    layers: [
      {
        w: tensor(
          [0.1, -0.2, 0.3, 1e-300, 5, 6].map((v) => v + offset),
          [2, 3],
        ),
        b: tensor([1 / 3, 2 / 3]),
      },
      { w: tensor([[Math.PI + offset], [Math.E], [-1]]), b: tensor([0]) },
    ],
    scale: tensor(2.5 + offset),
    emb: tensor([1.5, -0.25, 3, 4], [2, 2], "float32"),
  };
}

const CANONICAL_PATHS = ["emb", "layers.0.b", "layers.0.w", "layers.1.b", "layers.1.w", "scale"];

function assertSameTree(a: ParamTree, b: ParamTree): void {
  const la = (x: ParamTree): [string, string, number[], number[]][] => {
    const out: [string, string, number[], number[]][] = [];
    const walk = (n: ParamTree, p: string) => {
      if (Array.isArray(n)) {
        for (let i = 0; i < n.length; i++) walk(n[i]!, `${p}[${i}]`);
      } else if (n instanceof Tensor) {
        out.push([p, n.dtype, n.shape, Array.from(n.data)]);
      } else {
        for (const k of Object.keys(n).sort()) walk(n[k]!, `${p}.${k}`);
      }
    };
    walk(x, "");
    return out;
  };
  assert.deepEqual(la(a), la(b));
}

describe("saveParams / loadParams", () => {
  it("round-trips a nested tree exactly (values, shapes, dtypes) with a template", () => {
    const dir = freshDir();
    const params = makeParams();
    saveParams(dir, params);
    const loaded = loadParams(dir, makeParams(100));
    assertSameTree(loaded, params);
    assert.equal(loaded.emb.dtype, "float32");
    assert.equal(loaded.layers[0]!.w.data[3], 1e-300);
  });
  it("writes params.json with format, version, generation and the canonical paths", () => {
    const dir = freshDir();
    saveParams(dir, makeParams());
    const m = JSON.parse(readFileSync(join(dir, PARAMS_FILE), "utf8"));
    assert.equal(m.format, "ansatz-params");
    assert.equal(m.version, 1);
    assert.equal(m.generation, 1);
    assert.deepEqual(
      m.tensors.map((t: { path: string }) => t.path),
      CANONICAL_PATHS,
    );
    assert.deepEqual(m.tensors[0], { path: "emb", shape: [2, 2], dtype: "float32", file: "g1-000-emb.npy" });
    assert.deepEqual(m.tensors[2].shape, [2, 3]);
    assert.deepEqual(m.tensors[5], { path: "scale", shape: [], dtype: "float64", file: "g1-005-scale.npy" });
  });
  it("writes each tensor as a .npy file byte-identical to encodeNpy (np.save's bytes)", () => {
    const dir = freshDir();
    const p = makeParams();
    saveParams(dir, p);
    const w = readFileSync(join(dir, "g1-002-layers.0.w.npy"));
    assert.deepEqual(new Uint8Array(w), encodeNpy(p.layers[0]!.w.data, [2, 3]));
    const e = readFileSync(join(dir, "g1-000-emb.npy"));
    assert.deepEqual(new Uint8Array(e), encodeNpy(p.emb.data, [2, 2]));
  });
  it("a second save is generation 2 and removes generation 1's files; no temporary files remain", () => {
    const dir = freshDir();
    saveParams(dir, makeParams());
    saveParams(dir, makeParams(1));
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, [
      "g2-000-emb.npy",
      "g2-001-layers.0.b.npy",
      "g2-002-layers.0.w.npy",
      "g2-003-layers.1.b.npy",
      "g2-004-layers.1.w.npy",
      "g2-005-scale.npy",
      "params.json",
    ]);
    assert.equal(loadParams(dir, makeParams()).scale.item(), 3.5);
  });
  it("without a template rebuilds the tree from the paths (0..n−1 keys become arrays)", () => {
    const dir = freshDir();
    const params = makeParams();
    saveParams(dir, params);
    assertSameTree(loadParams(dir), params);
    const single = freshDir();
    saveParams(single, tensor([1, 2, 3]));
    const t = loadParams(single) as Tensor;
    assert.deepEqual(Array.from(t.data), [1, 2, 3]);
  });
  it("converts to the template's dtype (float64 file into a float32 template)", () => {
    const dir = freshDir();
    saveParams(dir, { w: tensor([0.5, 0.1]) });
    const loaded = loadParams(dir, { w: tensor([0, 0], [2], "float32") });
    assert.equal(loaded.w.dtype, "float32");
    assert.deepEqual(Array.from(loaded.w.data), [0.5, Math.fround(0.1)]);
  });
});

describe("errors name the path and what was wrong", () => {
  const dir = freshDir();
  saveParams(dir, makeParams());
  const manifest = join(dir, PARAMS_FILE);
  it("a shape mismatch against the template", () => {
    const template = makeParams();
    template.layers[0]!.w = tensor(new Float64Array(8), [2, 4]);
    assert.throws(() => loadParams(dir, template), {
      name: "AnsatzError",
      message: `${manifest} "layers.0.w": expected shape [2, 4] (the template's), found shape [2, 3]`,
    });
  });
  it("a parameter missing from the file, and one the template lacks", () => {
    const bigger = { ...makeParams(), extra: tensor([1]) };
    assert.throws(() => loadParams(dir, bigger), {
      message: `${manifest} "extra": expected a saved tensor of shape [1], found none`,
    });
    const { scale: _, ...smaller } = makeParams();
    assert.throws(() => loadParams(dir, smaller), {
      message: `${manifest} "scale": expected only the template's parameters, found a parameter the template does not have`,
    });
  });
  it("no params.json, a corrupt params.json, a missing or mismatched .npy", () => {
    const empty = freshDir();
    assert.throws(() => loadParams(empty), {
      message: `${join(empty, PARAMS_FILE)}: expected a parameter file written by saveParams, found no such file`,
    });
    const bad = freshDir();
    saveParams(bad, { w: tensor([1, 2]) });
    const badManifest = join(bad, PARAMS_FILE);
    const good = readFileSync(badManifest, "utf8");
    writeFileSync(badManifest, "{not json");
    assert.throws(() => loadParams(bad), /params\.json: expected valid JSON, found a parse error/);
    writeFileSync(badManifest, good.replace('"version": 1', '"version": 7'));
    assert.throws(() => loadParams(bad), /params\.json: expected "version": 1, found 7/);
    writeFileSync(badManifest, good.replace('"file": "g1-000-w.npy"', '"file": "../w.npy"'));
    assert.throws(() => loadParams(bad), /params\.json tensors\[0\]: expected \{path, shape/);
    writeFileSync(badManifest, good.replace('"float64"', '"int8"'));
    assert.throws(() => loadParams(bad), /params\.json tensors\[0\]: expected/);
    writeFileSync(badManifest, good);
    writeFileSync(join(bad, "g1-000-w.npy"), encodeNpy(Float64Array.of(1, 2, 3), [3]));
    assert.throws(() => loadParams(bad), {
      message: `${join(bad, "g1-000-w.npy")}: expected shape [2] (from params.json), found shape [3]`,
    });
    writeFileSync(join(bad, "g1-000-w.npy"), encodeNpy(Float32Array.of(1, 2), [2]));
    assert.throws(() => loadParams(bad), /g1-000-w\.npy: expected dtype <f8 \(float64\), found dtype <f4/);
    writeFileSync(join(bad, "g1-000-w.npy"), encodeNpy(Float64Array.of(1, Number.NaN), [2]));
    assert.throws(() => loadParams(bad), /g1-000-w\.npy: expected finite values, found NaN at index 1/);
    rmSync(join(bad, "g1-000-w.npy"));
    assert.throws(
      () => loadParams(bad),
      /g1-000-w\.npy: expected the tensor "w" listed in params\.json, found no such file/,
    );
  });
  it("refuses to save non-finite parameters", () => {
    const p = makeParams();
    p.layers[1]!.b = tensor([Number.POSITIVE_INFINITY]);
    assert.throws(() => saveParams(freshDir(), p), {
      message: 'saveParams "layers.1.b": expected finite values, found Infinity at index 0',
    });
  });
});
