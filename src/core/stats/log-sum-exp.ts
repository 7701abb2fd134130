// log Σ_i exp(a_i), computed stably by factoring out the maximum; −∞ for an empty array or all −∞.
/** Stable log-sum-exp of the entries of `a`. */
export function logSumExp(a: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) if (a[i]! > max) max = a[i]!;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.exp(a[i]! - max);
  return max + Math.log(s);
}
