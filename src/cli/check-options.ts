import { Option, type Command } from 'commander';
import { CHECK_OPTIONS, DEFAULT_CHECKS, parseCheckList, planFor } from '../checks/plan.js';
import { CHECK_IDS, type CheckId } from '../checks/registry.js';
import type { AuditPlan } from '../engine/audit.js';
import { UsageError } from './errors.js';

const usage =
  <T>(parse: (value: string) => T) =>
  (value: string): T => {
    try {
      return parse(value);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };

/** What commander parses for `--checks` and the checks' options (attribute names vary by option). */
export interface CheckCliOptions {
  checks?: CheckId[];
}

/** `--checks` and every check's own options (each check declares them; see src/checks/<id>/check.ts). */
export function addCheckOptions(command: Command): Command {
  command.option(
    '--checks <list>',
    `checks to run, comma-separated, from ${CHECK_IDS.join(', ')} (default: ${DEFAULT_CHECKS.join(',')}); dmarc always runs`,
    usage(parseCheckList),
  );
  for (const spec of CHECK_OPTIONS) {
    const parse = usage(spec.parse ?? ((value: string) => value));
    const option = new Option(spec.flags, spec.description);
    if (spec.repeatable) option.argParser((value: string, previous: unknown[] | undefined) => [...(previous ?? []), parse(value)]);
    else if (spec.parse) option.argParser(parse);
    command.addOption(option);
  }
  return command;
}

/** The option values given on the command line, keyed as the checks read them; absent ones are left out. */
export function checkValuesFrom(options: object, command: Command): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const spec of CHECK_OPTIONS) {
    const option = command.options.find((o) => o.flags === spec.flags);
    const value = option ? (options as Record<string, unknown>)[option.attributeName()] : undefined;
    if (value !== undefined) values[spec.key] = value;
  }
  return values;
}

/** The audit plan the command line asks for. */
export function planFromOptions(options: CheckCliOptions, command: Command): AuditPlan {
  return planFor(options.checks, checkValuesFrom(options, command));
}
