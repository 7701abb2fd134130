// MATLAB Level 5 MAT-files (`.mat`, format "MATLAB 5.0 MAT-file", also what `save -v7` writes), the
// format of the CTF reference matrices (spec ctf.md §1.8: "`.mat` (MATLAB v5, a single variable)").
// Format reference: MathWorks, "MAT-File Format" (matfile_format.pdf, R2024 and earlier), chapter 1:
// a 128-byte header (116 bytes text, 8 bytes subsystem offset, version 0x0100, endian indicator "IM"
// read little-endian / "MI" big-endian), then data elements, each an 8-byte tag (type, byte count) or
// a 4-byte "small data element" tag (byte count in the upper 16 bits), data padded to 8 bytes.
// miCOMPRESSED (15) elements hold one zlib stream (RFC 1950) whose content is another element.
// miMATRIX (14) holds array flags (class in the low byte, complex 0x0800, global 0x0400, logical
// 0x0200), dimensions (miINT32), the name (miINT8) and the real part, stored column-major in any
// numeric type (MATLAB stores integer-valued doubles as miUINT8 etc.).
// Reading follows the reference loader (ctf4science data_module._load_mat_file): variables whose names
// start with "__" (and the unnamed subsystem element) are ignored, exactly one variable must remain,
// and it must be a real numeric 2-D array; it is converted to row-major.
// Writing produces one uncompressed double matrix, as `scipy.io.savemat` with default options does.
// encodeMat5Array writes one N-D array of a chosen class (double, single, (u)int8–32, logical) the same way.
import { inflateSync } from "node:zlib";
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { readFileBytes } from "./read-file.ts";

/** One variable of a MAT-file: name, MATLAB class, dimensions; numeric data only for real numeric arrays. */
export interface Mat5Variable {
  name: string;
  /** MATLAB class name (`double`, `single`, `int32`, `char`, `cell`, …). */
  className: string;
  dims: number[];
  complex: boolean;
  logical: boolean;
  /** Values in column-major (MATLAB) order as float64; null for non-numeric or complex variables. */
  data: Float64Array | null;
}

// Data types (Table 1-1) and array classes (Table 1-3) of the MAT-file format.
const MI_INT8 = 1;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;

const CLASS_NAMES: Record<number, string> = {
  1: "cell",
  2: "struct",
  3: "object",
  4: "char",
  5: "sparse",
  6: "double",
  7: "single",
  8: "int8",
  9: "uint8",
  10: "int16",
  11: "uint16",
  12: "int32",
  13: "uint32",
  14: "int64",
  15: "uint64",
  16: "function handle",
  17: "opaque",
};

/** Element byte sizes of the numeric miTYPEs. */
const MI_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8 };

function bad(where: string, expected: string, found: string): AnsatzError {
  return AnsatzError.expected("bad-file", where, expected, found);
}

interface Element {
  type: number;
  /** The element's data bytes (without tag and padding). */
  data: Uint8Array;
  /** Offset of the next element. */
  next: number;
}

class Reader {
  readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly little: boolean,
    readonly where: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u32(off: number): number {
    return this.view.getUint32(off, this.little);
  }

  /** The element at `p` (sub-elements: padded to 8 bytes; small-element tags allowed). */
  element(p: number, end: number, what: string): Element {
    if (p + 8 > end)
      throw bad(this.where, `${what} (an 8-byte tag at offset ${p})`, "end of data (truncated)");
    const t = this.u32(p);
    if (t >>> 16 !== 0) {
      const n = t >>> 16;
      if (n > 4) throw bad(this.where, `${what}: a small data element of at most 4 bytes`, `${n} bytes`);
      return { type: t & 0xffff, data: this.bytes.subarray(p + 4, p + 4 + n), next: p + 8 };
    }
    const n = this.u32(p + 4);
    if (p + 8 + n > end) {
      throw bad(
        this.where,
        `${what} of ${n} bytes at offset ${p + 8}`,
        `${end - p - 8} bytes left (truncated)`,
      );
    }
    return { type: t, data: this.bytes.subarray(p + 8, p + 8 + n), next: Math.min(end, p + 8 + roundUp8(n)) };
  }
}

