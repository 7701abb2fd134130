// Tests of src/ctf/formats/atomic-write.ts: the file appears whole under its name, chunked contents
// are concatenated in order, no temporary file is left behind on success or failure, and a failed
// write leaves the previous file untouched and raises an AnsatzError naming the path.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { writeFileAtomic } from "../../../src/ctf/formats/atomic-write.ts";
import { tempDir } from "./helpers.ts";

describe("writeFileAtomic", () => {
  const dir = tempDir();

  it("writes strings, bytes and chunk iterables, replacing an existing file", () => {
    const f = join(dir, "a.txt");
    writeFileAtomic(f, "first");
    assert.equal(readFileSync(f, "utf8"), "first");
    writeFileAtomic(f, new Uint8Array([0x68, 0x69])); // "hi"
    assert.equal(readFileSync(f, "utf8"), "hi");
    function* chunks() {
      yield "α,";
      yield new Uint8Array([0x62]);
      yield ",c\n";
    }
    writeFileAtomic(f, chunks());
    assert.equal(readFileSync(f, "utf8"), "α,b,c\n");
    assert.deepEqual(readdirSync(dir), ["a.txt"]); // no temporary file left
  });

  it("creates missing parent directories by default", () => {
    const f = join(dir, "x", "y", "z.bin");
    writeFileAtomic(f, "ok");
    assert.equal(readFileSync(f, "utf8"), "ok");
  });

  it("keeps the old file and removes the temporary one when the contents fail midway", () => {
    const sub = join(dir, "fail");
    const f = join(sub, "keep.txt");
    writeFileAtomic(f, "old");
    function* failing(): Generator<string> {
      yield "partial";
      throw new AnsatzError("bad-value", "generator failed", {});
    }
    assert.throws(() => writeFileAtomic(f, failing()), /generator failed/);
    assert.equal(readFileSync(f, "utf8"), "old");
    assert.deepEqual(readdirSync(sub), ["keep.txt"]);
  });

  it("names the path when the target cannot be written", () => {
    const blocker = join(dir, "blocker");
    writeFileSync(blocker, "a file, not a directory");
    const f = join(blocker, "inside.txt");
    assert.throws(
      () => writeFileAtomic(f, "x", { mkdir: false }),
      (e: unknown) => e instanceof AnsatzError && e.code === "bad-file" && e.message.includes(f),
    );
  });
});
