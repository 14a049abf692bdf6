import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { normalizeDomain } from '../domain/normalize.js';
import { createAuditor, type Auditor } from '../engine/auditor.js';
import { runBatch } from '../engine/batch.js';
import { evaluateGate, type GateOutcome, type GatePlan } from '../gate/evaluate.js';
import { renderGate, type GateFormat } from '../gate/formats.js';
import { appendStepSummary, inGithubActions, renderAnnotations } from '../gate/github.js';
import { utcToday } from '../gate/ignores.js';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../gate/load-config.js';
import { renderGateMarkdown } from '../gate/markdown.js';
import type { DomainAudit } from '../engine/audit.js';
import { chalkFor } from './colors.js';
import { resolverOptionsFrom } from './dns-options.js';
import { CliError, EXIT, UsageError } from './errors.js';
import type { GateOptions } from './gate-command.js';
import { validateDomainArguments } from './options.js';
import { writeOut } from './write.js';

/** `dmarc-audit gate`: plan, audit, evaluate, report; the verdict leaves as a CliError with its exit code. */
export async function runGate(domains: string[], options: GateOptions, version: string): Promise<void> {
  const plan = await planFor(domains, options);
  const outcome = evaluateGate(plan, await auditAll(plan, options, version), utcToday());
  await report(outcome, options, version);
  throwUnlessPassed(outcome);
}

/**
 * Domains named on the command line are checked without reading any file unless --config is given
 * too (then they replace the config's domains); otherwise the config file is required.
 */
async function planFor(domains: string[], options: GateOptions): Promise<GatePlan> {
  validateDomainArguments(domains);
  let plan: GatePlan;
  if (options.config === undefined && domains.length > 0) {
    plan = { targets: [], profile: 'enforce', rules: {}, overrides: {}, ignore: [] };
  } else {
    if (options.config === undefined && !existsSync(DEFAULT_CONFIG_FILE)) {
      throw new UsageError(`no ${DEFAULT_CONFIG_FILE} here: name domains, pass --config <file>, or create one with "dmarc-audit init"`);
    }
    try {
      plan = await loadConfig(options.config ?? DEFAULT_CONFIG_FILE);
    } catch (error) {
      throw error instanceof ConfigError ? new UsageError(error.message) : error;
    }
  }
  if (domains.length > 0) plan = { ...plan, targets: [...new Set(domains.map(normalized))].map((domain) => ({ domain })) };
  if (options.profile) plan = { ...plan, profile: options.profile };
  if (plan.targets.length === 0) throw new UsageError('no domain to check: the config lists none');
  return plan;
}

/** Only for names validateDomainArguments has accepted. */
function normalized(input: string): string {
  const result = normalizeDomain(input);
  return result.ok ? result.domain : input;
}

/** Audits every target in order with bounded concurrency; the one place the gate touches DNS. */
async function auditAll(plan: GatePlan, options: GateOptions, version: string): Promise<DomainAudit[]> {
  const auditor: Auditor = await createAuditor({ ...(await resolverOptionsFrom(options, version)), evidence: options.evidence });
  const audits: DomainAudit[] = [];
  try {
    const concurrency = options.concurrency;
    await runBatch(plan.targets, (target) => auditor.inspect(target.domain), (audit) => void audits.push(audit), { concurrency, window: concurrency * 4 });
  } finally {
    await auditor.close();
  }
  return audits;
}

/**
 * The chosen format goes to --output, or to stdout without it; with --output the terminal still
 * gets the text. In GitHub Actions, annotations go wherever they cannot corrupt a machine-readable
 * stdout, and the Markdown table is appended to the step summary.
 */
async function report(outcome: GateOutcome, options: GateOptions, version: string): Promise<void> {
  const chalk = chalkFor(process.stdout, options.color);
  const stdoutFormat: GateFormat = options.output === undefined ? options.format : 'text';
  if (options.output !== undefined) {
    try {
      await writeFile(options.output, renderGate(options.format, outcome, { chalk: chalkFor(process.stdout, false), version }));
    } catch (error) {
      throw new UsageError(`--output ${options.output}: cannot write: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  await writeOut(process.stdout, renderGate(stdoutFormat, outcome, { chalk, version }));
  if (inGithubActions(process.env)) {
    await writeOut(stdoutFormat === 'text' ? process.stdout : process.stderr, renderAnnotations(outcome));
    await appendStepSummary(renderGateMarkdown(outcome), process.env);
  }
}

/** The gate's verdict becomes the exit code through main(): 1 for a violation, 3 when it failed closed. */
function throwUnlessPassed(outcome: GateOutcome): void {
  const { fail, undetermined } = outcome.counts;
  const total = outcome.domains.length;
  if (outcome.status === 'fail') {
    throw new CliError(`gate failed: ${fail} of ${total} domains violate the policy${undetermined > 0 ? ` (${undetermined} more undetermined)` : ''}`, EXIT.violation);
  }
  if (outcome.status === 'undetermined') {
    throw new CliError(`gate failed closed: the verdict for ${undetermined} of ${total} domains could not be determined (DNS errors)`, EXIT.undetermined);
  }
}
