// Discretised headless directions on S² for the Maier–Saupe model (spec §2.1): a direction and its negative are
// the same state, so every set lies in the upper hemisphere (z ≥ 0) and is used through n nᵀ only.
// - fibonacciHemisphere(d): the Fibonacci (golden-angle) lattice restricted to the hemisphere,
//   z_k = (k + ½)/d (equal-area bands, Archimedes), φ_k = k·π(3 − √5). Its second moment (1/d) Σ n nᵀ is
//   near-isotropic: ⟨z²⟩ = 1/3 − 1/(12 d²) exactly, ⟨x²⟩, ⟨y²⟩, off-diagonals within O(1/d) of 1/3, 0.
// - cubeAxes(): the 13 rotation axes of the cube (3 four-fold face normals, 4 three-fold body diagonals,
//   6 two-fold edge axes); Σ n nᵀ = (13/3) I exactly (1 + 4/3 + 2 per diagonal entry).
import { assertInt } from "../../core/check.ts";
import { Mat } from "../../core/matrix.ts";

/** d unit vectors (rows, x y z) with z > 0, near-isotropic second moment. */
export function fibonacciHemisphere(d: number): Mat {
  assertInt(d, "fibonacciHemisphere d", 1);
  const out = new Mat(d, 3);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let k = 0; k < d; k++) {
    const z = (k + 0.5) / d;
    const r = Math.sqrt(1 - z * z);
    const phi = k * golden;
    out.data[3 * k] = r * Math.cos(phi);
    out.data[3 * k + 1] = r * Math.sin(phi);
    out.data[3 * k + 2] = z;
  }
  return out;
}

/** The 13 cube-symmetry axes as unit rows, z ≥ 0 (for z = 0, the first non-zero coordinate > 0). */
export function cubeAxes(): Mat {
  const r2 = Math.SQRT1_2;
  const r3 = 1 / Math.sqrt(3);
  return Mat.from([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [r3, r3, r3],
    [r3, -r3, r3],
    [-r3, r3, r3],
    [-r3, -r3, r3],
    [r2, r2, 0],
    [r2, -r2, 0],
    [r2, 0, r2],
    [-r2, 0, r2],
    [0, r2, r2],
    [0, -r2, r2],
  ]);
}
