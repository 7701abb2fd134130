// Atomic file writes (DESIGN.md, "Errors and bad input": writes go to a temporary file, then rename).
// The data go to a temporary file in the target's own directory (rename is atomic only within one
// file system), which is flushed with fsync before it is renamed over the target; the directory is
// then fsynced (best effort) so the rename itself survives a crash. A reader therefore sees either the
// old complete file or the new complete file, never a partial one. POSIX rename(2) semantics.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { AnsatzError } from "../../core/errors.ts";

/** A whole file's contents, or an iterable of chunks written in order (for files too large for one string). */
export type FileContents = Uint8Array | string | Iterable<Uint8Array | string>;

export interface AtomicWriteOptions {
  /** Create the parent directory (recursively) if it is missing; default true. */
  mkdir?: boolean;
}

let counter = 0;

/** The temporary name used next to `path`: hidden, unique per process and call, never a matrix extension. */
function tempNameFor(path: string): string {
  counter = (counter + 1) % 1_000_000_000;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
}

function writeAll(fd: number, chunk: Uint8Array | string): void {
  const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

/**
 * Writes `contents` to `path` atomically: temporary file in the same directory, fsync, rename, then
 * fsync of the directory. On failure the temporary file is removed and an AnsatzError names `path`.
 */
export function writeFileAtomic(
  path: string,
  contents: FileContents,
  options: AtomicWriteOptions = {},
): void {
  const dir = dirname(path);
  const tmp = tempNameFor(path);
  let fd: number | null = null;
  try {
    if (options.mkdir ?? true) mkdirSync(dir, { recursive: true });
    fd = openSync(tmp, "wx", 0o644);
    if (typeof contents === "string" || contents instanceof Uint8Array) writeAll(fd, contents);
    else for (const chunk of contents) writeAll(fd, chunk);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the original error is the one to report
      }
    }
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the temporary file was never created (e.g. the directory is missing)
    }
    if (e instanceof AnsatzError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new AnsatzError("bad-file", `${path}: could not write the file (${msg})`, {
      where: path,
      expected: "a writable location",
      found: msg,
    });
  }
  syncDirectory(dir);
}

/** fsync of a directory so a rename in it is durable; silently skipped where the OS refuses (e.g. Windows). */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // not supported on this platform or file system: the rename is still atomic, only not yet durable
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
