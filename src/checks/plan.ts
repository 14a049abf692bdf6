/**
 * Which checks run and with what options, from the command line or the gate config: the `--checks`
 * list and each check's own options, all named by the registry.
 */
import type { AuditPlan } from '../engine/audit.js';
import { ALL_CHECKS, CHECK_IDS, type CheckId } from './registry.js';
import type { CheckOptionSpec } from './types.js';

/** Every check's options, in registry order. */
export const CHECK_OPTIONS: readonly CheckOptionSpec[] = ALL_CHECKS.flatMap((check) => check.options);

/** The check options set in an object (a gate config, or one of its overrides), keyed by CheckOptionSpec.key. */
export function checkOptionValues(source: object): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { key } of CHECK_OPTIONS) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** The values the gate uses where neither its config nor its command line sets one. */
export const GATE_DEFAULTS: Readonly<Record<string, unknown>> = Object.fromEntries(
  CHECK_OPTIONS.flatMap((spec) => (spec.gateDefault === undefined ? [] : [[spec.key, spec.gateDefault]])),
);

/** The checks a run without --checks does: those that need only DNS. */
export const DEFAULT_CHECKS: readonly CheckId[] = ALL_CHECKS.filter((check) => check.runsByDefault).map((check) => check.id as CheckId);

/** The verdict rests on DMARC, so it runs whatever the list says. */
const ALWAYS: CheckId = 'dmarc';

/** A check named on the command line: its id in any case, with or without hyphens (mta-sts, mtasts, mtaSts). */
const spelling = (name: string): string => name.toLowerCase().replaceAll('-', '');
const BY_SPELLING = new Map<string, CheckId>(CHECK_IDS.map((id) => [spelling(id), id]));

/** A comma-separated list of check ids; throws with the allowed ids when one is unknown. */
export function parseCheckList(text: string): CheckId[] {
  const names = text.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = names.filter((name) => !BY_SPELLING.has(spelling(name)));
  if (unknown.length > 0) throw new Error(`unknown check ${unknown.map((id) => JSON.stringify(id)).join(', ')}: the checks are ${CHECK_IDS.join(', ')}`);
  if (names.length === 0) throw new Error(`no check named: the checks are ${CHECK_IDS.join(', ')}`);
  return names.map((name) => BY_SPELLING.get(spelling(name)) as CheckId);
}

/** The plan for a list of checks (default: DEFAULT_CHECKS) and option values keyed by CheckOptionSpec.key. */
export function planFor(checks: readonly CheckId[] | undefined, values: Readonly<Record<string, unknown>>): AuditPlan {
  const wanted = new Set<CheckId>([ALWAYS, ...(checks ?? DEFAULT_CHECKS)]);
  return {
    checks: CHECK_IDS.filter((id) => wanted.has(id)),
    options: Object.fromEntries(ALL_CHECKS.filter((check) => wanted.has(check.id as CheckId)).map((check) => [check.id, check.optionsFrom(values)])),
  };
}
