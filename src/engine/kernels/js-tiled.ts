// Register-tiled matmul in plain JavaScript, for float64 and float32: the reference kernels of the
// engine. The loop structure is the GotoBLAS / BLIS one (Goto & van de Geijn, "Anatomy of
// high-performance matrix multiplication", ACM TOMS 34(3), 2008; Van Zee & van de Geijn, "BLIS",
// ACM TOMS 41(3), 2015): op(B) is packed in KC×NC blocks into panels of NR columns, op(A) in MC×KC
// blocks into panels of MR rows, and a 4×4 micro-kernel keeps its 16 accumulators in locals while it
// streams one A panel against one B panel. Packing is what absorbs the transposes (a transposed
// operand is just packed with swapped strides) and the edges (partial panels are zero-padded; the
// micro-kernel writes back only the valid part). Packed buffers are always Float64Array, so float32
// operands are widened once while packing and the arithmetic is done in double precision; float32
// results are accumulated in a float64 scratch and rounded once at the end. Tiny products skip the
// packing and use a direct triple loop (cheaper below a few thousand multiply-adds, measured).
import type { FloatArray, MatmulKernel } from "./matmul-kernel.ts";

/** Micro-tile rows and columns of the JS kernel. */
const MR = 4;
const NR = 4;
/** Cache blocking: KC (depth) × MC (rows of A) block of A ≈ 256 KB in L2; KC × NC block of B in L3. */
const KC = 256;
const MC = 128;
const NC = 1024;
/** Below this many multiply-adds (m·n·k) the direct loop beats packing (measured on x86-64, Node 20). */
const DIRECT_MAX_MACS = 2048;

let packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * NC);
let accum = new Float64Array(0);
const edgeTile = new Float64Array(MR * NR);

/**
 * Packs rows [r0, r0+nr) × columns [c0, c0+nc) of a strided matrix (element (r, c) at
 * src[r·rowStride + c·colStride]) into panels of `R` rows: panel q holds rows r0+qR … r0+qR+R−1,
 * laid out column by column (R consecutive values per column). Rows past the end are zero-padded.
 * Returns the number of values written (= ceil(nr/R)·R·nc).
 */
export function packPanels(
  dst: FloatArray,
  dstOff: number,
  src: FloatArray,
  rowStride: number,
  colStride: number,
  r0: number,
  nr: number,
  c0: number,
  nc: number,
  R: number,
): number {
  let o = dstOff;
  for (let q = 0; q < nr; q += R) {
    const rows = Math.min(R, nr - q);
    let base = (r0 + q) * rowStride + c0 * colStride;
    if (rows === 4 && R === 4) {
      const s1 = rowStride;
      const s2 = 2 * rowStride;
      const s3 = 3 * rowStride;
      for (let c = 0; c < nc; c++) {
        dst[o] = src[base]!;
        dst[o + 1] = src[base + s1]!;
        dst[o + 2] = src[base + s2]!;
        dst[o + 3] = src[base + s3]!;
        o += 4;
        base += colStride;
      }
    } else if (rows === 8 && R === 8) {
      const s1 = rowStride;
      for (let c = 0; c < nc; c++) {
        dst[o] = src[base]!;
        dst[o + 1] = src[base + s1]!;
        dst[o + 2] = src[base + 2 * s1]!;
        dst[o + 3] = src[base + 3 * s1]!;
        dst[o + 4] = src[base + 4 * s1]!;
        dst[o + 5] = src[base + 5 * s1]!;
        dst[o + 6] = src[base + 6 * s1]!;
        dst[o + 7] = src[base + 7 * s1]!;
        o += 8;
        base += colStride;
      }
    } else {
      for (let c = 0; c < nc; c++) {
        let s = base;
        for (let r = 0; r < rows; r++) {
          dst[o + r] = src[s]!;
          s += rowStride;
        }
        for (let r = rows; r < R; r++) dst[o + r] = 0;
        o += R;
        base += colStride;
      }
    }
  }
  return o - dstOff;
}

