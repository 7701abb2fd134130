// Small 3×3 helpers for the Maier–Saupe tensor order parameter (spec §1.5, §2.4), row-major Float64Arrays:
// - largestEigenSym3: the largest eigenvalue of a symmetric 3×3 by the trigonometric closed form of the
//   characteristic cubic (O. K. Smith, "Eigenvalues of a symmetric 3 × 3 matrix", CACM 4(4), 1961).
// - randomRotation: a Haar-uniform rotation from a uniform unit quaternion (normalised 4-D Gaussian;
//   K. Shoemake, "Uniform random rotations", Graphics Gems III, 1992).
import type { Rng } from "../../core/random.ts";

/** Largest eigenvalue of a symmetric 3×3 (row-major). */
export function largestEigenSym3(a: ArrayLike<number>): number {
  const a00 = a[0]!;
  const a11 = a[4]!;
  const a22 = a[8]!;
  const a01 = a[1]!;
  const a02 = a[2]!;
  const a12 = a[5]!;
  const p1 = a01 * a01 + a02 * a02 + a12 * a12;
  if (p1 === 0) return Math.max(a00, a11, a22);
  const q = (a00 + a11 + a22) / 3;
  const b00 = a00 - q;
  const b11 = a11 - q;
  const b22 = a22 - q;
  const p = Math.sqrt((b00 * b00 + b11 * b11 + b22 * b22 + 2 * p1) / 6);
  const det = b00 * (b11 * b22 - a12 * a12) - a01 * (a01 * b22 - a12 * a02) + a02 * (a01 * a12 - b11 * a02);
  const r = Math.min(1, Math.max(-1, det / (2 * p * p * p)));
  return q + 2 * p * Math.cos(Math.acos(r) / 3);
}

/** Writes a Haar-uniform rotation matrix (row-major 3×3) into out and returns it. */
export function randomRotation(rng: Rng, out: Float64Array = new Float64Array(9)): Float64Array {
  let w = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  let r = 0;
  while (r < 1e-12) {
    w = rng.normal();
    x = rng.normal();
    y = rng.normal();
    z = rng.normal();
    r = Math.sqrt(w * w + x * x + y * y + z * z);
  }
  w /= r;
  x /= r;
  y /= r;
  z /= r;
  out[0] = 1 - 2 * (y * y + z * z);
  out[1] = 2 * (x * y - z * w);
  out[2] = 2 * (x * z + y * w);
  out[3] = 2 * (x * y + z * w);
  out[4] = 1 - 2 * (x * x + z * z);
  out[5] = 2 * (y * z - x * w);
  out[6] = 2 * (x * z - y * w);
  out[7] = 2 * (y * z + x * w);
  out[8] = 1 - 2 * (x * x + y * y);
  return out;
}
