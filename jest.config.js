/** Jest runs TypeScript through @swc/jest (3-4x faster than ts-jest here). */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
}];

const moduleNameMapper = {
  // ESM-only with import-only exports: point Jest's resolver at the file (transformed below).
  '^file-type$': '<rootDir>/node_modules/file-type/index.js',
  '^@ddp/core$': '<rootDir>/libs/core/src',
  '^@ddp/identity$': '<rootDir>/libs/identity/src',
  '^@ddp/testing$': '<rootDir>/libs/testing/src',
  '^@ddp/contracts$': '<rootDir>/libs/contracts/src',
  '^@ddp/questionnaires$': '<rootDir>/libs/questionnaires/src',
  '^@ddp/assessments$': '<rootDir>/libs/assessments/src',
  '^@ddp/remediation$': '<rootDir>/libs/remediation/src',
  '^@ddp/monitoring$': '<rootDir>/libs/monitoring/src',
  '^@ddp/penalties$': '<rootDir>/libs/penalties/src',
  '^@ddp/excel$': '<rootDir>/libs/excel/src',
};

const common = {
  rootDir: __dirname,
  // ESM-only packages that Jest's CommonJS loader must have compiled (Node itself can require them).
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|file-type|strtok3|token-types|peek-readable|@tokenizer|uint8array-extras|@borewit)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
  // Jest's default on 2 cores is one worker; the end-to-end files mostly wait on PostgreSQL and
  // Chromium, so two run side by side (each on its own cloned database).
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // BROWSER_TESTS=skip leaves out test/web (the portal in Chromium): `.ci/run`'s second pass, on the
      // PostgreSQL server, repeats what depends on the database, not the browser journeys it ran once.
      // FAULT_TESTS=skip leaves out test/faults (processes killed, PostgreSQL restarted — its own embedded one —,
      // a file store filled): what they prove does not depend on the PostgreSQL version, and they are slow.
      testPathIgnorePatterns: [
        '/node_modules/',
        ...(process.env.BROWSER_TESTS === 'skip' ? ['<rootDir>/test/web/'] : []),
        ...(process.env.FAULT_TESTS === 'skip' ? ['<rootDir>/test/faults/'] : []),
      ],
    },
  ],
};
