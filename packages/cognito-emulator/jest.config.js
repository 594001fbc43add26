/**
 * The emulator's own tests (`npm test` here, and part of the root's `npm test`): TypeScript
 * compiled by SWC; type checking is `tsc -p tsconfig.test.json`, run by the root's typecheck.
 * @type {import('jest').Config}
 */
module.exports = {
  displayName: 'emulator',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  testTimeout: 30000,
};
