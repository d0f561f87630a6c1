// Three projects: fast pure-rule tests, integration tests that start real servers over mTLS, and
// robustness tests (hostile input, crashes, concurrency, limits, fuzzing; docs/robustness.md).
const transform = { '^.+\\.ts$': ['ts-jest', {}] };
const common = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      // Before any integration test: are the Debian packages the selected ones need installed?
      globalSetup: '<rootDir>/test/helpers/prerequisites-setup.ts',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/interop/**/*.test.ts'],
    },
    { ...common, displayName: 'robustness', testMatch: ['<rootDir>/test/robustness/**/*.test.ts'] },
  ],
};
