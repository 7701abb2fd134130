// NumPy .npz archives: a ZIP file holding one .npy file per array, as written by `np.savez` (entries
// stored) and `np.savez_compressed` (entries deflated); spec ctf.md §1.8 ("`.npz` (a single array)").
// ZIP layout from PKWARE's APPNOTE.TXT 6.3.x: §4.3.7 local file header, §4.3.12 central directory
// header, §4.3.16 end of central directory, §4.3.14–15 ZIP64 end record and locator, §4.5.3 the ZIP64
// extra field (id 0x0001). numpy always writes a ZIP64 extra field in the local header (sizes there
// are 0xFFFFFFFF, gh-10776), so sizes and offsets are taken from the central directory. Deflate is
// RFC 1951 (node:zlib inflateRaw/deflateRaw); every entry's CRC-32 is checked (zlib.crc32).
// Writing follows np.savez: entries `<key>.npy` (default key `arr_0`), stored or deflated; the DOS
// timestamp is fixed at 1980-01-01 00:00 so the same matrix always gives the same bytes.
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";
import { decodeNpy, encodeNpy, type NpyArray } from "../../core/npy.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { matFromArray } from "./npy-file.ts";
import { readFileBytes } from "./read-file.ts";

/** One array of an .npz archive: its key (the entry name without `.npy`) and its values. */
export interface NpzEntry {
  key: string;
  array: NpyArray;
}

/** One array to write: a key (entry `<key>.npy`), row-major float64 values and a shape. */
export interface NpzArrayInput {
  key: string;
  data: Float64Array;
  shape: readonly number[];
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
/** DOS date of 1980-01-01 (year 0 since 1980, month 1, day 1) and time 00:00:00. */
const DOS_DATE_1980 = (1 << 5) | 1;
const DOS_TIME_0 = 0;

function bad(where: string, expected: string, found: string): AnsatzError {
  return AnsatzError.expected("bad-file", where, expected, found);
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function u64(view: DataView, off: number, where: string, what: string): number {
  const v = view.getBigUint64(off, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(where, `a ${what} below 2^53`, String(v));
  return Number(v);
}

/** Finds the end-of-central-directory record: the last signature within the final 22 + 65535 bytes. */
function findEocd(bytes: Uint8Array, view: DataView, where: string): number {
  const stop = Math.max(0, bytes.length - 22 - U16_MAX);
  for (let p = bytes.length - 22; p >= stop; p--) {
    if (view.getUint32(p, true) === SIG_EOCD && p + 22 + view.getUint16(p + 20, true) <= bytes.length)
      return p;
  }
  throw bad(
    where,
    "a ZIP archive (.npz) with an end-of-central-directory record",
    bytes.length < 22 ? `${bytes.length} bytes (truncated)` : "none (not a ZIP file, or truncated)",
  );
}

/** Reads the central directory of a ZIP archive (APPNOTE §4.3.12, §4.3.16, ZIP64 §4.3.14–15). */
function readCentralDirectory(bytes: Uint8Array, where: string): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(bytes, view, where);
  let disk = view.getUint16(eocd + 4, true);
  let cdDisk = view.getUint16(eocd + 6, true);
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== SIG_ZIP64_LOCATOR) {
      throw bad(where, "a ZIP64 end-of-central-directory locator", "none (truncated or corrupt archive)");
    }
    const z = u64(view, loc + 8, where, "ZIP64 record offset");
    if (z + 56 > bytes.length || view.getUint32(z, true) !== SIG_ZIP64_EOCD) {
      throw bad(where, "a ZIP64 end-of-central-directory record", `none at offset ${z}`);
    }
    disk = view.getUint32(z + 16, true);
    cdDisk = view.getUint32(z + 20, true);
    count = u64(view, z + 32, where, "entry count");
    cdSize = u64(view, z + 40, where, "central directory size");
    cdOffset = u64(view, z + 48, where, "central directory offset");
  }
  if (disk !== 0 || cdDisk !== 0) throw bad(where, "a single-volume ZIP archive", `disk ${disk}`);
  if (cdOffset + cdSize > bytes.length) {
    throw bad(
      where,
      `a central directory at bytes ${cdOffset}–${cdOffset + cdSize}`,
      `a file of ${bytes.length} bytes (truncated)`,
    );
  }
  const entries: CentralEntry[] = [];
  let p = cdOffset;
  const utf8 = new TextDecoder("utf-8");
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw bad(where, `central directory entry ${k} of ${count}`, `no entry signature at offset ${p}`);
    }
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLen;
    const end = extraStart + extraLen + commentLen;
    if (end > bytes.length) throw bad(where, `central directory entry ${k} complete`, "end of file");
    const name = utf8.decode(bytes.subarray(nameStart, extraStart));
    // ZIP64 extended information (§4.5.3): only the fields that are 0xFFFFFFFF above, in this order.
    for (let q = extraStart; q + 4 <= extraStart + extraLen; ) {
      const id = view.getUint16(q, true);
      const len = view.getUint16(q + 2, true);
      if (id === 0x0001) {
        let r = q + 4;
        const take = (what: string): number => {
          if (r + 8 > q + 4 + len)
            throw bad(where, `a ZIP64 ${what} for entry '${name}'`, "a short extra field");
          const v = u64(view, r, where, what);
          r += 8;
          return v;
        };
        if (size === U32_MAX) size = take("size");
        if (compressedSize === U32_MAX) compressedSize = take("compressed size");
        if (localOffset === U32_MAX) localOffset = take("header offset");
      }
      q += 4 + len;
    }
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset });
    p = end;
  }
  return entries;
}

