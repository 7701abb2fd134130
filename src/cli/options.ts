// Commander option parsers shared by the commands: each turns a string into a number or throws an
// AnsatzError naming the option, what was expected and what was found (exit code 2 through the CLI).
import { AnsatzError } from "../core/errors.ts";

/** A parser for a finite number (> 0 when `positive`). */
export function numberOption(name: string, positive: boolean): (v: string) => number {
  return (v) => {
    const x = Number(v);
    if (v.trim() === "" || !Number.isFinite(x) || (positive && x <= 0)) {
      throw AnsatzError.expected(
        "bad-argument",
        name,
        positive ? "a finite number > 0" : "a finite number",
        JSON.stringify(v),
      );
    }
    return x;
  };
}

/** A parser for an integer ≥ min. */
export function intOption(name: string, min: number): (v: string) => number {
  return (v) => {
    const x = Number(v);
    if (!/^\s*[+-]?\d+\s*$/.test(v) || !Number.isSafeInteger(x) || x < min) {
      throw AnsatzError.expected("bad-argument", name, `an integer >= ${min}`, JSON.stringify(v));
    }
    return x;
  };
}
