import type { Config } from '@jest/types';
import {
  missingMessage,
  missingPrerequisites,
  neededPrerequisites,
  TEST_PREREQUISITES,
  testFilesOf,
  thisSystem,
} from './prerequisites';

/**
 * The integration project's globalSetup: jest runs it only when a run holds integration tests, before
 * any of them (and before the shared certificates are issued), so `npm run test:unit` never asks for
 * chromium and `npm test` on a machine without the Debian packages fails in a second, not minutes in.
 * Only what the selected tests need is checked (`npx jest test/integration/smoke` needs none).
 */
export default function checkTestPrerequisites(globalConfig: Config.GlobalConfig): void {
  const { rootDir, testPathPattern } = globalConfig;
  const needed = neededPrerequisites(TEST_PREREQUISITES, testFilesOf(rootDir), { rootDir, testPathPattern });
  const missing = missingPrerequisites(needed, thisSystem);
  if (missing.length === 0) return;
  const error = new Error(missingMessage(missing));
  // The message says all there is: no stack of this file under it.
  error.stack = error.message;
  throw error;
}
