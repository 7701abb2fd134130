// Crooks fluctuation-theorem check (Crooks, PRE 60, 2721 (1999); Seifert 2012 §4; spec §2.4):
// P_F(W)/P_R(−W) = e^{(W − ΔF)/T}. With forward works W_F and reverse-protocol works W_R (both in units of T,
// each arm started in equilibrium of its initial parameter), histogram both W_F and −W_R on their common
// range and fit y_b = ln(p_F,b / p_R,b) against the bin centre w_b by weighted least squares
// (weights 1/Var y_b, Var y_b ≈ 1/n_F,b + 1/n_R,b, Poisson counts): the slope must be 1 and, with the slope
// fixed at 1, ΔF/T = weighted mean of (w_b − y_b) (the crossing point P_F(W) = P_R(−W) at W = ΔF).
import { assertFinite } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";

/** Result of a Crooks check: fitted slope (1 expected) and ΔF/T with standard errors. */
export interface CrooksCheck {
  slope: number;
  slopeStderr: number;
  deltaFOverT: number;
  deltaFStderr: number;
  binsUsed: number;
  convention: string;
}

/** Fits ln P_F(W)/P_R(−W) = slope·W − ΔF/T on common histogram bins of forward and reverse works (units of T). */
export function crooksCheck(
  wForward: Float64Array,
  wReverse: Float64Array,
  opts: { bins?: number; minCount?: number } = {},
): CrooksCheck {
  assertFinite(wForward, "crooks forward works");
  assertFinite(wReverse, "crooks reverse works");
  const bins = opts.bins ?? 30;
  const minCount = opts.minCount ?? 20;
  if (!(Number.isInteger(bins) && bins >= 3))
    throw AnsatzError.expected("bad-value", "crooks bins", "an integer ≥ 3", `${bins}`);
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  {
    let a = Number.POSITIVE_INFINITY;
    let b = Number.NEGATIVE_INFINITY;
    for (const w of wForward) {
      a = Math.min(a, w);
      b = Math.max(b, w);
    }
    let c = Number.POSITIVE_INFINITY;
    let d = Number.NEGATIVE_INFINITY;
    for (const w of wReverse) {
      c = Math.min(c, -w);
      d = Math.max(d, -w);
    }
    lo = Math.max(a, c);
    hi = Math.min(b, d);
  }
  if (!(hi > lo))
    throw AnsatzError.expected(
      "too-little-data",
      "crooks works",
      "overlapping ranges of W_F and −W_R",
      `[${lo}, ${hi}]`,
    );
  const nF = new Float64Array(bins);
  const nR = new Float64Array(bins);
  const h = (hi - lo) / bins;
  const put = (n: Float64Array, w: number) => {
    if (w < lo || w > hi) return;
    const b = Math.min(bins - 1, Math.floor((w - lo) / h));
    n[b] = n[b]! + 1;
  };
  for (const w of wForward) put(nF, w);
  for (const w of wReverse) put(nR, -w);
  const NF = wForward.length;
  const NR = wReverse.length;
  // weighted sums for y = a x + c and for the slope-1 intercept
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let sd = 0;
  let used = 0;
  for (let b = 0; b < bins; b++) {
    if (nF[b]! < minCount || nR[b]! < minCount) continue;
    const x = lo + (b + 0.5) * h;
    const y = Math.log(nF[b]! / NF) - Math.log(nR[b]! / NR);
    const w = 1 / (1 / nF[b]! + 1 / nR[b]!);
    sw += w;
    sx += w * x;
    sy += w * y;
    sxx += w * x * x;
    sxy += w * x * y;
    sd += w * (x - y);
    used++;
  }
  if (used < 3)
    throw AnsatzError.expected(
      "too-little-data",
      "crooks bins",
      `at least 3 bins with ≥ ${minCount} forward and reverse works`,
      `${used}`,
    );
  const det = sw * sxx - sx * sx;
  const slope = (sw * sxy - sx * sy) / det;
  return {
    slope,
    slopeStderr: Math.sqrt(sw / det),
    deltaFOverT: sd / sw,
    deltaFStderr: 1 / Math.sqrt(sw),
    binsUsed: used,
    convention:
      "works in units of T, each arm started in equilibrium of its initial parameter; ln P_F(W)/P_R(−W) fitted on " +
      `${used} common bins (≥ ${minCount} counts each), weights 1/(1/n_F + 1/n_R); ΔF/T with the slope fixed at 1`,
  };
}
