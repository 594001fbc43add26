/**
 * The example's browser test (`npm run test:e2e`): `test/*.e2e.ts`, which the root's `npm test`
 * never runs. Compiled as the gateway's tests are (it starts the gateway in-process); one file at
 * a time, since each drives a Chromium, and a longer timeout for its start-up.
 * @type {import('jest').Config}
 */
const { gatewayProject } = require('../../jest.config');

module.exports = {
  ...gatewayProject,
  displayName: 'activity-page',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e.ts'],
  maxWorkers: 1,
  testTimeout: 60000,
};
