/**
 * Jest runs the TypeScript sources as ES modules through ts-jest (transpile only; `npm run typecheck`
 * checks types). Tests that run a real `go` (they use the go-toolchains helper, directly or through the
 * check harness) form their own project with a long timeout; the pure tests get a short one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.dirname(new URL(import.meta.url).pathname);

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const REAL_GO = /helpers\/go-toolchains|check\/harness|\/harness\.js|rules\/support\.js/;
const all = testFiles(path.join(ROOT, '__tests__'));
const realGo = all.filter((file) => REAL_GO.test(readFileSync(file, 'utf8')));
const pure = all.filter((file) => !realGo.includes(file));

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
};

export default {
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'real-go', testMatch: realGo, setupFilesAfterEnv: [path.join(ROOT, '__tests__/setup/real-go-timeout.ts')] },
    { ...shared, displayName: 'pure', testMatch: pure, setupFilesAfterEnv: [path.join(ROOT, '__tests__/setup/pure-timeout.ts')] },
  ],
};
