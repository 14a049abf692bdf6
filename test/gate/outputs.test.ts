import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { evaluateGate, type GatePlan } from '../../src/gate/evaluate.js';
import { escapeData, escapeProperty, renderAnnotations } from '../../src/gate/github.js';
import { renderGateJunit } from '../../src/gate/junit.js';
import { renderGateMarkdown } from '../../src/gate/markdown.js';
import { markdownCell } from '../../src/render/markdown-escape.js';
import { renderGateSarif, rfcUrl, SARIF_SCHEMA } from '../../src/gate/sarif.js';
import { renderGateText } from '../../src/gate/gate-text.js';
import { sarifSchemaErrors } from '../support/sarif-schema.js';
import { DMARC_TIMEOUT, dmarcWith, makeAudit } from './support.js';

// DNS data with markup, table pipes, workflow-command and terminal control characters.
const HOSTILE = 'v=DMARC1; p=none; rua=mailto:a@example.net; x=<b>|%0A\u001b[31m';

const plan: GatePlan = {
  targets: [
    { domain: 'pass.example', location: { file: 'dmarc-audit.config.json', line: 3 } },
    { domain: 'none.example', location: { file: 'dmarc-audit.config.json', line: 4 } },
    { domain: 'timeout.example', location: { file: 'domains.txt', line: 7 } },
    { domain: 'ignored.example' },
  ],
  profile: 'enforce',
  rules: { requireRua: true },
  overrides: {},
  ignore: [{ code: 'requireRua', reason: 'reports <soon>', domains: ['ignored.example'] }],
};
const reports = [
  makeAudit({}, 'pass.example'),
  makeAudit({ dmarc: dmarcWith(HOSTILE, 'none'), findings: [{ code: 'SPF_PASS_ALL' }] }, 'none.example'),
  makeAudit(DMARC_TIMEOUT, 'timeout.example'),
  makeAudit({ dmarc: dmarcWith('v=DMARC1; p=reject', 'reject') }, 'ignored.example'),
];
const outcome = evaluateGate(plan, reports, '2026-01-01');

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; help: { text: string }; helpUri?: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      kind: string;
      level: string;
      message: { text: string };
      locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification: string }[];
    }[];
  }[];
}

