// Learning-rate (δt) and temperature schedules for the stochastic-gradient samplers (spec sglrw.md §1.3:
// "lr and T may be schedules"). A schedule is a constant or a function of the 0-based step index, as in
// `posteriors` (`lr: float | Callable[[int], float]`). The polynomial decay a·(step+1)^(−γ) is the
// schedule of `posteriors` tests/sgmcmc/test_sglrw.py::test_sglrw_inplace_step (a = 1e-2, γ = 0.33).
import { assertFiniteNumber, assertPositive } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";

/** A constant or a function of the 0-based step index. */
export type Schedule = number | ((step: number) => number);

/** A constant schedule. */
export function constant(value: number): (step: number) => number {
  assertPositive(value, "constant schedule value");
  return () => value;
}

/** Polynomial decay a·(step + 1)^(−gamma), gamma ≥ 0 (posteriors test schedule with a = 1e-2, gamma = 0.33). */
export function polynomialDecay(a: number, gamma: number): (step: number) => number {
  assertPositive(a, "polynomialDecay a");
  assertFiniteNumber(gamma, "polynomialDecay gamma");
  if (gamma < 0)
    throw AnsatzError.expected("bad-value", "polynomialDecay gamma", "a number >= 0", String(gamma));
  return (step) => a * (step + 1) ** -gamma;
}

/** Exponential decay from `start` to `end` over `steps` steps (geometric interpolation), then constant at `end`. */
export function exponentialDecay(start: number, end: number, steps: number): (step: number) => number {
  assertPositive(start, "exponentialDecay start");
  assertPositive(end, "exponentialDecay end");
  assertPositive(steps, "exponentialDecay steps");
  const rate = Math.log(end / start) / steps;
  return (step) => (step >= steps ? end : start * Math.exp(rate * step));
}

/**
 * The value of `schedule` at `step`, checked: a finite number > 0 (`where` names the field, e.g. "sglrw lr").
 * Temperature schedules that may be 0 pass `allowZero`.
 */
export function scheduleValue(schedule: Schedule, step: number, where: string, allowZero = false): number {
  const v = typeof schedule === "number" ? schedule : schedule(step);
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (v === 0 && !allowZero)) {
    throw AnsatzError.expected(
      "bad-value",
      `${where} at step ${step}`,
      allowZero ? "a finite number >= 0" : "a finite number > 0",
      String(v),
    );
  }
  return v;
}

/** Checks a schedule given as an option: a positive number, or a function (checked at each step). */
export function checkSchedule(schedule: Schedule, where: string, allowZero = false): void {
  if (typeof schedule === "function") return;
  if (
    typeof schedule !== "number" ||
    !Number.isFinite(schedule) ||
    schedule < 0 ||
    (schedule === 0 && !allowZero)
  ) {
    throw AnsatzError.expected(
      "bad-value",
      where,
      allowZero ? "a finite number >= 0" : "a finite number > 0",
      String(schedule),
    );
  }
}
