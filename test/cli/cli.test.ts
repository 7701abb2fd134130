// The `ansatz` command as a user meets it: help, JSON output, exit codes (0 ok, 2 bad input).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../bin/ansatz.mjs", import.meta.url));

function ansatz(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("--help names every command", () => {
  const r = ansatz("--help");
  assert.equal(r.code, 0);
  for (const cmd of ["main", "info", "list", "repro"]) assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
  assert.match(r.stdout, /Exit codes/);
});

test("info --json prints one JSON object with the engine's kernels", () => {
  const r = ansatz("info", "--json");
  assert.equal(r.code, 0, r.stderr);
  const info = JSON.parse(r.stdout);
  assert.equal(info.defaultDtype, "float64");
  assert.equal(typeof info.engine, "object");
  assert.match(info.node, /^\d+\.\d+\.\d+$/);
});

test("list --json has the three tables", () => {
  const r = ansatz("list", "--json");
  assert.equal(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout);
  assert.ok(Array.isArray(data.challenges));
  assert.ok(Array.isArray(data.models));
  assert.ok(data.reproductions.some((x: { id: string }) => x.id === "foundation"));
});

test("an unknown command exits 2 with a message and no stack trace", () => {
  const r = ansatz("frobnicate");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command 'frobnicate'/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test("an unknown flag exits 2", () => {
  const r = ansatz("list", "--nope");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown option '--nope'/);
});

test("an unknown reproduction is an AnsatzError: exit 2, names the field and the choices", () => {
  const r = ansatz("repro", "no-such-method");
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /error \[unknown-id\]: reproduction: expected one of .*foundation.*, found "no-such-method"/,
  );
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