function roundUp8(n: number): number {
  return n + ((8 - (n % 8)) % 8);
}

/** Converts the numeric element `e` of `count` values to float64 (file byte order). */
function numericValues(r: Reader, e: Element, count: number, what: string): Float64Array {
  const size = MI_SIZE[e.type];
  if (size === undefined) throw bad(r.where, `${what}: a numeric data type`, `data type ${e.type}`);
  if (e.data.length !== count * size) {
    throw bad(r.where, `${what}: ${count} values (${count * size} bytes)`, `${e.data.length} bytes`);
  }
  const v = new DataView(e.data.buffer, e.data.byteOffset, e.data.byteLength);
  const le = r.little;
  const out = new Float64Array(count);
  switch (e.type) {
    case 1:
      for (let k = 0; k < count; k++) out[k] = v.getInt8(k);
      break;
    case 2:
      for (let k = 0; k < count; k++) out[k] = v.getUint8(k);
      break;
    case 3:
      for (let k = 0; k < count; k++) out[k] = v.getInt16(2 * k, le);
      break;
    case 4:
      for (let k = 0; k < count; k++) out[k] = v.getUint16(2 * k, le);
      break;
    case 5:
      for (let k = 0; k < count; k++) out[k] = v.getInt32(4 * k, le);
      break;
    case 6:
      for (let k = 0; k < count; k++) out[k] = v.getUint32(4 * k, le);
      break;
    case 7:
      for (let k = 0; k < count; k++) out[k] = v.getFloat32(4 * k, le);
      break;
    case 9:
      for (let k = 0; k < count; k++) out[k] = v.getFloat64(8 * k, le);
      break;
    case 12:
    case 13:
      for (let k = 0; k < count; k++) {
        const b = e.type === 12 ? v.getBigInt64(8 * k, le) : v.getBigUint64(8 * k, le);
        const x = Number(b);
        if (BigInt(x) !== b)
          throw bad(r.where, `${what}: 64-bit integers exact in float64`, `${b} at index ${k}`);
        out[k] = x;
      }
      break;
  }
  return out;
}

/** Parses the contents (after the tag) of an miMATRIX element spanning [p, end). */
function parseMatrix(r: Reader, p: number, end: number): Mat5Variable {
  const flagsEl = r.element(p, end, "array flags");
  if (flagsEl.type !== MI_UINT32 || flagsEl.data.length < 8) {
    throw bad(
      r.where,
      "array flags (miUINT32, 8 bytes)",
      `type ${flagsEl.type}, ${flagsEl.data.length} bytes`,
    );
  }
  const fv = new DataView(flagsEl.data.buffer, flagsEl.data.byteOffset, 8);
  const flags = fv.getUint32(0, r.little);
  const cls = flags & 0xff;
  const complex = (flags & 0x0800) !== 0;
  const logical = (flags & 0x0200) !== 0;
  const className = CLASS_NAMES[cls] ?? `class ${cls}`;
  const dimsEl = r.element(flagsEl.next, end, "dimensions");
  if (dimsEl.type !== MI_INT32 || dimsEl.data.length % 4 !== 0 || dimsEl.data.length < 8) {
    throw bad(
      r.where,
      "dimensions (miINT32, at least 2)",
      `type ${dimsEl.type}, ${dimsEl.data.length} bytes`,
    );
  }
  const dv = new DataView(dimsEl.data.buffer, dimsEl.data.byteOffset, dimsEl.data.byteLength);
  const dims: number[] = [];
  for (let k = 0; k < dimsEl.data.length; k += 4) {
    const d = dv.getInt32(k, r.little);
    if (d < 0) throw bad(r.where, "non-negative dimensions", formatShape(dims.concat(d)));
    dims.push(d);
  }
  const nameEl = r.element(dimsEl.next, end, "array name");
  if (nameEl.type !== MI_INT8 && nameEl.type !== 2) {
    throw bad(r.where, "an array name (miINT8)", `data type ${nameEl.type}`);
  }
  const name = new TextDecoder("latin1").decode(nameEl.data);
  const base = { name, className, dims, complex, logical };
  if (cls < 6 || cls > 15 || complex) return { ...base, data: null };
  let count = 1;
  for (const d of dims) count *= d;
  const realEl = r.element(nameEl.next, end, `real part of '${name}'`);
  return { ...base, data: numericValues(r, realEl, count, `real part of '${name}'`) };
}

