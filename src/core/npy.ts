// The NumPy .npy format, as pure bytes ↔ arrays (no file system): decode any simple numeric array
// into a row-major Float64Array, encode float64/float32 arrays exactly as `np.save` writes them.
// Format reference: NEP 1 / numpy.lib.format ("A Simple File Format for NumPy Arrays",
// https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic "\x93NUMPY", a
// major and minor version byte, a little-endian header length (uint16 for 1.0, uint32 for 2.0 and
// 3.0), an ASCII (1.0, 2.0) or UTF-8 (3.0) Python dict literal with 'descr', 'fortran_order' and
// 'shape', padded with spaces and a final newline so the data start is a multiple of 64 bytes, then
// the raw data in C (row-major) or Fortran (column-major) order.
import { AnsatzError } from "./errors.ts";

export interface NpyArray {
  /** The dtype string of the file, as written there, e.g. `<f8`, `>i4`, `|b1`. */
  dtype: string;
  shape: number[];
  /** The values in row-major (C) order, converted to float64. */
  data: Float64Array;
  /** Whether the file stored the data in Fortran order (it has been transposed to row-major). */
  fortranOrder: boolean;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy.lib.format: data start aligned to this many bytes, and room left to grow the first axis. */
const ARRAY_ALIGN = 64;
const GROWTH_AXIS_MAX_DIGITS = 21;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function bad(where: string, expected: string, found: string): AnsatzError {
  return AnsatzError.expected("bad-file", where, expected, found);
}

// ---------------------------------------------------------------------------------------------
// Header: a restricted Python literal parser (dict, tuple, list, str, int, True/False/None).

type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

function parsePyLiteral(text: string, where: string): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw bad(where, "a valid .npy header (a Python dict literal)", `${what} at header offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const value = (): PyValue => {
    ws();
    const ch = text[i];
    if (ch === undefined) return fail("end of header");
    if (ch === "{") {
      i++;
      const out: { [key: string]: PyValue } = {};
      for (;;) {
        ws();
        if (text[i] === "}") {
          i++;
          return out;
        }
        const key = value();
        if (typeof key !== "string") fail("a non-string dict key");
        ws();
        if (text[i] !== ":") fail(`'${text[i] ?? "end"}' where ':' was expected`);
        i++;
        out[key as string] = value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== "}") fail(`'${text[i] ?? "end"}' where ',' or '}' was expected`);
      }
    }
    if (ch === "(" || ch === "[") {
      const close = ch === "(" ? ")" : "]";
      i++;
      const out: PyValue[] = [];
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          return out;
        }
        out.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] !== close) fail(`'${text[i] ?? "end"}' where ',' or '${close}' was expected`);
      }
    }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) fail("an unterminated string");
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    const m = /^(-?\d+)L?/.exec(text.slice(i)); // Python 2 files may write longs as 3L
    if (m) {
      i += m[0].length;
      return Number(m[1]);
    }
    for (const [word, v] of [
      ["True", true],
      ["False", false],
      ["None", null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail(`unexpected '${ch}'`);
  };
  const v = value();
  ws();
  if (i !== text.length) fail(`trailing '${text.slice(i, i + 10)}'`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Element readers.

interface ElementType {
  size: number;
  /** Reads element `index` of the data (byte offset `off` in `view`). */
  read: (view: DataView, off: number, little: boolean, index: number) => number;
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f === 0 ? s * Number.POSITIVE_INFINITY : Number.NaN;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

function elementType(kind: string, size: number, where: string): ElementType | null {
  const big = (v: bigint, index: number): number => {
    const n = Number(v);
    if (BigInt(n) !== v) {
      throw bad(where, "64-bit integers exactly representable in float64", `${v} at index ${index}`);
    }
    return n;
  };
  switch (`${kind}${size}`) {
    case "f8":
      return { size, read: (v, o, le) => v.getFloat64(o, le) };
    case "f4":
      return { size, read: (v, o, le) => v.getFloat32(o, le) };
    case "f2":
      return { size, read: (v, o, le) => halfToFloat(v.getUint16(o, le)) };
    case "i1":
      return { size, read: (v, o) => v.getInt8(o) };
    case "u1":
      return { size, read: (v, o) => v.getUint8(o) };
    case "b1":
      return { size, read: (v, o) => (v.getUint8(o) !== 0 ? 1 : 0) };
    case "i2":
      return { size, read: (v, o, le) => v.getInt16(o, le) };
    case "u2":
      return { size, read: (v, o, le) => v.getUint16(o, le) };
    case "i4":
      return { size, read: (v, o, le) => v.getInt32(o, le) };
    case "u4":
      return { size, read: (v, o, le) => v.getUint32(o, le) };
    case "i8":
      return { size, read: (v, o, le, i) => big(v.getBigInt64(o, le), i) };
    case "u8":
      return { size, read: (v, o, le, i) => big(v.getBigUint64(o, le), i) };
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Decodes a .npy file (format 1.0, 2.0 or 3.0) into row-major float64 values; `where` (a file
 * name) is named in every error. Supports bool, (u)int8–64, float16/32/64 in either byte order.
 */
export function decodeNpy(bytes: Uint8Array, where: string): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, k) => bytes[k] !== b)) {
    const head = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw bad(where, 'a .npy file starting with "\\x93NUMPY"', `bytes [${head}] (${bytes.length} bytes)`);
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3 || minor !== 0) {
    throw bad(where, ".npy format version 1.0, 2.0 or 3.0", `version ${major}.${minor}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) throw bad(where, "a header length field", "end of file");
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lenBytes;
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) {
    throw bad(where, `a header of ${headerLen} bytes`, `a file of ${bytes.length} bytes (truncated header)`);
  }
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const headerText =
    major === 3
      ? new TextDecoder("utf-8").decode(headerBytes)
      : new TextDecoder("latin1").decode(headerBytes);
  const header = parsePyLiteral(headerText, where);
  if (header === null || typeof header !== "object" || Array.isArray(header)) {
    throw bad(where, "a header dict", `a header ${JSON.stringify(header)}`);
  }
  for (const key of ["descr", "fortran_order", "shape"]) {
    if (!(key in header))
      throw bad(where, `a header with key '${key}'`, `keys ${Object.keys(header).join(", ")}`);
  }
  const descr = header.descr;
  if (typeof descr !== "string") {
    throw bad(
      where,
      "a simple dtype string in 'descr'",
      `${JSON.stringify(descr)} (structured arrays are not supported)`,
    );
  }
  const fortranOrder = header.fortran_order;
  if (typeof fortranOrder !== "boolean") {
    throw bad(where, "'fortran_order' True or False", JSON.stringify(fortranOrder));
  }
  const shapeRaw = header.shape;
  if (
    !Array.isArray(shapeRaw) ||
    !shapeRaw.every((d) => typeof d === "number" && Number.isSafeInteger(d) && d >= 0)
  ) {
    throw bad(where, "'shape' a tuple of non-negative integers", JSON.stringify(shapeRaw));
  }
  const shape = shapeRaw as number[];

  const dm = /^([<>|=])([a-zA-Z])(\d+)$/.exec(descr);
  const et = dm ? elementType(dm[2]!, Number(dm[3]), where) : null;
  if (!dm || !et) {
    throw bad(where, "a numeric dtype (bool, int8–64, uint8–64, float16/32/64)", `dtype '${descr}'`);
  }
  const order = dm[1]!;
  const little = order === "<" || order === "|" || (order === "=" && LITTLE_ENDIAN_HOST);

  let count = 1;
  for (const d of shape) count *= d;
  const dataBytes = bytes.length - dataStart;
  if (dataBytes !== count * et.size) {
    throw bad(
      where,
      `${count * et.size} data bytes (shape (${shape.join(", ")}) of '${descr}')`,
      `${dataBytes} bytes`,
    );
  }

  let flat: Float64Array;
  if (dm[2] === "f" && et.size === 8 && little && LITTLE_ENDIAN_HOST) {
    // fast path: copy and view. Uint8Array's own slice (a copy), since a Node Buffer's slice shares memory
    flat = new Float64Array(Uint8Array.prototype.slice.call(bytes, dataStart, dataStart + dataBytes).buffer);
  } else {
    flat = new Float64Array(count);
    let off = dataStart;
    for (let k = 0; k < count; k++) {
      flat[k] = et.read(view, off, little, k);
      off += et.size;
    }
  }
  const data = fortranOrder && shape.length > 1 ? fortranToC(flat, shape) : flat;
  return { dtype: descr, shape, data, fortranOrder };
}

