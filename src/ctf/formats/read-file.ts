// Reading a whole input file for the format readers, with the house error for a missing or unreadable
// file: an AnsatzError naming the path (DESIGN.md, "Errors and bad input").
import { readFileSync } from "node:fs";
import { AnsatzError } from "../../core/errors.ts";

/**
 * The bytes of `path` as a plain Uint8Array (not a Buffer: `Buffer#slice` shares memory where
 * `Uint8Array#slice` copies, and decoders rely on the latter); a missing or unreadable file is an
 * AnsatzError (`bad-file`) naming it.
 */
export function readFileBytes(path: string): Uint8Array {
  try {
    const buf = readFileSync(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const found =
      err.code === "ENOENT"
        ? "no such file"
        : err.code === "EISDIR"
          ? "a directory"
          : (err.message ?? String(e));
    throw AnsatzError.expected("bad-file", path, "a readable file", found);
  }
}