/** Parses the top-level data elements in [p, end) of `r`, appending variables to `out`. */
function parseElements(r: Reader, p: number, end: number, out: Mat5Variable[]): void {
  while (p < end) {
    if (p + 8 > end) throw bad(r.where, `a data element tag at offset ${p}`, `${end - p} bytes (truncated)`);
    const type = r.u32(p);
    const n = r.u32(p + 4);
    if (p + 8 + n > end) {
      throw bad(
        r.where,
        `a data element of ${n} bytes at offset ${p + 8}`,
        `${end - p - 8} bytes left (truncated)`,
      );
    }
    if (type === MI_COMPRESSED) {
      let inner: Uint8Array;
      try {
        const buf = inflateSync(r.bytes.subarray(p + 8, p + 8 + n));
        inner = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      } catch (e) {
        throw bad(
          r.where,
          `zlib-compressed data at offset ${p + 8}`,
          `corrupt data (${(e as Error).message})`,
        );
      }
      parseElements(new Reader(inner, r.little, r.where), 0, inner.length, out);
      p += 8 + n;
    } else if (type === MI_MATRIX) {
      if (n > 0) out.push(parseMatrix(r, p + 8, p + 8 + n));
      p += 8 + roundUp8(n);
    } else {
      throw bad(
        r.where,
        "a top-level miMATRIX (14) or miCOMPRESSED (15) element",
        `data type ${type} at offset ${p}`,
      );
    }
  }
}

/**
 * Decodes every variable of a Level 5 MAT-file (either byte order, compressed or not); `where`
 * (the file name) is named in every error. Non-numeric variables are listed with `data: null`.
 */
export function decodeMat5(bytes: Uint8Array, where: string): Mat5Variable[] {
  if (bytes.length < 128) throw bad(where, "a MAT-file with a 128-byte header", `${bytes.length} bytes`);
  const text = new TextDecoder("latin1").decode(bytes.subarray(0, 116));
  if (text.startsWith("MATLAB 7.3")) {
    throw bad(where, "a MAT-file version 5 (save -v7 or -v6)", "a MAT-file version 7.3 (HDF5)");
  }
  if (bytes[0] === 0 || bytes[1] === 0 || bytes[2] === 0 || bytes[3] === 0) {
    throw bad(where, "a MAT-file version 5 header (text)", "binary header bytes (a version 4 MAT-file?)");
  }
  const e0 = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (e0 !== "IM" && e0 !== "MI") throw bad(where, "endian indicator 'IM' or 'MI' at byte 126", `'${e0}'`);
  const little = e0 === "IM";
  const r = new Reader(bytes, little, where);
  const version = r.view.getUint16(124, little);
  if (version !== 0x0100) {
    throw bad(where, "MAT-file version 0x0100", `0x${version.toString(16).padStart(4, "0")}`);
  }
  const out: Mat5Variable[] = [];
  parseElements(r, 128, bytes.length, out);
  return out;
}

/** Reads every variable of a MAT-file (see decodeMat5). */
export function readMat5Variables(path: string): Mat5Variable[] {
  return decodeMat5(readFileBytes(path), path);
}

/**
 * Reads the one variable of a MAT-file as a row-major matrix (names starting with "__" ignored, as the
 * reference loader does); with `name`, that variable. Anything but one real numeric 2-D array is an
 * AnsatzError naming the file.
 */