describe('SARIF 2.1.0', () => {
  const log = JSON.parse(renderGateSarif(outcome, '1.2.3')) as SarifLog;
  const run = log.runs[0]!;
  const { rules } = run.tool.driver;

  it('is valid against the SARIF 2.1.0 JSON Schema', () => {
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('has the required top-level properties', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('dmarc-audit');
  });

  it('has one rule per id, each with a description, help and a reference link', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.shortDescription.text).not.toBe('');
      // BIMI has no RFC: its codes cite the Internet-Draft or the AuthIndicators Working Group's documents.
      expect(rule.help.text).toMatch(/Reference: (?:RFC \d+|draft-brand-indicators|AuthIndicators)/);
    }
    expect(rules.find((r) => r.id === 'DMARC_MISSING')?.shortDescription.text).toContain('_dmarc.<domain>');
    expect(rules.find((r) => r.id === 'minPolicy')?.helpUri).toBe('https://www.rfc-editor.org/rfc/rfc9989#section-4.7');
  });

  it('resolves every result\'s ruleId and ruleIndex to the same rule', () => {
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('reports every failing and undetermined domain, located at its line', () => {
    const located = run.results.map((r) => [r.message.text.split(':')[0], r.ruleId, r.locations?.[0]?.physicalLocation.artifactLocation.uri, r.locations?.[0]?.physicalLocation.region.startLine]);
    expect(located).toEqual([
      ['none.example', 'minPolicy', 'dmarc-audit.config.json', 4],
      ['none.example', 'SPF_PASS_ALL', 'dmarc-audit.config.json', 4],
      // One DNS failure hides every DMARC rule's facts: one problem, reported once (the other rules are sameAs it).
      ['timeout.example', 'minPolicy', 'domains.txt', 7],
      // Named on the command line: GitHub needs a location for every result, so a synthetic artifact.
      ['ignored.example', 'requireRua', 'dns/ignored.example', 1],
    ]);
  });

  it('gives a violation level error and an undetermined rule level warning, as the annotations do', () => {
    const levels = run.results.map((r) => [r.message.text.split(':')[0], r.ruleId, r.kind, r.level]);
    expect(levels).toContainEqual(['none.example', 'minPolicy', 'fail', 'error']);
    expect(levels).toContainEqual(['timeout.example', 'minPolicy', 'fail', 'warning']);
    const annotations = renderAnnotations(outcome).split('\n');
    for (const result of run.results.filter((r) => !r.suppressions)) {
      const [domain] = result.message.text.split(':');
      const annotation = annotations.find((line) => line.includes(`title=dmarc-audit ${result.ruleId}%3A ${domain}::`));
      expect(annotation?.slice(2, annotation.indexOf(' '))).toBe(result.level);
    }
  });

  it('marks an ignored failure as suppressed with its reason', () => {
    const ignored = run.results.find((r) => r.message.text.startsWith('ignored.example'));
    expect(ignored?.suppressions).toEqual([expect.objectContaining({ kind: 'external', justification: 'reports <soon>' })]);
  });

  it('gives fingerprints that are stable across runs and distinct per domain and rule', () => {
    const again = JSON.parse(renderGateSarif(evaluateGate(plan, reports, '2026-01-01'), '9.9.9')) as SarifLog;
    const prints = run.results.map((r) => r.partialFingerprints['dmarcAuditGate/v1']);
    expect(again.runs[0]!.results.map((r) => r.partialFingerprints['dmarcAuditGate/v1'])).toEqual(prints);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it.each([
    ['RFC 9989 §4.7', 'https://www.rfc-editor.org/rfc/rfc9989#section-4.7'],
    ['RFC 7208', 'https://www.rfc-editor.org/rfc/rfc7208'],
    ['CISA BOD 18-01', undefined],
  ])('links %s', (ref, url) => {
    expect(rfcUrl(ref)).toBe(url);
  });
});

describe('JUnit XML', () => {
  const xml = renderGateJunit(outcome);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as {
    testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: { name: string; testcase: { name: string; classname: string; failure?: { message: string }; error?: unknown; skipped?: { message: string } }[] }[] };
  };

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('has a suite per domain and a case per rule', () => {
    const suites = parsed.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(plan.targets.map((t) => t.domain));
    expect(suites[0]!.testcase.map((c) => c.name)).toEqual(['minPolicy', 'forbidTestingMode', 'forbidPartialPct', 'requireRua', 'requireSpf', 'allowedSpfAll', 'maxSpfLookups', 'noErrorFindings']);
  });

  it('marks violations as failures, unknowns as errors and ignores as skipped', () => {
    const [, none, timeout, ignored] = parsed.testsuites.testsuite;
    expect(none!.testcase.find((c) => c.name === 'minPolicy')?.failure?.message).toContain('effective DMARC policy is none');
    expect(none!.testcase.find((c) => c.name === 'SPF_PASS_ALL')?.failure).toBeDefined();
    expect(timeout!.testcase.find((c) => c.name === 'DNS_ERROR')?.error).toBeDefined();
    expect(ignored!.testcase.find((c) => c.name === 'requireRua')?.skipped?.message).toBe('ignored: reports <soon>');
    expect(parsed.testsuites).toMatchObject({ failures: '2', errors: '5', skipped: '1' });
  });
});

describe('Markdown and text', () => {
  it('escapes DNS data in table cells', () => {
    expect(markdownCell('a|b <i>[x](y)</i>\n')).toBe('a\\|b &lt;i&gt;\\[x\\]\\(y\\)&lt;/i&gt;\\\\x0a');
  });

  it('has a row per problem and one per passing domain', () => {
    const md = renderGateMarkdown(outcome);
    expect(md).toContain('## dmarc-audit gate failed');
    expect(md).toContain('| pass.example | ✅ pass | | | |');
    expect(md).toContain('| none.example | ❌ fail | `minPolicy` |');
    expect(md).toContain('| ignored.example | ignored: reports &lt;soon&gt; | `requireRua` |');
    const rows = md.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Domain'));
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('text has a line per domain, each failed rule with its fix, and a summary', () => {
    const text = renderGateText(outcome, new Chalk({ level: 0 }));
    expect(text).toMatch(/^PASS {4}pass\.example$/m);
    expect(text).toMatch(/^FAIL {4}none\.example {2}2 problems/m);
    expect(text).toContain('fix: In the record at _dmarc.none.example: set p=quarantine.');
    expect(text).toMatch(/^UNKNOWN timeout\.example/m);
    expect(text).toContain('4 domains: 2 passed, 1 failed, 1 undetermined — gate failed');
    expect(text).not.toContain('\u001b');
  });
});

describe('GitHub annotations', () => {
  it.each([
    ['data', escapeData('50%\r\nnext'), '50%25%0D%0Anext'],
    ['property', escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25'],
  ])('escape %s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  const lines = renderAnnotations(outcome).trimEnd().split('\n');

  it('are errors for violations and warnings for unknowns, at the domain\'s line', () => {
    expect(lines[0]).toMatch(/^::error file=dmarc-audit\.config\.json,line=4,title=dmarc-audit minPolicy%3A none\.example::none\.example: /);
    expect(lines.find((l) => l.startsWith('::warning'))).toMatch(/^::warning file=domains\.txt,line=7,title=dmarc-audit minPolicy%3A timeout\.example::timeout\.example: could not be determined/);
    expect(lines.every((l) => !l.includes('ignored.example'))).toBe(true);
  });

  it('stop at the limit and say how many more there are', () => {
    const capped = renderAnnotations(outcome, 2).trimEnd().split('\n');
    expect(capped).toHaveLength(3);
    expect(capped[2]).toBe('dmarc-audit: 1 more problems are in the step summary and the report.');
  });
});
