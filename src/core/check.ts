// Input guards shared by every layer: finite values, positive numbers, integer ranges, shapes.
// Each throws an AnsatzError naming the field, what was expected and what was found.
import { AnsatzError } from "./errors.ts";

type NumArray = ArrayLike<number>;

/** Throws `not-finite` if any entry is NaN or ±Inf, naming the first bad index. */
export function assertFinite(values: NumArray, where: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw AnsatzError.expected("not-finite", where, "finite values", `${v} at index ${i}`);
    }
  }
}

export function assertFiniteNumber(v: number, where: string): void {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw AnsatzError.expected("not-finite", where, "a finite number", String(v));
  }
}

export function assertPositive(v: number, where: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw AnsatzError.expected("bad-value", where, "a finite number > 0", String(v));
  }
}

export function assertNonNegative(v: number, where: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw AnsatzError.expected("bad-value", where, "a finite number >= 0", String(v));
  }
}

/** Integer in [min, max] (inclusive). */
export function assertInt(v: number, where: string, min = -Infinity, max = Infinity): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    const range =
      max === Infinity
        ? min === -Infinity
          ? "an integer"
          : `an integer >= ${min}`
        : `an integer in [${min}, ${max}]`;
    throw AnsatzError.expected("bad-value", where, range, String(v));
  }
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** Exact shape equality; `-1` in `expected` matches any size. */
export function assertShape(found: readonly number[], expected: readonly number[], where: string): void {
  const ok = found.length === expected.length && expected.every((e, i) => e === -1 || e === found[i]);
  if (!ok) {
    const exp = formatShape(expected).replaceAll("-1", "*");
    throw AnsatzError.expected("bad-shape", where, `shape ${exp}`, `shape ${formatShape(found)}`);
  }
}
