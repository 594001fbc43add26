/**
 * Browser tests (`npm run test:e2e`): the files `test/e2e/**\/*.e2e.ts`, which `npm test` never
 * runs (its testMatch is `*.test.ts`). Same SWC transform as jest.config.js; one file at a time,
 * since each drives a Chromium, and a longer timeout for its start-up.
 * @type {import('jest').Config}
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  maxWorkers: 1,
  testTimeout: 60000,
};
