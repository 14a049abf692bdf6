import { FAIL_ON_CONDITIONS, type FailOnCondition } from '../report/fail-on.js';
import { UsageError } from './errors.js';

export const FAIL_ON_HELP = `exit 1 when any domain matches one of: ${FAIL_ON_CONDITIONS.join(', ')} (comma-separated or repeated)`;

/** `--fail-on` is repeatable and takes comma-separated lists: `--fail-on monitoring,unprotected --fail-on dns-error`. */
export function collectFailOn(value: string, previous: FailOnCondition[]): FailOnCondition[] {
  const conditions = value.split(',').map((word) => word.trim());
  for (const condition of conditions) {
    if (!(FAIL_ON_CONDITIONS as readonly string[]).includes(condition)) {
      throw new UsageError(`--fail-on "${condition}" is not a condition; allowed: ${FAIL_ON_CONDITIONS.join(', ')} (comma-separated, or the option repeated)`);
    }
  }
  return [...new Set([...previous, ...(conditions as FailOnCondition[])])];
}
