/**
 * `npm test` runs every test: unit specs beside the code, e2e specs under test/ against a real PostgreSQL
 * (DATABASE_URL when set, else an embedded one started by the global setup).
 * The e2e specs share one database and truncate it before each test, so files run one at a time.
 */
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      tsconfig: 'tsconfig.json',
      // The same OpenAPI metadata as `nest build`, so the docs the tests read are the docs production serves.
      astTransformers: { before: ['<rootDir>/test/setup/swagger-plugin.transformer.js'] },
    },
  ],
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 1,
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
    },
  ],
};
