// Saving and loading parameter trees (DESIGN.md, "Engine": save/load of parameters as JSON + .npy).
// A parameter directory holds `params.json` — a format tag and version, and for each leaf (in the
// canonical order of flattenTree) its dotted path, shape, dtype and file — plus one .npy file per
// tensor (NumPy format 1.0, readable with `np.load`). Each save is a new generation whose .npy files
// have new names (`g2-000-layers.0.w.npy`); every file is written under a temporary name and renamed,
// and params.json is renamed last, so a reader sees either the previous complete save or the new one,
// never a mixture. The previous generation's files are removed once the new params.json is in place.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { assertFinite, formatShape } from "../core/check.ts";
import { AnsatzError } from "../core/errors.ts";
import { decodeNpy, encodeNpy } from "../core/npy.ts";
import { type DType, Tensor } from "./tensor.ts";
import { flattenTree, type ParamTree, unflattenTree } from "./tree.ts";

/** The `format` tag and current `version` of params.json. */
export const PARAMS_FORMAT = "ansatz-params";
export const PARAMS_VERSION = 1;
export const PARAMS_FILE = "params.json";

export interface ParamsEntry {
  /** Dotted path of the leaf (`layers.0.w`; "" for a tree that is a single tensor). */
  path: string;
  shape: number[];
  dtype: DType;
  /** The .npy file, relative to the directory. */
  file: string;
}

export interface ParamsManifest {
  format: typeof PARAMS_FORMAT;
  version: number;
  /** Counts the saves into this directory (1 for the first); part of every .npy name. */
  generation: number;
  tensors: ParamsEntry[];
}

/** `g2-007-layers.0.w.npy`: generation, then the leaf index (unique), then the path (readable). */
function fileNameFor(generation: number, index: number, path: string): string {
  const safe = path.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100);
  return `g${generation}-${String(index).padStart(3, "0")}${safe === "" ? "" : `-${safe}`}.npy`;
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Reads and validates `dir/params.json`; returns null if the file does not exist. */
export function readParamsManifest(dir: string): ParamsManifest | null {
  const file = join(dir, PARAMS_FILE);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw AnsatzError.expected("bad-file", file, "valid JSON", `a parse error (${(e as Error).message})`);
  }
  const m = raw as Partial<ParamsManifest> | null;
  if (m === null || typeof m !== "object" || m.format !== PARAMS_FORMAT) {
    throw AnsatzError.expected(
      "bad-file",
      file,
      `"format": "${PARAMS_FORMAT}"`,
      JSON.stringify(m === null || typeof m !== "object" ? m : m.format),
    );
  }
  if (m.version !== PARAMS_VERSION) {
    throw AnsatzError.expected("bad-file", file, `"version": ${PARAMS_VERSION}`, JSON.stringify(m.version));
  }
  if (!Number.isSafeInteger(m.generation) || (m.generation as number) < 1) {
    throw AnsatzError.expected(
      "bad-file",
      file,
      '"generation": an integer >= 1',
      JSON.stringify(m.generation),
    );
  }
  if (!Array.isArray(m.tensors)) {
    throw AnsatzError.expected("bad-file", file, '"tensors": an array', JSON.stringify(m.tensors));
  }
  m.tensors.forEach((t, i) => {
    const ok =
      t !== null &&
      typeof t === "object" &&
      typeof t.path === "string" &&
      Array.isArray(t.shape) &&
      t.shape.every((d) => Number.isSafeInteger(d) && d >= 0) &&
      (t.dtype === "float64" || t.dtype === "float32") &&
      typeof t.file === "string" &&
      t.file === basename(t.file) &&
      t.file.endsWith(".npy");
    if (!ok) {
      throw AnsatzError.expected(
        "bad-file",
        `${file} tensors[${i}]`,
        "{path, shape, dtype: float64|float32, file: a .npy name in the directory}",
        JSON.stringify(t),
      );
    }
  });
  return m as ParamsManifest;
}

/**
 * Writes `tree` to `dir` (created if needed) as params.json plus one .npy per tensor, atomically.
 * Non-finite values are refused (an AnsatzError naming the path), since they mean a diverged model.
 */
