const path = require('node:path');

/**
 * Tests are TypeScript compiled by SWC (decorator metadata on, for type-graphql); type checking
 * is `npm run typecheck`, run separately in CI, so test runs stay fast.
 */
const swcTransform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: 'commonjs' },
    },
  ],
};

/**
 * The gateway's tests (`test/`). The emulator package is read from its sources, so `npm test`
 * needs no build first.
 * @type {import('jest').Config}
 */
const gateway = {
  displayName: 'gateway',
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: [path.join(__dirname, 'test/support/jest.setup.ts')],
  transform: swcTransform,
  moduleNameMapper: { '^cognito-auth-events-emulator$': path.join(__dirname, 'packages/cognito-emulator/src/index.ts') },
  testTimeout: 30000,
};

/**
 * `npm test`: the gateway's tests and the emulator package's own, in one run. Servers in tests
 * bind port 0, so files run in parallel safely; two cores here.
 * @type {import('jest').Config}
 */
module.exports = {
  projects: [gateway, '<rootDir>/packages/cognito-emulator'],
  // The compiled programs (the entry point, the local stack, the tools), built once before any test file.
  globalSetup: '<rootDir>/test/support/build-programs.js',
  maxWorkers: process.env.CI ? 2 : '50%',
  // Read from the top level only when projects are used; each project states its own as well.
  testTimeout: 30000,
};

/** The gateway project's settings, for configurations that run other files the same way (the example's browser test). */
Object.defineProperty(module.exports, 'gatewayProject', { value: gateway, enumerable: false });