/**
 * 4×4 micro-kernel: C[ci.., cj..] (=|+=) Apanel(kc×4) · Bpanel(kc×4), writing only the first
 * mr × nr entries. `first` overwrites C, otherwise accumulates.
 */
function micro4x4(
  kc: number,
  A: Float64Array,
  aoff: number,
  B: Float64Array,
  boff: number,
  C: Float64Array,
  coff: number,
  ldc: number,
  mr: number,
  nr: number,
  first: boolean,
): void {
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  let c30 = 0;
  let c31 = 0;
  let c32 = 0;
  let c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = A[aoff]!;
    const a1 = A[aoff + 1]!;
    const a2 = A[aoff + 2]!;
    const a3 = A[aoff + 3]!;
    const b0 = B[boff]!;
    const b1 = B[boff + 1]!;
    const b2 = B[boff + 2]!;
    const b3 = B[boff + 3]!;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    aoff += 4;
    boff += 4;
  }
  if (mr === 4 && nr === 4) {
    let o = coff;
    if (first) {
      C[o] = c00;
      C[o + 1] = c01;
      C[o + 2] = c02;
      C[o + 3] = c03;
      o += ldc;
      C[o] = c10;
      C[o + 1] = c11;
      C[o + 2] = c12;
      C[o + 3] = c13;
      o += ldc;
      C[o] = c20;
      C[o + 1] = c21;
      C[o + 2] = c22;
      C[o + 3] = c23;
      o += ldc;
      C[o] = c30;
      C[o + 1] = c31;
      C[o + 2] = c32;
      C[o + 3] = c33;
    } else {
      C[o] += c00;
      C[o + 1] += c01;
      C[o + 2] += c02;
      C[o + 3] += c03;
      o += ldc;
      C[o] += c10;
      C[o + 1] += c11;
      C[o + 2] += c12;
      C[o + 3] += c13;
      o += ldc;
      C[o] += c20;
      C[o + 1] += c21;
      C[o + 2] += c22;
      C[o + 3] += c23;
      o += ldc;
      C[o] += c30;
      C[o + 1] += c31;
      C[o + 2] += c32;
      C[o + 3] += c33;
    }
    return;
  }
  const t = edgeTile;
  t[0] = c00;
  t[1] = c01;
  t[2] = c02;
  t[3] = c03;
  t[4] = c10;
  t[5] = c11;
  t[6] = c12;
  t[7] = c13;
  t[8] = c20;
  t[9] = c21;
  t[10] = c22;
  t[11] = c23;
  t[12] = c30;
  t[13] = c31;
  t[14] = c32;
  t[15] = c33;
  for (let r = 0; r < mr; r++) {
    const o = coff + r * ldc;
    for (let s = 0; s < nr; s++) C[o + s] = first ? t[r * 4 + s]! : C[o + s]! + t[r * 4 + s]!;
  }
}

/** Blocked, packed GEMM into a float64 output `c` (m×n, leading dimension n). Requires k ≥ 1. */
function gemmPacked(
  a: FloatArray,
  b: FloatArray,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  accumulate: boolean,
): void {
  // op(A)[i, p] = a[i·ars + p·acs]; op(B)ᵀ[j, p] = b[j·brs + p·bcs].
  const ars = transA ? 1 : k;
  const acs = transA ? m : 1;
  const brs = transB ? k : 1;
  const bcs = transB ? 1 : n;
  const needA = Math.min(MC, m + MR) * Math.min(KC, k);
  if (packedA.length < needA) packedA = new Float64Array(needA);
  const needB = Math.min(KC, k) * (Math.min(NC, n) + NR);
  if (packedB.length < needB) packedB = new Float64Array(needB);
  const pa = packedA;
  const pb = packedB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const first = pc === 0 && !accumulate;
      packPanels(pb, 0, b, brs, bcs, jc, nc, pc, kc, NR);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanels(pa, 0, a, ars, acs, ic, mc, pc, kc, MR);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = Math.min(NR, nc - jr);
          const boff = jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = Math.min(MR, mc - ir);
            micro4x4(kc, pa, ir * kc, pb, boff, c, (ic + ir) * n + jc + jr, n, mr, nr, first);
          }
        }
      }
    }
  }
}

