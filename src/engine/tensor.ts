// Tensor: an n-dimensional array of float64 (default) or float32, row-major and contiguous, the value
// type of the engine (DESIGN.md, "Engine"). A tensor is immutable by convention: ops never write into
// their inputs and always return a fresh tensor; only optimisers (and code that owns a parameter)
// update `data` in place. Shapes are never mutated either, so ops may share shape arrays.
//
// Autodiff bookkeeping lives in two internal fields (`_tape`, `_grad`) read by autodiff.ts; a tensor
// made outside a recording has `_tape === null` and costs nothing more than its buffer.
import { assertFiniteNumber, assertInt, formatShape } from "../core/check.ts";
import { AnsatzError } from "../core/errors.ts";
import { Mat } from "../core/matrix.ts";
import type { Rng } from "../core/random.ts";

export type DType = "float64" | "float32";
export type FloatArray = Float64Array | Float32Array;

/** Minimal view of the autodiff tape that a tensor points to (the full class is in autodiff.ts). */
export interface TapeRef {
  readonly active: boolean;
}

/** Nested arrays of numbers, e.g. `[[1, 2], [3, 4]]`. */
export type NestedNumbers = number | NestedNumbers[];

export class Tensor {
  readonly shape: number[];
  readonly dtype: DType;
  readonly data: FloatArray;
  readonly size: number;
  /** @internal The tape this tensor is recorded on (null: a constant). */
  _tape: TapeRef | null = null;
  /** @internal Gradient accumulated during a backward pass. */
  _grad: FloatArray | null = null;

  /**
   * Low-level constructor: wraps `data` (no copy) with `shape`; the dtype follows the array type.
   * Use `tensor(...)` for validated construction from user values.
   */
  constructor(data: FloatArray, shape: number[]) {
    let size = 1;
    for (let i = 0; i < shape.length; i++) size *= shape[i]!;
    if (data.length !== size) {
      throw AnsatzError.expected(
        "bad-shape",
        "Tensor",
        `data of length ${size} for shape ${formatShape(shape)}`,
        `length ${data.length}`,
      );
    }
    this.shape = shape;
    this.dtype = data instanceof Float64Array ? "float64" : "float32";
    this.data = data;
    this.size = size;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw AnsatzError.expected(
        "bad-shape",
        "Tensor.item",
        "a tensor with one element",
        `shape ${formatShape(this.shape)}`,
      );
    }
    return this.data[0]!;
  }

  /** Nested arrays of numbers (a number for a 0-d tensor). */
  toArray(): NestedNumbers {
    if (this.shape.length === 0) return this.data[0]!;
    const build = (dim: number, offset: number): NestedNumbers[] => {
      const n = this.shape[dim]!;
      const out: NestedNumbers[] = new Array(n);
      if (dim === this.shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = this.data[offset + i]!;
        return out;
      }
      let stride = 1;
      for (let d = dim + 1; d < this.shape.length; d++) stride *= this.shape[d]!;
      for (let i = 0; i < n; i++) out[i] = build(dim + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }

  /** A copy with its own buffer (never recorded on a tape). */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape.slice());
  }

  toString(): string {
    return `Tensor(${this.dtype}, ${formatShape(this.shape)})`;
  }
}

/** Product of a shape's entries (1 for `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i]!;
  return size;
}

/** A zero-filled buffer of the given dtype. */
export function alloc(dtype: DType, n: number): FloatArray {
  return dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
}

function checkDType(dtype: unknown, where: string): DType {
  if (dtype !== "float64" && dtype !== "float32") {
    throw AnsatzError.expected("bad-argument", where, '"float64" or "float32"', String(dtype));
  }
  return dtype;
}

/** Validates a shape (non-negative integers) and returns a private copy of it. */
export function checkShape(shape: readonly number[], where: string): number[] {
  if (!Array.isArray(shape)) {
    throw AnsatzError.expected("bad-shape", where, "a shape (array of integers)", String(shape));
  }
  for (let i = 0; i < shape.length; i++) assertInt(shape[i]!, `${where} shape[${i}]`, 0);
  return shape.slice();
}

