import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FINDING_CATALOG, FINDING_CODES, type FindingCode } from '../findings/catalog.js';
import { severitiesOf } from '../findings/describe.js';
import { safeJson } from '../render/escape.js';
import type { FindingArgs } from '../findings/types.js';
import { RULE_NAMES, type RuleName } from './config-schema.js';
import type { DomainOutcome, GateOutcome, GateResult, SourceLocation } from './evaluate.js';
import { problems, wordsOf } from './evaluate.js';
import { ALL_CHECKS } from '../checks/registry.js';
import { CHECK_RULES, resultId } from './rules.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; reference: string };
}

/** "RFC 9989 §4.7" → its section on rfc-editor.org; an Internet-Draft (BIMI has no RFC) → its datatracker page. */
export function rfcUrl(ref: string): string | undefined {
  const match = /RFC (\d+)(?: §([\d.]+))?/.exec(ref);
  const draft = /\b(draft-[a-z0-9-]+[a-z0-9])/.exec(ref)?.[1];
  if (!match) return draft ? `https://datatracker.ietf.org/doc/${draft}/` : undefined;
  return `https://www.rfc-editor.org/rfc/rfc${match[1]}${match[2] ? `#section-${match[2]}` : ''}`;
}

// Catalog messages are templates over a finding's facts; placeholders like <domain> make them general help text.
const PLACEHOLDERS = new Proxy({}, { get: (_target, key) => `<${String(key)}>` }) as FindingArgs;

/** The check a finding code or rule belongs to; codes of no single check are tagged by what they are about. */
function tagsFor(id: string): string[] {
  const owner = ALL_CHECKS.find((check) => id in check.catalog || id in check.rules);
  return ['security', owner?.id ?? (id.startsWith('DNS') ? 'dns' : 'dmarc')];
}

function ruleFor(id: string, name: string, summary: string, fix: string, ref: string, level: SarifRule['defaultConfiguration']['level']): SarifRule {
  const helpUri = rfcUrl(ref);
  return {
    id,
    name,
    shortDescription: { text: summary },
    fullDescription: { text: `${summary} (${ref})` },
    help: { text: `${fix}\nReference: ${ref}`, markdown: `${fix}\n\nReference: ${helpUri ? `[${ref}](${helpUri})` : ref}` },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level },
    properties: { tags: tagsFor(id), reference: ref },
  };
}

const pascal = (id: string): string => id.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _s, ch: string) => ch.toUpperCase());

/**
 * The rule table: every gate rule, then every finding code. It is the same in every run, so a
 * ruleIndex always means the same rule. noErrorFindings reports under the finding codes.
 */
export function sarifRules(): SarifRule[] {
  const gateRules = RULE_NAMES.filter((name): name is Exclude<RuleName, 'noErrorFindings'> => name !== 'noErrorFindings').map((name) =>
    ruleFor(name, name.charAt(0).toUpperCase() + name.slice(1), CHECK_RULES.get(name)?.definition.title ?? name, `Configured in the gate's rules as "${name}"; the result says what to change.`, CHECK_RULES.get(name)?.definition.ref ?? '', 'error'),
  );
  const findingRules = FINDING_CODES.map((code: FindingCode) => {
    const entry = FINDING_CATALOG[code];
    const ref = typeof entry.ref === 'string' ? entry.ref : entry.ref(PLACEHOLDERS);
    const [severity = 'warning'] = severitiesOf(code);
    const level = severity === 'info' ? 'note' : severity;
    return ruleFor(code, pascal(code), entry.message(PLACEHOLDERS), entry.fix(PLACEHOLDERS), ref, level);
  });
  return [...gateRules, ...findingRules];
}

/** Stable across runs and message wording: what failed (rule) where (domain). */
function fingerprint(domain: string, id: string): string {
  return createHash('sha256').update(`${domain}\n${id}`).digest('hex');
}

/** A config or list path as a SARIF URI: relative paths stay relative (to the repository root, for code scanning). */
function artifactUri(file: string): string {
  return path.isAbsolute(file) ? pathToFileURL(file).href : encodeURI(file.split(path.sep).join('/'));
}

/**
 * Where a domain's results are shown. GitHub code scanning rejects a whole upload if any result has no
 * physical location with an artifact URI, so a domain named on the command line (it has no line in any
 * file) is placed at line 1 of the artifact `dns/<domain>`: a relative path that exists in no
 * repository, which GitHub accepts and shows without a preview, and which stays the same across runs.
 */
function domainLocation(domain: string, location: SourceLocation | undefined) {
  const uri = location ? artifactUri(location.file) : `dns/${encodeURIComponent(domain)}`;
  return [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: location?.line ?? 1 } } }];
}

/**
 * A violation is a failure of level error. An undetermined rule (DNS failed) is a failure too, as the
 * gate fails closed, but of level warning, as in the annotations: SARIF's own kind for "could not be
 * determined" (open, §3.27.9) would force level none (§3.27.10), which code scanning shows as a note.
 */
const levelOf = (result: GateResult): 'error' | 'warning' => (result.status === 'undetermined' ? 'warning' : 'error');

function sarifResult(domain: DomainOutcome, result: GateResult, ruleIndex: Map<string, number>) {
  const id = resultId(result);
  const words = wordsOf(result);
  const prefix = result.status === 'undetermined' ? 'could not be determined (the gate fails closed): ' : '';
  return {
    ruleId: id,
    ruleIndex: ruleIndex.get(id) ?? -1,
    kind: 'fail',
    level: levelOf(result),
    message: { text: `${domain.domain}: ${prefix}${words.message}${words.fix ? ` Fix: ${words.fix}` : ''}` },
    locations: domainLocation(domain.domain, domain.location),
    partialFingerprints: { 'dmarcAuditGate/v1': fingerprint(domain.domain, id) },
    properties: { domain: domain.domain, status: result.status, rule: result.rule, profile: domain.profile, reference: words.ref },
    ...(result.ignored ? { suppressions: [{ kind: 'external', status: 'accepted', justification: result.ignored.reason }] } : {}),
  };
}

/** SARIF 2.1.0 for GitHub code scanning: one result per failed or undetermined rule of each domain. */
export function renderGateSarif(outcome: GateOutcome, version: string): string {
  const rules = sarifRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dmarc-audit', semanticVersion: version, version, rules } },
        results: outcome.domains.flatMap((domain) => problems(domain).map((result) => sarifResult(domain, result, ruleIndex))),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${safeJson(log, 2)}\n`;
}
