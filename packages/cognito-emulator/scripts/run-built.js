#!/usr/bin/env node
'use strict';

/**
 * Runs one of the emulator's compiled entry points: `node scripts/run-built.js token.main alice`
 * runs `dist/token.main.js alice`. Builds the package first (`tsc -b`) only when its build is
 * missing or older than a source, so `npm run token` and `npm run emulator` work in a fresh
 * clone and after an edit, and otherwise start at once.
 *
 * Why not `tsc -b` before every run, as these scripts did: loading TypeScript just to learn that
 * nothing changed takes most of a second (several under load), and `npm run token` is called
 * inside `$(…)`. Comparing file times here takes about a millisecond. Why not a TypeScript
 * loader: the compiled files are what the package's bins run, and they need nothing installed
 * at run time.
 */

const { spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, rmSync, statSync } = require('node:fs');
const path = require('node:path');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const ENTRY_POINTS = ['main', 'token.main'];
/** `tsc -b` rewrites it on every build and touches it when inputs changed but outputs did not. */
const BUILD_INFO = path.join(PACKAGE_DIR, 'dist', 'tsconfig.tsbuildinfo');
/** Held (a folder: creating one is atomic) by the one process that builds while others wait. */
const BUILD_LOCK = path.join(PACKAGE_DIR, 'dist', '.build-lock');
/** A lock older than this was left by a build that died; no build of this package takes so long. */
const STALE_LOCK_MS = 120_000;
const LOCK_POLL_MS = 100;

function newestInputMs() {
  const sources = path.join(PACKAGE_DIR, 'src');
  const inputs = [
    ...readdirSync(sources, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => path.join(sources, name)),
    path.join(PACKAGE_DIR, 'tsconfig.json'),
    path.join(PACKAGE_DIR, 'package.json'),
  ];
  return Math.max(...inputs.map((file) => statSync(file).mtimeMs));
}

function builtMs() {
  try {
    return statSync(BUILD_INFO).mtimeMs;
  } catch {
    return -Infinity;
  }
}

const [entry, ...args] = process.argv.slice(2);
if (!ENTRY_POINTS.includes(entry)) {
  process.stderr.write(`Usage: node ${path.relative(process.cwd(), __filename)} <${ENTRY_POINTS.join('|')}> [arguments…]\n`);
  process.exit(2);
}

function isStale() {
  return builtMs() < newestInputMs();
}

/**
 * Builds unless another process is building already, in which case it waits for that build:
 * two commands started at once in a fresh clone (or two test files) must not write dist/ together.
 */
function buildOnce() {
  mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(BUILD_LOCK).mtimeMs > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_POLL_MS);
    }
  }
  try {
    if (!isStale()) return;
    process.stderr.write('Building the Cognito emulator first (its sources are newer than its build)…\n');
    const tsc = require.resolve('typescript/bin/tsc', { paths: [PACKAGE_DIR] });
    const build = spawnSync(process.execPath, [tsc, '-b', PACKAGE_DIR], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (build.status !== 0) process.exit(build.status ?? 1);
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

if (isStale()) buildOnce();

// The entry point reads its own arguments from process.argv.slice(2), as if run directly.
process.argv = [process.argv[0], path.join(PACKAGE_DIR, 'dist', `${entry}.js`), ...args];
require(process.argv[1]);
