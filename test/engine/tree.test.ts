// Tests for src/engine/tree.ts: canonical order (arrays by index, object keys sorted), dotted paths,
// unflatten round trip with shape checks, mapTree structure preservation, bad nodes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { tensor, zeros } from "../../src/engine/tensor.ts";
import {
  cloneTree,
  flattenTree,
  mapTree,
  type ParamTree,
  treeSize,
  unflattenTree,
} from "../../src/engine/tree.ts";

const tree = {
  layers: [
    { w: zeros([2, 3]), b: zeros([3]) },
    { w: zeros([3, 1]), b: zeros([1]) },
  ],
  scale: tensor(1),
};

test("flattenTree: paths `layers.0.b`, … in canonical order (keys sorted, arrays by index)", () => {
  const flat = flattenTree(tree);
  assert.deepEqual(
    flat.map((l) => l.path),
    ["layers.0.b", "layers.0.w", "layers.1.b", "layers.1.w", "scale"],
  );
  assert.equal(flat[1]!.tensor, tree.layers[0]!.w);
  assert.equal(treeSize(tree), 6 + 3 + 3 + 1 + 1);
  // The order does not depend on insertion order.
  const other = { scale: tree.scale, layers: tree.layers.map((l) => ({ b: l.b, w: l.w })) };
  assert.deepEqual(
    flattenTree(other).map((l) => l.tensor),
    flat.map((l) => l.tensor),
  );
  assert.deepEqual(
    flattenTree(tensor(1)).map((l) => l.path),
    [""],
  );
});

test("unflattenTree rebuilds the structure and checks shapes", () => {
  const ts = flattenTree(tree).map((l) => l.tensor.clone());
  const back = unflattenTree(tree, ts);
  assert.deepEqual(
    flattenTree(back).map((l) => l.tensor),
    ts,
  );
  assert.equal(back.layers[1]!.w.shape[0], 3);
  const bad = ts.slice();
  bad[0] = zeros([4]);
  assert.throws(
    () => unflattenTree(tree, bad),
    (e: unknown) =>
      e instanceof AnsatzError &&
      /unflattenTree "layers.0.b": expected shape \[3\], found shape \[4\]/.test(e.message),
  );
  assert.throws(() => unflattenTree(tree, ts.slice(1)), AnsatzError);
});

test("mapTree keeps structure and passes paths; cloneTree copies buffers; bad nodes are refused", () => {
  const paths: string[] = [];
  const m = mapTree(tree, (t, p) => {
    paths.push(p);
    return zeros(t.shape);
  });
  assert.equal(paths.length, 5);
  assert.deepEqual(m.layers[0]!.w.shape, [2, 3]);
  const c = cloneTree(tree);
  assert.notEqual(c.layers[0]!.w.data, tree.layers[0]!.w.data);
  assert.throws(
    () => flattenTree({ a: 3 } as unknown as ParamTree),
    (e: unknown) => e instanceof AnsatzError && /parameter tree at "a"/.test(e.message),
  );
});