/** Reorders column-major values of `shape` into row-major order. */
function fortranToC(src: Float64Array, shape: number[]): Float64Array {
  const nd = shape.length;
  const out = new Float64Array(src.length);
  const fStride = new Array<number>(nd);
  let s = 1;
  for (let d = 0; d < nd; d++) {
    fStride[d] = s;
    s *= shape[d]!;
  }
  const idx = new Array<number>(nd).fill(0);
  let fOff = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = src[fOff]!;
    // advance the row-major multi-index (last axis fastest), keeping the Fortran offset in step
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      fOff += fStride[d]!;
      if (idx[d]! < shape[d]!) break;
      fOff -= idx[d]! * fStride[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/** Python's repr of a tuple of ints: `()`, `(3,)`, `(2, 3)`. */
function pyTuple(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(", ")})`;
}

/**
 * Encodes a row-major float64 (`<f8`) or float32 (`<f4`) array as a .npy file, byte-for-byte as
 * numpy 2.x `np.save` does: format 1.0 (2.0 if the header exceeds 65535 bytes), keys in sorted
 * order, 21 − len(str(shape[0])) spaces of growth room, padding to a 64-byte data start.
 */
export function encodeNpy(data: Float64Array | Float32Array, shape: readonly number[]): Uint8Array {
  let count = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw AnsatzError.expected("bad-shape", "encodeNpy shape", "non-negative integers", pyTuple(shape));
    }
    count *= d;
  }
  if (count !== data.length) {
    throw AnsatzError.expected(
      "bad-shape",
      "encodeNpy data",
      `${count} values for shape ${pyTuple(shape)}`,
      `${data.length} values`,
    );
  }
  const f64 = data instanceof Float64Array;
  let header = `{'descr': '${f64 ? "<f8" : "<f4"}', 'fortran_order': False, 'shape': ${pyTuple(shape)}, }`;
  if (shape.length > 0) header += " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length));
  // numpy.lib.format._wrap_header: hlen counts the final newline; padlen is in 1..64.
  let version = 1;
  let prefix = 10;
  const hlen = header.length + 1;
  let padlen = ARRAY_ALIGN - ((prefix + hlen) % ARRAY_ALIGN);
  if (hlen + padlen > 0xffff) {
    version = 2;
    prefix = 12;
    padlen = ARRAY_ALIGN - ((prefix + hlen) % ARRAY_ALIGN);
  }
  const headerTotal = hlen + padlen;
  const itemSize = f64 ? 8 : 4;
  const out = new Uint8Array(prefix + headerTotal + count * itemSize);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerTotal, true);
  else view.setUint32(8, headerTotal, true);
  for (let k = 0; k < header.length; k++) out[prefix + k] = header.charCodeAt(k);
  out.fill(0x20, prefix + header.length, prefix + headerTotal - 1);
  out[prefix + headerTotal - 1] = 0x0a;
  const dataStart = prefix + headerTotal;
  if (LITTLE_ENDIAN_HOST) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), dataStart);
  } else {
    for (let k = 0; k < count; k++) {
      if (f64) view.setFloat64(dataStart + 8 * k, data[k]!, true);
      else view.setFloat32(dataStart + 4 * k, data[k]!, true);
    }
  }
  return out;
}