/**
 * Direct loops for tiny or skinny products (no packing). With B not transposed and C at least 8
 * wide, rows of C are built as C[i,:] += op(A)[i,p]·B[p,:] (contiguous in B and C); otherwise each
 * entry is a dot product over p (contiguous in B when transB, in A when not transA).
 */
function gemmDirect(
  a: FloatArray,
  b: FloatArray,
  c: FloatArray,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  const ars = transA ? 1 : k;
  const acs = transA ? m : 1;
  if (!transB && n >= 8) {
    for (let i = 0; i < m; i++) {
      const co = i * n;
      const av0 = a[i * ars]!;
      for (let j = 0; j < n; j++) c[co + j] = av0 * b[j]!;
      for (let p = 1; p < k; p++) {
        const av = a[i * ars + p * acs]!;
        const bo = p * n;
        for (let j = 0; j < n; j++) c[co + j] += av * b[bo + j]!;
      }
    }
    return;
  }
  const bps = transB ? 1 : n;
  const bjs = transB ? k : 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let ao = i * ars;
      let bo = j * bjs;
      for (let p = 0; p < k; p++) {
        s += a[ao]! * b[bo]!;
        ao += acs;
        bo += bps;
      }
      c[i * n + j] = s;
    }
  }
}

/**
 * True when the direct loops beat packing (measured): tiny products, and skinny ones where a
 * 4-wide micro-tile would be mostly padding (fewer than 4 rows or columns in C).
 */
function preferDirect(m: number, k: number, n: number): boolean {
  return m * n * k <= DIRECT_MAX_MACS || m < MR || n < NR;
}

/** float64 register-tiled matmul: C = op(A)·op(B) (or C += with `accumulate`), see MatmulKernel. */
export function matmulTiledF64(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  accumulate = false,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) c.fill(0, 0, m * n);
    return;
  }
  if (!preferDirect(m, k, n)) {
    gemmPacked(a, b, c, m, k, n, transA, transB, accumulate);
  } else if (!accumulate) {
    gemmDirect(a, b, c, m, k, n, transA, transB);
  } else {
    const mn = m * n;
    if (accum.length < mn) accum = new Float64Array(mn);
    const acc = accum;
    gemmDirect(a, b, acc, m, k, n, transA, transB);
    for (let i = 0; i < mn; i++) c[i] = c[i]! + acc[i]!;
  }
}

/** float32 register-tiled matmul (double-precision accumulation, one rounding per entry; C += with `accumulate`). */
export function matmulTiledF32(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  accumulate = false,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) c.fill(0, 0, m * n);
    return;
  }
  const mn = m * n;
  if (accum.length < mn) accum = new Float64Array(mn);
  const acc = accum;
  if (preferDirect(m, k, n)) gemmDirect(a, b, acc, m, k, n, transA, transB);
  else gemmPacked(a, b, acc, m, k, n, transA, transB, false);
  if (accumulate) for (let i = 0; i < mn; i++) c[i] = c[i]! + acc[i]!;
  else for (let i = 0; i < mn; i++) c[i] = acc[i]!;
}

/** The float64 JS kernel (`js-tiled-f64`). */
export const jsTiledF64: MatmulKernel = {
  name: "js-tiled-f64",
  dtype: "float64",
  matmul(a, b, c, m, k, n, transA, transB, accumulate = false) {
    matmulTiledF64(
      a as Float64Array,
      b as Float64Array,
      c as Float64Array,
      m,
      k,
      n,
      transA,
      transB,
      accumulate,
    );
  },
};

/** The float32 JS kernel (`js-tiled-f32`). */
export const jsTiledF32: MatmulKernel = {
  name: "js-tiled-f32",
  dtype: "float32",
  matmul(a, b, c, m, k, n, transA, transB, accumulate = false) {
    matmulTiledF32(
      a as Float32Array,
      b as Float32Array,
      c as Float32Array,
      m,
      k,
      n,
      transA,
      transB,
      accumulate,
    );
  },
};
