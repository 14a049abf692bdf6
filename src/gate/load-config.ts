import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { normalizeDomain } from '../domain/normalize.js';
import { listLineReader, type DomainLine, type ListEntry } from '../input/domain-line.js';
import { readLines } from '../input/read-lines.js';
import { configSchema, type GateConfig } from './config-schema.js';
import type { GatePlan, GateTarget, SourceLocation } from './evaluate.js';
import { blankComments, lineAndColumn, valueLines } from './json-text.js';

export { DEFAULT_CONFIG_FILE } from './names.js';

/** The config cannot be used; each problem is one line naming the field, the value and what is allowed. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    // One line: the CLI shows messages through the terminal escape, which makes newlines visible.
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** rules.minPolicy, domains[2], overrides["example.com"].profile */
function fieldName(pathParts: readonly PropertyKey[]): string {
  let out = '';
  for (const part of pathParts) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (IDENTIFIER.test(String(part))) out += out === '' ? String(part) : `.${String(part)}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out === '' ? '(top level)' : out;
}

function valueAt(input: unknown, pathParts: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of pathParts) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  return value;
}

function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

/** One zod issue as "field: value — allowed …". */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string[] {
  const at = (parts: readonly PropertyKey[]) => `${fieldName(parts)}: ${shown(valueAt(input, parts))}`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${fieldName([...issue.path, key])}: ${issue.message}`);
    case 'invalid_value':
      return [`${at(issue.path)} — allowed: ${issue.values.map(String).join(', ')}`];
    case 'invalid_type':
      return [`${at(issue.path)} — expected ${issue.expected}`];
    default:
      return [`${at(issue.path)} — ${issue.message}`];
  }
}

/** Parses and validates config text (JSON with comments). Pure. */
export function parseConfigText(text: string, file: string): { config: GateConfig; lines: Map<string, number> } {
  const json = blankComments(text.replace(/^\uFEFF/, ''));
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /position (\d+)/.exec(message)?.[1];
    const where = offset === undefined ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineAndColumn(json, Number(offset)));
    throw new ConfigError(file, [`not valid JSON${where}: ${message}`]);
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.flatMap((issue) => describeIssue(issue, input)));
  return { config: parsed.data, lines: valueLines(json) };
}

function normalizedOrProblem(input: string, field: string, problems: string[]): string | undefined {
  const result = normalizeDomain(input);
  if (result.ok) return result.domain;
  problems.push(`${field}: ${JSON.stringify(input)} — not a domain name: ${result.error}`);
  return undefined;
}

/**
 * Turns a validated config and the lines of its domain list (if any) into the gate's plan: domains
 * normalized and de-duplicated (first mention wins, for its location), overrides and ignores checked
 * against them. Pure.
 */
export function planFromConfig(
  { config, lines }: ReturnType<typeof parseConfigText>,
  file: string,
  list?: { file: string; lines: DomainLine[] },
): GatePlan {
  const problems: string[] = [];
  const targets = new Map<string, GateTarget>();
  const add = (domain: string | undefined, target: Omit<GateTarget, 'domain'>): void => {
    if (domain !== undefined && !targets.has(domain)) targets.set(domain, { domain, ...target });
  };
  config.domains?.forEach((input, index) => {
    const line = lines.get(`domains/${index}`);
    add(normalizedOrProblem(input, `domains[${index}]`, problems), line === undefined ? {} : { location: { file, line } });
  });
  for (const { domain, location } of list ? listTargets(list.file, list.lines, problems) : []) add(domain, { location });
  if (config.domains === undefined && config.domainList === undefined) problems.push('domains: missing — give "domains" (a list) or "domainList" (a file)');

  const overrides: GatePlan['overrides'] = {};
  for (const [key, override] of Object.entries(config.overrides ?? {})) {
    const domain = normalizedOrProblem(key, fieldName(['overrides', key]), problems);
    if (domain === undefined) continue;
    if (!targets.has(domain)) problems.push(`${fieldName(['overrides', key])}: not one of the configured domains`);
    overrides[domain] = override;
  }
  const ignore = (config.ignore ?? []).map((entry, index) => {
    if (entry.domains === undefined) return entry;
    const domains = entry.domains.map((d, j) => normalizedOrProblem(d, `ignore[${index}].domains[${j}]`, problems) ?? d);
    return { ...entry, domains };
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { targets: [...targets.values()], profile: config.profile, rules: config.rules ?? {}, overrides, ignore, configFile: file };
}

/** A domain list's domains, each located at its line; a line that is not a domain name is a problem naming file and line. */
export function listTargets(file: string, lines: readonly DomainLine[], problems: string[]): (GateTarget & { location: SourceLocation })[] {
  const targets: (GateTarget & { location: SourceLocation })[] = [];
  for (const entry of lines) {
    if (entry.kind === 'invalid') problems.push(`${file}:${entry.line}: ${JSON.stringify(entry.input)} — not a domain name: ${entry.error}`);
    if (entry.kind === 'domain') targets.push({ domain: entry.domain, location: { file, line: entry.line } });
  }
  return targets;
}

export async function readDomainList(bytes: AsyncIterable<Uint8Array>): Promise<ListEntry[]> {
  const entries: ListEntry[] = [];
  const read = listLineReader();
  for await (const lines of readLines(bytes)) {
    for (const entry of read(lines)) entries.push(entry);
  }
  return entries;
}

/** Reads a config file (and the domain list it names) into a plan. Paths in results are as the user would type them. */
export async function loadConfig(file: string): Promise<GatePlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`cannot read the config: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  const parsed = parseConfigText(text, file);
  const listPath = parsed.config.domainList;
  if (listPath === undefined) return planFromConfig(parsed, file);
  // The list is relative to the config, so a config works from any directory.
  const listFile = path.relative(process.cwd(), path.resolve(path.dirname(file), listPath)) || listPath;
  try {
    return planFromConfig(parsed, file, { file: listFile, lines: await readDomainList(createReadStream(listFile)) });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(file, [`domainList: ${JSON.stringify(listPath)} — cannot read ${listFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
}
