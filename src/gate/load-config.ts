import { checkOptionValues } from '../checks/plan.js';
import { constants } from 'node:fs';
import { open, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { normalizeDomain } from '../domain/normalize.js';
import { clipText } from '../findings/clip-text.js';
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

/** `literal`: how the value is written in the file, for a number JSON.parse made infinite (1e999). */
function shown(value: unknown, literal: string | undefined): string {
  if (value === undefined) return 'missing';
  const json = typeof value === 'number' && !Number.isFinite(value) ? (literal ?? String(value)) : JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

/** A number literal (or string) of JSON text; strings are matched so that digits inside them are skipped. */
const JSON_STRING_OR_NUMBER = /"(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** The first number on line `line` of `json` too large for a double (JSON.parse makes it Infinity). */
function infiniteLiteralOnLine(json: string, line: number): string | undefined {
  for (const [token] of (json.split('\n')[line - 1] ?? '').matchAll(JSON_STRING_OR_NUMBER)) {
    if (!token.startsWith('"') && !Number.isFinite(Number(token))) return token;
  }
  return undefined;
}

/**
 * One zod issue as "field: value — allowed …". `literalAt` gives how a value is written in the file
 * when JSON.parse lost it (a number too large becomes Infinity, which JSON would print as null).
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, literalAt: (parts: readonly PropertyKey[]) => string | undefined = () => undefined): string[] {
  const at = (parts: readonly PropertyKey[]) => `${fieldName(parts)}: ${shown(valueAt(input, parts), literalAt(parts))}`;
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

export interface ParsedConfig {
  config: GateConfig;
  /** Where each value starts (see valueLines). */
  lines: Map<string, number>;
  /** The keys of `overrides` as written, "__proto__" included. */
  overrideKeys: string[];
}

/** Parses and validates config text (JSON with comments). Pure. */
export function parseConfigText(text: string, file: string): ParsedConfig {
  const json = blankComments(text.replace(/^\uFEFF/, ''));
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch (error) {
    // V8 quotes the start of the text ('Unexpected token 'P', "PATH=/usr/"... is not valid JSON'): not
    // repeated, in case the file is not a config at all but a link to something secret.
    const message = (error as Error).message.replace(/, ".*"(?:\.\.\.)? is not valid JSON$/s, '');
    const offset = /position (\d+)/.exec(message)?.[1];
    const where = offset === undefined ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineAndColumn(json, Number(offset)));
    throw new ConfigError(file, [`not valid JSON${where}: ${message}`]);
  }
  const lines = valueLines(json);
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const literalAt = (parts: readonly PropertyKey[]): string | undefined => {
      const line = lines.get(parts.map(String).join('/'));
      return line === undefined ? undefined : infiniteLiteralOnLine(json, line);
    };
    throw new ConfigError(file, parsed.error.issues.flatMap((issue) => describeIssue(issue, input, literalAt)));
  }
  // A record keeps no "__proto__" key (assigning it sets the prototype), so the keys are read from the input.
  const overrides = (input as { overrides?: object }).overrides;
  return { config: parsed.data, lines, overrideKeys: overrides === undefined ? [] : Object.keys(overrides) };
}

/** How much of a bad domain-list line an error shows, and how many bad lines: the list may hold anything. */
const LINE_EXCERPT = 24;
const REASON_LENGTH = 100;
const BAD_LINES_SHOWN = 3;

/** A bad list line as a problem that quotes only a short excerpt of it, even inside the reason. */
function badListLine(file: string, entry: Extract<DomainLine, { kind: 'invalid' }>): string {
  const excerpt = clipText(entry.input, LINE_EXCERPT);
  const reason = clipText(entry.error.split(`"${entry.input}"`).join(JSON.stringify(excerpt)), REASON_LENGTH);
  return `${file}:${entry.line}: ${JSON.stringify(excerpt)} — not a domain name: ${reason}`;
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
  { config, lines, overrideKeys }: ParsedConfig,
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
  for (const key of overrideKeys) {
    const domain = normalizedOrProblem(key, fieldName(['overrides', key]), problems);
    if (domain === undefined) continue;
    if (!targets.has(domain)) problems.push(`${fieldName(['overrides', key])}: not one of the configured domains`);
    const override = config.overrides?.[key];
    if (override) overrides[domain] = override;
  }
  const ignore = (config.ignore ?? []).map((entry, index) => {
    if (entry.domains === undefined) return entry;
    const domains = entry.domains.map((d, j) => normalizedOrProblem(d, `ignore[${index}].domains[${j}]`, problems) ?? d);
    return { ...entry, domains };
  });
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { targets: [...targets.values()], profile: config.profile, rules: config.rules ?? {}, overrides, ignore, configFile: file, checks: config.checks, checkOptions: checkOptionValues(config) };
}

/**
 * A domain list's domains, each located at its line. A line that is not a domain name is a problem
 * naming file and line, quoted as a short excerpt, and only the first few are listed: a list may hold
 * anything, and problems end up in CI logs.
 */
export function listTargets(file: string, lines: readonly DomainLine[], problems: string[]): (GateTarget & { location: SourceLocation })[] {
  const targets: (GateTarget & { location: SourceLocation })[] = [];
  let badLines = 0;
  for (const entry of lines) {
    if (entry.kind === 'invalid' && ++badLines <= BAD_LINES_SHOWN) problems.push(badListLine(file, entry));
    if (entry.kind === 'domain') targets.push({ domain: entry.domain, location: { file, line: entry.line } });
  }
  if (badLines > BAD_LINES_SHOWN) problems.push(`${file}: ${badLines - BAD_LINES_SHOWN} more lines that are not domain names`);
  return targets;
}

/** Every entry of a domain list read from bytes. */
export async function readListEntries(bytes: AsyncIterable<Uint8Array>): Promise<ListEntry[]> {
  const entries: ListEntry[] = [];
  const read = listLineReader();
  for await (const lines of readLines(bytes)) {
    for (const entry of read(lines)) entries.push(entry);
  }
  return entries;
}

/** Whether `target` is `folder` or below it (both absolute, symbolic links resolved). */
function isWithin(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * The config's domain list. A config arrives with pull requests, so the list must be a regular file
 * in the config's folder or below it once symbolic links are resolved: "/proc/self/environ",
 * "../../secrets" or a link to them must not have the runner read its files (and quote them in errors).
 */
async function readDomainList(configFile: string, listPath: string, listFile: string): Promise<ListEntry[]> {
  const problem = (what: string): ConfigError => new ConfigError(configFile, [`domainList: ${JSON.stringify(listPath)} — ${what}`]);
  const folder = await realpath(path.dirname(configFile));
  const target = await realpath(path.resolve(path.dirname(configFile), listPath)).catch((error: NodeJS.ErrnoException) => {
    throw problem(`cannot read ${listFile}: ${error.code ?? error.message}`);
  });
  if (!isWithin(folder, target)) throw problem("must be a file in the config's folder or below it (after symbolic links), and this one is not");
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
  const handle = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw problem(`cannot read ${listFile}: ${error.code ?? error.message}`);
  });
  try {
    if (!(await handle.stat()).isFile()) throw problem(`${listFile} is not a regular file`);
    return await readListEntries(handle.createReadStream({ autoClose: false }));
  } finally {
    await handle.close();
  }
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
    return planFromConfig(parsed, file, { file: listFile, lines: await readDomainList(file, listPath, listFile) });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(file, [`domainList: ${JSON.stringify(listPath)} — cannot read ${listFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
}