/** The uncompressed, CRC-checked bytes of one entry. */
function extractEntry(bytes: Uint8Array, e: CentralEntry, where: string): Uint8Array {
  const at = `${where} (entry '${e.name}')`;
  if (e.flags & 1) throw bad(at, "an unencrypted entry", "an encrypted entry");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = e.localOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== SIG_LOCAL) {
    throw bad(
      at,
      `a local file header at offset ${p}`,
      p + 30 > bytes.length ? "end of file (truncated)" : "other bytes",
    );
  }
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const stop = start + e.compressedSize;
  if (stop > bytes.length) {
    throw bad(
      at,
      `${e.compressedSize} bytes of data from offset ${start}`,
      `a file of ${bytes.length} bytes (truncated)`,
    );
  }
  const raw = bytes.subarray(start, stop);
  let data: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) {
      throw bad(at, `a stored entry of ${e.size} bytes`, `${e.compressedSize} stored bytes`);
    }
    data = raw;
  } else if (e.method === 8) {
    try {
      const buf = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
      data = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength); // a plain view: slice() must copy
    } catch (err) {
      throw bad(at, `deflated data of ${e.size} bytes`, `corrupt deflate data (${(err as Error).message})`);
    }
    if (data.length !== e.size) throw bad(at, `${e.size} bytes after inflating`, `${data.length} bytes`);
  } else {
    throw bad(at, "compression method 0 (stored) or 8 (deflate)", `method ${e.method}`);
  }
  const crc = crc32(data) >>> 0;
  if (crc !== e.crc) {
    const hex = (v: number) => `0x${v.toString(16).padStart(8, "0")}`;
    throw bad(at, `CRC-32 ${hex(e.crc)}`, `CRC-32 ${hex(crc)} (corrupt data)`);
  }
  return data;
}

/**
 * Decodes every `.npy` entry of an .npz archive (stored or deflated, CRC-checked); `where` (the file
 * name) is named in every error. Entries that are not `.npy` files are ignored, as `np.load` keys them.
 */
export function decodeNpz(bytes: Uint8Array, where: string): NpzEntry[] {
  const central = readCentralDirectory(bytes, where);
  const out: NpzEntry[] = [];
  for (const e of central) {
    if (!e.name.endsWith(".npy")) continue;
    const data = extractEntry(bytes, e, where);
    out.push({ key: e.name.slice(0, -4), array: decodeNpy(data, `${where} (entry '${e.name}')`) });
  }
  if (out.length === 0) {
    const names = central.map((e) => `'${e.name}'`).join(", ");
    throw bad(
      where,
      "an .npz archive with at least one .npy entry",
      central.length ? `entries ${names}` : "an empty archive",
    );
  }
  return out;
}

