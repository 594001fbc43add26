const { execFileSync } = require('node:child_process');
const path = require('node:path');

/**
 * Jest's global setup: compiles what `npm start`, a deployment and the tools run (`tsc -b
 * tsconfig.dev.json`, a fraction of a second when nothing changed), once before any test file,
 * so the files that start the compiled programs test the real ones and never race each other
 * to build them.
 */
module.exports = function buildPrograms() {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.dev.json'], {
    cwd: root,
    stdio: 'inherit',
  });
};