function inferShape(values: NestedNumbers, where: string): number[] {
  const shape: number[] = [];
  let v: NestedNumbers = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0]!;
  }
  if (!Array.isArray(v) && typeof v !== "number") {
    throw AnsatzError.expected("bad-value", where, "numbers or nested arrays of numbers", typeof v);
  }
  return shape;
}

function fillNested(values: NestedNumbers, shape: number[], out: FloatArray, where: string): void {
  let k = 0;
  const walk = (v: NestedNumbers, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof v !== "number") {
        throw AnsatzError.expected(
          "bad-shape",
          `${where}${path}`,
          "a number (ragged nested arrays?)",
          "an array",
        );
      }
      out[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      const found = Array.isArray(v) ? `length ${v.length}` : "a number";
      throw AnsatzError.expected("bad-shape", `${where}${path}`, `an array of length ${shape[dim]}`, found);
    }
    for (let i = 0; i < v.length; i++) walk(v[i]!, dim + 1, `${path}[${i}]`);
  };
  walk(values, 0, "");
}

/**
 * Makes a tensor from a number (0-d), nested arrays (shape inferred, or checked against `shape`), a
 * flat number[] with `shape`, or a Float64Array/Float32Array with `shape` (default 1-d). A typed array
 * whose type matches `dtype` is wrapped without copying; otherwise values are copied and converted.
 */
export function tensor(
  values: NestedNumbers | Float64Array | Float32Array,
  shape?: readonly number[],
  dtype?: DType,
): Tensor {
  if (values instanceof Float64Array || values instanceof Float32Array) {
    const dt =
      dtype === undefined
        ? values instanceof Float64Array
          ? "float64"
          : "float32"
        : checkDType(dtype, "tensor dtype");
    const sh = shape === undefined ? [values.length] : checkShape(shape, "tensor");
    if (sizeOf(sh) !== values.length) {
      throw AnsatzError.expected(
        "bad-shape",
        "tensor",
        `${sizeOf(sh)} values for shape ${formatShape(sh)}`,
        `${values.length} values`,
      );
    }
    const matches = (dt === "float64") === values instanceof Float64Array;
    const data = matches ? values : dt === "float64" ? Float64Array.from(values) : Float32Array.from(values);
    return new Tensor(data, sh);
  }
  const dt = dtype === undefined ? "float64" : checkDType(dtype, "tensor dtype");
  if (typeof values === "number") {
    const sh = shape === undefined ? [] : checkShape(shape, "tensor");
    if (sizeOf(sh) !== 1) {
      throw AnsatzError.expected(
        "bad-shape",
        "tensor",
        "a shape with one element for a number",
        formatShape(sh),
      );
    }
    const data = alloc(dt, 1);
    data[0] = values;
    return new Tensor(data, sh);
  }
  if (!Array.isArray(values)) {
    throw AnsatzError.expected(
      "bad-value",
      "tensor",
      "a number, nested arrays or a Float64Array/Float32Array",
      typeof values,
    );
  }
  const inferred = inferShape(values, "tensor");
  // A flat number[] with an explicit shape of another rank is reshaped.
  if (shape !== undefined && inferred.length === 1 && shape.length !== 1) {
    const sh = checkShape(shape, "tensor");
    if (sizeOf(sh) !== values.length) {
      throw AnsatzError.expected(
        "bad-shape",
        "tensor",
        `${sizeOf(sh)} values for shape ${formatShape(sh)}`,
        `${values.length} values`,
      );
    }
    const data = alloc(dt, values.length);
    fillNested(values, inferred, data, "tensor");
    return new Tensor(data, sh);
  }
  if (shape !== undefined) {
    const sh = checkShape(shape, "tensor");
    if (sh.length !== inferred.length || sh.some((d, i) => d !== inferred[i])) {
      throw AnsatzError.expected(
        "bad-shape",
        "tensor",
        `values of shape ${formatShape(sh)}`,
        `shape ${formatShape(inferred)}`,
      );
    }
  }
  const data = alloc(dt, sizeOf(inferred));
  fillNested(values, inferred, data, "tensor");
  return new Tensor(data, inferred);
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[], dtype: DType = "float64"): Tensor {
  const sh = checkShape(shape, "zeros");
  return new Tensor(alloc(checkDType(dtype, "zeros dtype"), sizeOf(sh)), sh);
}

