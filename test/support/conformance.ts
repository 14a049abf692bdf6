import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** The public conformance data, read in place (never copied in): ../shared/conformance/ beside the project's root. */
export const CONFORMANCE_DIR = new URL('../../../shared/conformance/', import.meta.url);

/** `DMARC_AUDIT_CONFORMANCE=required` says the data must be there: a missing file then fails instead of skipping. */
export const REQUIRED_VARIABLE = 'DMARC_AUDIT_CONFORMANCE';

export type ConformanceState = { run: true } | { run: false; missing: string[]; required: boolean };

/** Pure: whether a suite's files are all there, and if not, whether that is allowed. */
export function conformanceState(files: readonly URL[], env: NodeJS.ProcessEnv, exists: (file: URL) => boolean = existsSync): ConformanceState {
  const missing = files.filter((file) => !exists(file)).map((file) => fileURLToPath(file));
  return missing.length === 0 ? { run: true } : { run: false, missing, required: env[REQUIRED_VARIABLE] === 'required' };
}

/**
 * Whether a conformance suite can run. When its data is absent it registers, in its place, a skipped
 * suite that says what is missing, or a failing test when the data is required: a figure the README
 * claims ("203 of 203") must never pass by not running.
 */
export function conformanceAvailable(title: string, files: readonly URL[]): boolean {
  const state = conformanceState(files, process.env);
  if (state.run) return true;
  const what = `${state.missing.join(', ')} not found`;
  if (state.required) {
    describe(title, () => {
      it(`has its data (${REQUIRED_VARIABLE}=required)`, () => {
        throw new Error(`${what}; put the shared conformance data at ${fileURLToPath(CONFORMANCE_DIR)} (see the README)`);
      });
    });
  } else {
    describe.skip(`${title}: ${what}; nothing to run (set ${REQUIRED_VARIABLE}=required to make this a failure)`, () => {
      it.skip('needs the shared conformance data', () => {});
    });
  }
  return false;
}
