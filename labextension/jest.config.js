/** Jest runs the pure modules (token rules, diagnostic ranges) under Node. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testRegex: '\\.spec\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }]
  },
  collectCoverageFrom: [
    'src/core/editor.ts',
    'src/ranges.ts',
    'src/renderer/*.ts'
  ],
  coverageReporters: ['text-summary']
};
