/**
 * Tests are TypeScript compiled by SWC (decorator metadata on, for type-graphql);
 * type checking is `npm run typecheck`, run separately in CI, so test runs stay fast.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/jest.setup.ts'],
  transform: {
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
  },
  // Servers in tests bind port 0, so files run in parallel safely; two cores here.
  maxWorkers: process.env.CI ? 2 : '50%',
  testTimeout: 30000,
};