export function readMat5(path: string, options: { name?: string } = {}): Mat {
  const vars = readMat5Variables(path);
  const visible = vars.filter((v) => v.name !== "" && !v.name.startsWith("__"));
  const list = visible.map((v) => `'${v.name}'`).join(", ");
  let v: Mat5Variable | undefined;
  if (options.name !== undefined) {
    v = visible.find((x) => x.name === options.name);
    if (!v)
      throw bad(path, `a variable '${options.name}'`, visible.length ? `variables ${list}` : "no variables");
  } else {
    if (visible.length !== 1) {
      throw bad(
        path,
        "a MAT-file holding one variable",
        visible.length ? `${visible.length} variables ${list}` : "no variables",
      );
    }
    v = visible[0]!;
  }
  const at = `${path} (variable '${v.name}')`;
  if (v.data === null) {
    const kind = v.complex ? `a complex ${v.className} array` : `a ${v.className} variable`;
    throw bad(at, "a real numeric matrix", kind);
  }
  if (v.dims.length !== 2) {
    throw AnsatzError.expected(
      "bad-shape",
      at,
      "a 2-D matrix (time × space)",
      `a ${v.dims.length}-D array of shape ${formatShape(v.dims)}`,
    );
  }
  const [rows, cols] = v.dims as [number, number];
  const out = new Mat(rows, cols);
  const src = v.data;
  const dst = out.data;
  for (let j = 0; j < cols; j++) {
    const o = j * rows;
    for (let i = 0; i < rows; i++) dst[i * cols + j] = src[o + i]!;
  }
  return out;
}

const NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/**
 * Encodes `mat` as a little-endian Level 5 MAT-file holding one uncompressed double variable `name`
 * (a MATLAB identifier), values column-major — what `scipy.io.savemat(f, {name: x})` writes.
 */
export function encodeMat5(mat: Mat, name: string): Uint8Array {
  const { rows, cols } = mat;
  const colMajor = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++)
    for (let i = 0; i < rows; i++) colMajor[j * rows + i] = mat.data[i * cols + j]!;
  return encodeMat5Array(name, [rows, cols], colMajor, "double");
}

/** The default variable name for `path`: its stem if that is a MATLAB identifier (`X1train`), else `X`. */
export function defaultMatVariableName(path: string): string {
  const base = path.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  return NAME_RE.test(base) ? base : "X";
}

/** Writes `mat` as a MAT v5 file with one double variable (default name: the file stem), atomically. */
export function writeMat5(path: string, mat: Mat, options: { name?: string } = {}): void {
  writeFileAtomic(path, encodeMat5(mat, options.name ?? defaultMatVariableName(path)));
}

/** Classes `encodeMat5Array` writes: MATLAB class name → [mxCLASS, miTYPE, bytes, min, max, integer]. */
const ARRAY_CLASSES = {
  double: [6, 9, 8, -Infinity, Infinity, false],
  single: [7, 7, 4, -Infinity, Infinity, false],
  int8: [8, 1, 1, -128, 127, true],
  uint8: [9, 2, 1, 0, 255, true],
  int16: [10, 3, 2, -32768, 32767, true],
  uint16: [11, 4, 2, 0, 65535, true],
  int32: [12, 5, 4, -2147483648, 2147483647, true],
  uint32: [13, 6, 4, 0, 4294967295, true],
  logical: [9, 2, 1, 0, 1, true],
} as const;

/** The classes `encodeMat5Array` can write (`logical` is uint8 storage with the logical flag, as MATLAB). */
export type Mat5ArrayClass = keyof typeof ARRAY_CLASSES;

/**
 * Encodes one N-D real array (N ≥ 2 dimensions, MATLAB's minimum) as a little-endian, uncompressed Level 5
 * MAT-file variable `name`: `columnMajorData` holds prod(dims) values in MATLAB (first index fastest)
 * order, stored as `className` — what `scipy.io.savemat(f, {name: x})` writes for an array of that dtype
 * (bool → logical). Integer classes require integer values in range; logical requires 0 or 1; single
 * rounds to float32.
 */