/** A tensor of ones. */
export function ones(shape: readonly number[], dtype: DType = "float64"): Tensor {
  return full(shape, 1, dtype);
}

/** A tensor filled with `value`. */
export function full(shape: readonly number[], value: number, dtype: DType = "float64"): Tensor {
  if (typeof value !== "number")
    throw AnsatzError.expected("bad-value", "full value", "a number", typeof value);
  const sh = checkShape(shape, "full");
  const data = alloc(checkDType(dtype, "full dtype"), sizeOf(sh));
  data.fill(value);
  return new Tensor(data, sh);
}

/** Normal draws N(0, std²) from `rng` (values drawn in float64 then stored in `dtype`). */
export function randn(shape: readonly number[], rng: Rng, std = 1, dtype: DType = "float64"): Tensor {
  const sh = checkShape(shape, "randn");
  assertFiniteNumber(std, "randn std");
  const n = sizeOf(sh);
  const vals = rng.fillNormal(new Float64Array(n), 0, std);
  return new Tensor(checkDType(dtype, "randn dtype") === "float64" ? vals : Float32Array.from(vals), sh);
}

/** Uniform draws on [lo, hi) from `rng`. */
export function uniform(
  shape: readonly number[],
  rng: Rng,
  lo = 0,
  hi = 1,
  dtype: DType = "float64",
): Tensor {
  const sh = checkShape(shape, "uniform");
  assertFiniteNumber(lo, "uniform lo");
  assertFiniteNumber(hi, "uniform hi");
  if (!(hi >= lo)) throw AnsatzError.expected("bad-value", "uniform hi", `hi >= lo = ${lo}`, String(hi));
  const data = alloc(checkDType(dtype, "uniform dtype"), sizeOf(sh));
  const w = hi - lo;
  for (let i = 0; i < data.length; i++) data[i] = lo + w * rng.uniform();
  return new Tensor(data, sh);
}

/** 0, 1, …, n-1 as a 1-d tensor. */
export function arange(n: number, dtype: DType = "float64"): Tensor {
  assertInt(n, "arange n", 0);
  const data = alloc(checkDType(dtype, "arange dtype"), n);
  for (let i = 0; i < n; i++) data[i] = i;
  return new Tensor(data, [n]);
}

/** n points evenly spaced from lo to hi inclusive (numpy.linspace). */
export function linspace(lo: number, hi: number, n: number, dtype: DType = "float64"): Tensor {
  assertFiniteNumber(lo, "linspace lo");
  assertFiniteNumber(hi, "linspace hi");
  assertInt(n, "linspace n", 0);
  const data = alloc(checkDType(dtype, "linspace dtype"), n);
  const step = n > 1 ? (hi - lo) / (n - 1) : 0;
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  if (n > 1) data[n - 1] = hi;
  return new Tensor(data, [n]);
}

/** A 2-d float64 tensor sharing the buffer of a core `Mat` (no copy). */
export function fromMat(m: Mat): Tensor {
  return new Tensor(m.data, [m.rows, m.cols]);
}

/** A core `Mat` from a 2-d tensor (float64 shares the buffer; float32 is converted). */
export function toMat(t: Tensor): Mat {
  if (t.shape.length !== 2) {
    throw AnsatzError.expected("bad-shape", "toMat", "a 2-d tensor", `shape ${formatShape(t.shape)}`);
  }
  const data = t.data instanceof Float64Array ? t.data : Float64Array.from(t.data);
  return new Mat(t.shape[0]!, t.shape[1]!, data);
}