/**
 * Encodes arrays as an .npz archive like `np.savez` (stored) or `np.savez_compressed` (deflated),
 * each entry `<key>.npy` in `np.save` format; only archives below 4 GiB (no ZIP64) are written.
 */
export function encodeNpz(
  arrays: readonly NpzArrayInput[],
  options: { compressed?: boolean } = {},
): Uint8Array {
  const compressed = options.compressed ?? false;
  const enc = new TextEncoder();
  const keys = new Set<string>();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  if (arrays.length >= U16_MAX) {
    throw AnsatzError.expected(
      "bad-argument",
      "encodeNpz",
      `fewer than ${U16_MAX} arrays`,
      String(arrays.length),
    );
  }
  for (const a of arrays) {
    if (a.key === "" || keys.has(a.key)) {
      throw AnsatzError.expected("bad-argument", "encodeNpz keys", "unique non-empty keys", `'${a.key}'`);
    }
    keys.add(a.key);
    const npy = encodeNpy(a.data, a.shape);
    const body = compressed ? deflateRawSync(npy) : npy;
    const name = enc.encode(`${a.key}.npy`);
    const flags = /^[\x20-\x7e]*$/.test(a.key) ? 0 : 1 << 11; // bit 11: the name is UTF-8
    const method = compressed ? 8 : 0;
    const crc = crc32(npy) >>> 0;
    if (npy.length >= U32_MAX || offset + body.length >= U32_MAX) {
      throw AnsatzError.expected(
        "bad-argument",
        "encodeNpz",
        "an archive below 4 GiB",
        `${offset + body.length} bytes`,
      );
    }
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, 20, true); // version needed: 2.0 (deflate)
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, DOS_TIME_0, true);
    lv.setUint16(12, DOS_DATE_1980, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, npy.length, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, (3 << 8) | 20, true); // made by: Unix, version 2.0
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, DOS_TIME_0, true);
    cv.setUint16(14, DOS_DATE_1980, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, npy.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, (0o100644 << 16) >>> 0, true); // external attributes: a regular file, rw-r--r--
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, body);
    central.push(cd);
    offset += local.length + body.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  if (offset + cdSize >= U32_MAX) {
    throw AnsatzError.expected(
      "bad-argument",
      "encodeNpz",
      "an archive below 4 GiB",
      `${offset + cdSize} bytes`,
    );
  }
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, SIG_EOCD, true);
  ev.setUint16(8, arrays.length, true);
  ev.setUint16(10, arrays.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const part of [...parts, ...central, eocd]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** Reads every array of an .npz file. */
export function readNpzArrays(path: string): NpzEntry[] {
  return decodeNpz(readFileBytes(path), path);
}

/**
 * Reads the single array of an .npz file as a matrix (2-D, or 1-D as a column); with `key`, that
 * array of a multi-array archive. Several arrays and no key is an AnsatzError listing the keys.
 */
export function readNpz(path: string, options: { key?: string } = {}): Mat {
  const entries = readNpzArrays(path);
  const keys = entries.map((e) => `'${e.key}'`).join(", ");
  let entry: NpzEntry | undefined;
  if (options.key !== undefined) {
    entry = entries.find((e) => e.key === options.key);
    if (!entry) throw bad(path, `an array '${options.key}'`, `arrays ${keys}`);
  } else {
    if (entries.length !== 1)
      throw bad(path, "an .npz holding a single array", `${entries.length} arrays ${keys}`);
    entry = entries[0]!;
  }
  return matFromArray(entry.array.shape, entry.array.data, `${path} (array '${entry.key}')`);
}

/** Writes `mat` as an .npz holding one float64 array (key `arr_0` by default, as `np.savez(f, x)`), atomically. */
export function writeNpz(path: string, mat: Mat, options: { key?: string; compressed?: boolean } = {}): void {
  const bytes = encodeNpz([{ key: options.key ?? "arr_0", data: mat.data, shape: [mat.rows, mat.cols] }], {
    compressed: options.compressed ?? false,
  });
  writeFileAtomic(path, bytes);
}