export function encodeMat5Array(
  name: string,
  dims: readonly number[],
  columnMajorData: ArrayLike<number>,
  className: Mat5ArrayClass = "double",
): Uint8Array {
  if (!NAME_RE.test(name)) {
    throw AnsatzError.expected(
      "bad-argument",
      "MAT variable name",
      "a MATLAB identifier (letter, then letters, digits, _; ≤ 63)",
      `'${name}'`,
    );
  }
  const spec = ARRAY_CLASSES[className];
  if (spec === undefined) {
    const known = Object.keys(ARRAY_CLASSES).join(", ");
    throw AnsatzError.expected(
      "bad-argument",
      "encodeMat5Array className",
      `one of ${known}`,
      `'${className}'`,
    );
  }
  const [mxClass, miType, size, lo, hi, integer] = spec;
  if (dims.length < 2 || dims.some((d) => !Number.isInteger(d) || d < 0 || d > 0x7fffffff)) {
    throw AnsatzError.expected(
      "bad-shape",
      `encodeMat5Array '${name}' dims`,
      "at least 2 non-negative integer dimensions",
      formatShape(dims),
    );
  }
  let count = 1;
  for (const d of dims) count *= d;
  if (columnMajorData.length !== count) {
    throw AnsatzError.expected(
      "bad-shape",
      `encodeMat5Array '${name}' data`,
      `${count} values for dims ${formatShape(dims)}`,
      `${columnMajorData.length} values`,
    );
  }
  const dataBytes = count * size;
  const dimsBytes = roundUp8(4 * dims.length);
  const namePadded = roundUp8(name.length);
  const matrixBytes = 16 + 8 + dimsBytes + 8 + namePadded + 8 + roundUp8(dataBytes);
  if (matrixBytes > 0xffffffff) {
    throw AnsatzError.expected(
      "bad-shape",
      "encodeMat5Array",
      "an array below 4 GiB (MAT v5 limit)",
      formatShape(dims),
    );
  }
  const out = new Uint8Array(128 + 8 + matrixBytes);
  const v = new DataView(out.buffer);
  const header = "MATLAB 5.0 MAT-file, Platform: posix, Created by: Ansatz".padEnd(116, " ");
  for (let k = 0; k < 116; k++) out[k] = header.charCodeAt(k);
  v.setUint16(124, 0x0100, true);
  out[126] = 0x49; // 'I'
  out[127] = 0x4d; // 'M'
  let p = 128;
  const tag = (type: number, n: number) => {
    v.setUint32(p, type, true);
    v.setUint32(p + 4, n, true);
    p += 8;
  };
  tag(MI_MATRIX, matrixBytes);
  tag(MI_UINT32, 8);
  v.setUint32(p, mxClass | (className === "logical" ? 0x0200 : 0), true);
  p += 8;
  tag(MI_INT32, 4 * dims.length);
  for (let k = 0; k < dims.length; k++) v.setInt32(p + 4 * k, dims[k]!, true);
  p += dimsBytes;
  tag(MI_INT8, name.length);
  for (let k = 0; k < name.length; k++) out[p + k] = name.charCodeAt(k);
  p += namePadded;
  tag(miType, dataBytes);
  for (let k = 0; k < count; k++) {
    const x = columnMajorData[k]!;
    if (integer && (!Number.isInteger(x) || x < lo || x > hi)) {
      const range = className === "logical" ? "0 or 1" : `integers in [${lo}, ${hi}]`;
      throw AnsatzError.expected(
        "bad-value",
        `encodeMat5Array '${name}' (${className}) value ${k}`,
        range,
        String(x),
      );
    }
    switch (miType) {
      case 1:
        v.setInt8(p + k, x);
        break;
      case 2:
        v.setUint8(p + k, x);
        break;
      case 3:
        v.setInt16(p + 2 * k, x, true);
        break;
      case 4:
        v.setUint16(p + 2 * k, x, true);
        break;
      case 5:
        v.setInt32(p + 4 * k, x, true);
        break;
      case 6:
        v.setUint32(p + 4 * k, x, true);
        break;
      case 7:
        v.setFloat32(p + 4 * k, x, true);
        break;
      case 9:
        v.setFloat64(p + 8 * k, x, true);
        break;
    }
  }
  return out;
}

/** Writes one N-D array as a MAT v5 file (see encodeMat5Array), atomically. */
export function writeMat5Array(
  path: string,
  name: string,
  dims: readonly number[],
  columnMajorData: ArrayLike<number>,
  className: Mat5ArrayClass = "double",
): void {
  writeFileAtomic(path, encodeMat5Array(name, dims, columnMajorData, className));
}
