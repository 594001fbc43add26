/**
 * The gateway's browser tests (`npm run test:e2e`, beside the example page's): the `*.e2e.ts` files of `test/`,
 * which `npm test` never runs, since they need Chromium (CI installs it just before). Compiled
 * as the gateway's tests are; one file at a time, since each drives a Chromium, and a longer
 * timeout for its start-up.
 * @type {import('jest').Config}
 */
const path = require('node:path');
const { gatewayProject } = require('../jest.config');

module.exports = {
  ...gatewayProject,
  displayName: 'gateway-e2e',
  rootDir: path.join(__dirname, '..'),
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e.ts'],
  maxWorkers: 1,
  testTimeout: 60000,
};