export function saveParams(dir: string, tree: ParamTree): ParamsManifest {
  const leaves = flattenTree(tree);
  for (const { path, tensor } of leaves) assertFinite(tensor.data, `saveParams "${path}"`);
  mkdirSync(dir, { recursive: true });
  let previous: ParamsManifest | null = null;
  try {
    previous = readParamsManifest(dir);
  } catch {
    previous = null; // an unreadable old manifest is simply replaced
  }
  const generation = (previous?.generation ?? 0) + 1;
  const entries: ParamsEntry[] = leaves.map(({ path, tensor }, i) => ({
    path,
    shape: tensor.shape.slice(),
    dtype: tensor.dtype,
    file: fileNameFor(generation, i, path),
  }));
  leaves.forEach(({ tensor }, i) => {
    writeAtomic(join(dir, entries[i]!.file), encodeNpy(tensor.data, tensor.shape));
  });
  const manifest: ParamsManifest = {
    format: PARAMS_FORMAT,
    version: PARAMS_VERSION,
    generation,
    tensors: entries,
  };
  writeAtomic(join(dir, PARAMS_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  if (previous) {
    const keep = new Set(entries.map((e) => e.file));
    for (const old of previous.tensors) {
      if (!keep.has(old.file)) rmSync(join(dir, old.file), { force: true });
    }
  }
  return manifest;
}

/** Reads one tensor of a manifest, checking the file against its entry. */
function readEntry(dir: string, e: ParamsEntry): Tensor {
  const file = join(dir, e.file);
  if (!existsSync(file)) {
    throw AnsatzError.expected(
      "bad-file",
      file,
      `the tensor "${e.path}" listed in ${PARAMS_FILE}`,
      "no such file",
    );
  }
  const npy = decodeNpy(new Uint8Array(readFileSync(file)), file);
  const wantDtype = e.dtype === "float64" ? "<f8" : "<f4";
  if (npy.dtype !== wantDtype) {
    throw AnsatzError.expected("bad-file", file, `dtype ${wantDtype} (${e.dtype})`, `dtype ${npy.dtype}`);
  }
  if (formatShape(npy.shape) !== formatShape(e.shape)) {
    throw AnsatzError.expected(
      "bad-shape",
      file,
      `shape ${formatShape(e.shape)} (from ${PARAMS_FILE})`,
      `shape ${formatShape(npy.shape)}`,
    );
  }
  assertFinite(npy.data, file);
  const data = e.dtype === "float64" ? npy.data : Float32Array.from(npy.data);
  return new Tensor(data, npy.shape);
}

/** Rebuilds a tree from dotted paths: objects, or arrays where a node's keys are exactly 0..n−1. */
function treeFromPaths(items: { path: string; tensor: Tensor }[], where: string): ParamTree {
  if (items.length === 1 && items[0]!.path === "") return items[0]!.tensor;
  type Node = { [key: string]: Node | Tensor };
  const root: Node = {};
  for (const { path, tensor } of items) {
    const parts = path.split(".");
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]!];
      if (next instanceof Tensor) {
        throw AnsatzError.expected(
          "bad-file",
          where,
          "paths that are leaves or nodes, not both",
          `"${path}"`,
        );
      }
      node[parts[i]!] = next ?? {};
      node = node[parts[i]!] as Node;
    }
    const last = parts[parts.length - 1]!;
    if (last in node || path === "") {
      throw AnsatzError.expected("bad-file", where, "distinct, non-empty paths", `"${path}" twice or empty`);
    }
    node[last] = tensor;
  }
  const finish = (node: Node | Tensor): ParamTree => {
    if (node instanceof Tensor) return node;
    const keys = Object.keys(node);
    if (keys.length > 0 && keys.every((k) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < keys.length)) {
      return Array.from({ length: keys.length }, (_, i) => finish(node[String(i)]!));
    }
    const out: { [key: string]: ParamTree } = {};
    for (const k of keys) out[k] = finish(node[k]!);
    return out;
  };
  return finish(root);
}

/**
 * Loads the parameters saved in `dir`. With a `template` (a tree of the expected structure, e.g.
 * freshly initialised parameters) the result has its structure and dtypes, and any path missing,
 * extra or of another shape is an AnsatzError naming the path. Without one, the tree is rebuilt from
 * the dotted paths (nodes whose keys are 0..n−1 become arrays).
 */
export function loadParams<T extends ParamTree>(dir: string, template: T): T;
export function loadParams(dir: string): ParamTree;
export function loadParams(dir: string, template?: ParamTree): ParamTree {
  const manifest = readParamsManifest(dir);
  const where = join(dir, PARAMS_FILE);
  if (!manifest) {
    throw AnsatzError.expected("bad-file", where, "a parameter file written by saveParams", "no such file");
  }
  if (template === undefined) {
    return treeFromPaths(
      manifest.tensors.map((e) => ({ path: e.path, tensor: readEntry(dir, e) })),
      where,
    );
  }
  const byPath = new Map(manifest.tensors.map((e) => [e.path, e]));
  const wanted = flattenTree(template);
  const wantedPaths = new Set(wanted.map((l) => l.path));
  for (const e of manifest.tensors) {
    if (!wantedPaths.has(e.path)) {
      throw AnsatzError.expected(
        "bad-file",
        `${where} "${e.path}"`,
        "only the template's parameters",
        "a parameter the template does not have",
      );
    }
  }
  const tensors = wanted.map(({ path, tensor: t }) => {
    const e = byPath.get(path);
    if (!e) {
      throw AnsatzError.expected(
        "bad-file",
        `${where} "${path}"`,
        `a saved tensor of shape ${formatShape(t.shape)}`,
        "none",
      );
    }
    if (formatShape(e.shape) !== formatShape(t.shape)) {
      throw AnsatzError.expected(
        "bad-shape",
        `${where} "${path}"`,
        `shape ${formatShape(t.shape)} (the template's)`,
        `shape ${formatShape(e.shape)}`,
      );
    }
    const loaded = readEntry(dir, e);
    if (loaded.dtype === t.dtype) return loaded;
    return new Tensor(
      t.dtype === "float64" ? Float64Array.from(loaded.data) : Float32Array.from(loaded.data),
      loaded.shape,
    );
  });
  return unflattenTree(template, tensors);
}
