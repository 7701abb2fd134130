// .npy matrix files: read a NumPy array file as a CTF matrix (time × space, spec ctf.md §1.1, §1.8)
// and write one exactly as `np.save` does. The byte-level codec is src/core/npy.ts (NEP 1,
// numpy.lib.format); this file adds the file system (atomic writes) and the matrix rules:
// - a 2-D array [rows, cols] is the matrix itself;
// - a 1-D array [n] is read as a column, n × 1: one state variable over n time steps, since rows are
//   time (§1.1). This is also what `np.atleast_2d(x).T` gives; write an explicit [1, n] array for a row;
// - 0-D, 3-D and higher arrays are refused with an error naming the file and the shape.
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { decodeNpy, encodeNpy, type NpyArray } from "../../core/npy.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readFileBytes } from "./read-file.ts";

/**
 * The matrix of an n-D array read from `where`: 2-D as is, 1-D as a column (n × 1), anything else an
 * AnsatzError (`bad-shape`) naming `where` and the shape.
 */
export function matFromArray(shape: readonly number[], data: Float64Array, where: string): Mat {
  if (shape.length === 2) return new Mat(shape[0]!, shape[1]!, data);
  if (shape.length === 1) return new Mat(shape[0]!, 1, data);
  throw AnsatzError.expected(
    "bad-shape",
    where,
    "a 2-D matrix (time × space) or a 1-D vector (read as one column)",
    `a ${shape.length}-D array of shape ${formatShape(shape)}`,
  );
}

/** Reads a .npy file as an n-D array (any shape), values converted to float64 in row-major order. */
export function readNpyArray(path: string): NpyArray {
  return decodeNpy(readFileBytes(path), path);
}

/** Reads a .npy file as a matrix: 2-D as is, 1-D as an n × 1 column; other ranks are an AnsatzError. */
export function readNpy(path: string): Mat {
  const arr = readNpyArray(path);
  return matFromArray(arr.shape, arr.data, path);
}

/** Writes `mat` as a 2-D little-endian float64 .npy file, byte-identical to `np.save`, atomically. */
export function writeNpy(path: string, mat: Mat): void {
  writeFileAtomic(path, encodeNpy(mat.data, [mat.rows, mat.cols]));
}
