import { existsSync } from 'node:fs';
import { normalizeDomain } from '../domain/normalize.js';
import { checkOptionValues, GATE_DEFAULTS, planFor } from '../checks/plan.js';
import type { CheckId } from '../checks/registry.js';
import type { AuditPlan, DomainAudit } from '../engine/audit.js';
import { createAuditor, type Auditor } from '../engine/auditor.js';
import { runBatch } from '../engine/batch.js';
import { checksFor, evaluateGate, type GateOutcome, type GatePlan, type GateTarget } from '../gate/evaluate.js';
import { renderGate, type GateFormat } from '../gate/formats.js';
import type { GateRun } from '../gate/html.js';
import type { RunResolverOptions } from '../dns/run-resolver.js';
import { appendStepSummary, inGithubActions, renderAnnotations } from '../gate/github.js';
import { utcToday } from '../gate/ignores.js';
import { ConfigError, DEFAULT_CONFIG_FILE, listTargets, loadConfig, readListEntries } from '../gate/load-config.js';
import { renderGateMarkdown } from '../gate/markdown.js';
import { chalkFor } from './colors.js';
import { dnsSources, resolverOptionsFrom } from './dns-options.js';
import { httpsOptionsFrom } from './https-options.js';
import { openDomainList } from './domain-list-file.js';
import { CliError, EXIT, UsageError } from './errors.js';
import type { GateOptions } from './gate-command.js';
import { validateDomainArguments } from './options.js';
import { openOutput, type OutputTarget } from './output-target.js';
import { writeOut } from './write.js';

/** `dmarc-audit gate`: plan, audit, evaluate, report; the verdict leaves as a CliError with its exit code. */
export async function runGate(domains: string[], options: GateOptions, { version, checkValues }: { version: string; checkValues: Record<string, unknown> }): Promise<void> {
  const plan = await gatePlanFor(domains, options);
  const auditPlanOf = (domain: string): AuditPlan => domainAuditPlan(plan, domain, options.checks, checkValues);
  // Opened before the first query: an --output that cannot be written is a usage error at once.
  const output = options.output === undefined ? undefined : await openOutput('--output', options.output);
  let outcome: GateOutcome;
  try {
    const started = new Date().toISOString();
    const startedMs = performance.now();
    const resolverOptions = await resolverOptionsFrom(options, version);
    const { audits, dnsQueries } = await auditAll(plan, options, resolverOptions, auditPlanOf);
    outcome = evaluateGate(plan, audits, utcToday());
    const run: GateRun = { started, dns: dnsSources(options, resolverOptions), elapsedSeconds: (performance.now() - startedMs) / 1000, dnsQueries };
    await report(outcome, options, version, run, output);
  } catch (error) {
    await output?.discard();
    throw error;
  }
  throwUnlessPassed(outcome);
}

/**
 * Domains named on the command line or in --file are checked without reading a config unless --config
 * is given too (then they replace the config's domains); otherwise the config file is required.
 */
async function gatePlanFor(domains: string[], options: GateOptions): Promise<GatePlan> {
  validateDomainArguments(domains);
  const named = [...domains.map((domain) => ({ domain: normalized(domain) })), ...(options.file === undefined ? [] : await listedTargets(options.file))];
  const byArguments = domains.length > 0 || options.file !== undefined;
  let plan: GatePlan;
  if (options.config === undefined && byArguments) {
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
  if (byArguments) plan = { ...plan, targets: firstMentions(named) };
  if (options.profile) plan = { ...plan, profile: options.profile };
  if (plan.targets.length === 0) throw new UsageError(`no domain to check: ${byArguments ? `--file ${options.file}` : 'the config'} lists none`);
  return plan;
}

/**
 * `--file`: every line a domain, located at its line for SARIF and annotations (a list on standard
 * input has no file to point at); a line that is not a domain name stops the gate, as in a config's list.
 */
async function listedTargets(file: string): Promise<GateTarget[]> {
  const entries = await readListEntries((await openDomainList(file, false)).bytes).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --file ${file}: ${error.code ?? error.message}`);
  });
  const problems: string[] = [];
  const targets = listTargets(file, entries, problems);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return file === '-' ? targets.map(({ domain }) => ({ domain })) : targets;
}

/** A domain named twice is checked once, where it was first named (as in a config). */
function firstMentions(targets: GateTarget[]): GateTarget[] {
  const first = new Map<string, GateTarget>();
  for (const target of targets) if (!first.has(target.domain)) first.set(target.domain, target);
  return [...first.values()];
}

/** Only for names validateDomainArguments has accepted. */
function normalized(input: string): string {
  const result = normalizeDomain(input);
  return result.ok ? result.domain : input;
}

/** Audits every target in order with bounded concurrency; the one place the gate touches DNS. */
/**
 * The checks and their options for one domain: the gate's defaults, then the config's values, then the
 * domain's override, then the command line's.
 */
function domainAuditPlan(plan: GatePlan, domain: string, cliChecks: CheckId[] | undefined, cliValues: Record<string, unknown>): AuditPlan {
  const override = checkOptionValues(plan.overrides[domain] ?? {});
  return planFor(cliChecks ?? plan.checks ?? checksFor(plan, domain), { ...GATE_DEFAULTS, ...plan.checkOptions, ...override, ...cliValues });
}

async function auditAll(
  plan: GatePlan,
  options: GateOptions,
  resolverOptions: RunResolverOptions,
  auditPlanOf: (domain: string) => AuditPlan,
): Promise<{ audits: DomainAudit[]; dnsQueries: number }> {
  const auditor: Auditor = await createAuditor({ ...resolverOptions, https: await httpsOptionsFrom(options), evidence: options.evidence });
  const audits: DomainAudit[] = [];
  try {
    const concurrency = options.concurrency;
    await runBatch(plan.targets, (target) => auditor.inspect(target.domain, auditPlanOf(target.domain)), (audit) => void audits.push(audit), { concurrency, window: concurrency * 4 });
    return { audits, dnsQueries: auditor.queriesSent() };
  } finally {
    await auditor.close();
  }
}

/**
 * The chosen format goes to --output, or to stdout without it; with --output the terminal still
 * gets the text. In GitHub Actions, annotations go wherever they cannot corrupt a machine-readable
 * stdout, and the Markdown table is appended to the step summary.
 */
async function report(outcome: GateOutcome, options: GateOptions, version: string, run: GateRun, output: OutputTarget | undefined): Promise<void> {
  const chalk = chalkFor(process.stdout, options.color);
  const stdoutFormat: GateFormat = output === undefined ? options.format : 'text';
  const terminal = !(options.quiet && stdoutFormat === 'text');
  if (output) {
    await writeOut(output.stream, renderGate(options.format, outcome, { chalk: chalkFor(process.stdout, false), version, run }));
    await output.commit();
  }
  if (terminal) await writeOut(process.stdout, renderGate(stdoutFormat, outcome, { chalk, version, run }));
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
