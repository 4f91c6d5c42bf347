/** Test files say what they touch: *.test.ts (pure), *.int.test.ts (real server on loopback),
 *  *.redis.test.ts (real Redis), *.e2e.test.ts (real Chromium), *.dom.test.tsx (jsdom). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/{shared,server,test,bench}/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
    },
    {
      displayName: 'dom',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/client/**/*.test.ts?(x)'],
      moduleNameMapper: { '\\.(css)$': '<rootDir>/test/support/styleStub.js' },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)sx?$': swc },
      testMatch: ['<rootDir>/test/**/*.e2e.test.ts'],
    },
  ],
};
