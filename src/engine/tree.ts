// Parameter trees: nested arrays and plain objects whose leaves are tensors (the "pytree" of JAX,
// https://jax.readthedocs.io/en/latest/pytrees.html). Flattening visits arrays in index order and
// object keys in sorted (code-unit) order, as JAX does for dicts, so paths and order do not depend
// on how an object was built. Paths join keys and indices with dots: `layers.0.w`.
//
// Declare parameter types with `type X = { ... }`, not `interface`: TypeScript lets object type
// aliases (not interfaces) match the index signature of ParamTree.
import { AnsatzError } from "../core/errors.ts";
import { Tensor } from "./tensor.ts";

export type ParamTree = Tensor | ParamTree[] | { [key: string]: ParamTree };

export interface TreeLeaf {
  path: string;
  tensor: Tensor;
}

function join(prefix: string, key: string): string {
  return prefix === "" ? key : `${prefix}.${key}`;
}

function badNode(path: string, node: unknown): AnsatzError {
  const found = node === null ? "null" : Array.isArray(node) ? "array" : typeof node;
  return AnsatzError.expected(
    "bad-argument",
    `parameter tree at "${path || "<root>"}"`,
    "a Tensor, array or plain object",
    found,
  );
}

function isPlainObject(node: unknown): node is { [key: string]: ParamTree } {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return false;
  const proto = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}

/** Leaves of a tree with their dotted paths, in the canonical order (arrays by index, keys sorted). */
export function flattenTree(tree: ParamTree): TreeLeaf[] {
  const out: TreeLeaf[] = [];
  const walk = (node: ParamTree, path: string): void => {
    if (node instanceof Tensor) {
      out.push({ path, tensor: node });
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) walk(node[i]!, join(path, String(i)));
    } else if (isPlainObject(node)) {
      const keys = Object.keys(node).sort();
      for (const k of keys) walk(node[k]!, join(path, k));
    } else {
      throw badNode(path, node);
    }
  };
  walk(tree, "");
  return out;
}

/** The leaves of a tree in canonical order (flattenTree without paths). */
export function treeLeaves(tree: ParamTree): Tensor[] {
  const out: Tensor[] = [];
  const walk = (node: ParamTree, path: string): void => {
    if (node instanceof Tensor) out.push(node);
    else if (Array.isArray(node)) for (let i = 0; i < node.length; i++) walk(node[i]!, path);
    else if (isPlainObject(node)) for (const k of Object.keys(node).sort()) walk(node[k]!, path);
    else throw badNode(path, node);
  };
  walk(tree, "");
  return out;
}

/**
 * A tree of the same structure as `template` whose leaves are `tensors` in canonical order. The
 * tensors' shapes must equal the template's leaf shapes (an AnsatzError names the path otherwise).
 */
export function unflattenTree<T extends ParamTree>(template: T, tensors: readonly Tensor[]): T {
  let k = 0;
  const build = (node: ParamTree, path: string): ParamTree => {
    if (node instanceof Tensor) {
      if (k >= tensors.length) {
        throw AnsatzError.expected(
          "bad-argument",
          "unflattenTree",
          "as many tensors as tree leaves",
          `${tensors.length} tensors`,
        );
      }
      const t = tensors[k++]!;
      if (!(t instanceof Tensor)) throw badNode(path, t);
      if (t.shape.length !== node.shape.length || t.shape.some((d, i) => d !== node.shape[i])) {
        throw AnsatzError.expected(
          "bad-shape",
          `unflattenTree "${path}"`,
          `shape [${node.shape.join(", ")}]`,
          `shape [${t.shape.join(", ")}]`,
        );
      }
      return t;
    }
    if (Array.isArray(node)) return node.map((c, i) => build(c, join(path, String(i))));
    if (isPlainObject(node)) {
      const out: { [key: string]: ParamTree } = {};
      for (const key of Object.keys(node).sort()) out[key] = build(node[key]!, join(path, key));
      return out;
    }
    throw badNode(path, node);
  };
  const result = build(template, "");
  if (k !== tensors.length) {
    throw AnsatzError.expected(
      "bad-argument",
      "unflattenTree",
      `${k} tensors (the tree's leaves)`,
      `${tensors.length} tensors`,
    );
  }
  return result as T;
}

/** A tree of the same structure with every leaf replaced by `fn(leaf, path)`. */
export function mapTree<T extends ParamTree>(tree: T, fn: (t: Tensor, path: string) => Tensor): T {
  const build = (node: ParamTree, path: string): ParamTree => {
    if (node instanceof Tensor) return fn(node, path);
    if (Array.isArray(node)) return node.map((c, i) => build(c, join(path, String(i))));
    if (isPlainObject(node)) {
      const out: { [key: string]: ParamTree } = {};
      for (const key of Object.keys(node).sort()) out[key] = build(node[key]!, join(path, key));
      return out;
    }
    throw badNode(path, node);
  };
  return build(tree, "") as T;
}

/** A deep copy of a tree (every leaf gets its own buffer). */
export function cloneTree<T extends ParamTree>(tree: T): T {
  return mapTree(tree, (t) => t.clone());
}

/** Total number of scalar entries over all leaves. */
export function treeSize(tree: ParamTree): number {
  let n = 0;
  for (const t of treeLeaves(tree)) n += t.size;
  return n;
}
