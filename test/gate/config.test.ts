import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/gate/config-schema.js';
import { configJsonSchema, PROFILE_NAMES, RULE_NAMES } from '../../src/gate/config-schema.js';
import { ConfigError, parseConfigText, planFromConfig } from '../../src/gate/load-config.js';
import { starterConfig } from '../../src/gate/starter-config.js';
import { parseDomainLine } from '../../src/input/domain-line.js';

const FILE = 'dmarc-audit.config.json';

function problemsOf(text: string, list?: { file: string; lines: ReturnType<typeof parseDomainLine>[] }): string[] {
  try {
    planFromConfig(parseConfigText(text, FILE), FILE, list);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config errors name the field, the value and what is allowed', () => {
  it.each([
    // Every key the schema has, checks' options included, in its order: what a user may write instead.
    ['unknown top-level key', '{"domains":["a.com"],"profil":"strict"}', `profil: unknown key — allowed: ${Object.keys(configSchema.shape).join(', ')}`],
    ['unknown rule', '{"domains":["a.com"],"rules":{"minPolicyy":"reject"}}', 'rules.minPolicyy: unknown key — allowed: minPolicy, minSubdomainPolicy'],
    ['wrong type', '{"domains":"a.com"}', 'domains: "a.com" — expected array'],
    ['wrong type in a rule', '{"domains":["a.com"],"rules":{"requireRua":"yes"}}', 'rules.requireRua: "yes" — expected boolean'],
    ['bad profile name', '{"domains":["a.com"],"profile":"enforcing"}', 'profile: "enforcing" — allowed: enforce, strict, bod-18-01, bulk-sender, parked'],
    ['bad policy', '{"domains":["a.com"],"rules":{"minPolicy":"rejct"}}', 'rules.minPolicy: "rejct" — allowed: none, quarantine, reject'],
    ['lookups above the RFC limit', '{"domains":["a.com"],"rules":{"maxSpfLookups":11}}', 'rules.maxSpfLookups: 11 — Too big'],
    ['rua that is not mailto', '{"domains":["a.com"],"rules":{"requiredRua":["https://x"]}}', 'rules.requiredRua[0]: "https://x" — expected a mailto: URI'],
    ['unknown ignore code', '{"domains":["a.com"],"ignore":[{"code":"NOPE","reason":"r"}]}', 'ignore[0].code: "NOPE" — allowed: DMARC_MISSING'],
    ['ignore without a reason', '{"domains":["a.com"],"ignore":[{"code":"DMARC_NO_RUA"}]}', 'ignore[0].reason: missing — expected string'],
    ['ignore with a bad date', '{"domains":["a.com"],"ignore":[{"code":"DMARC_NO_RUA","reason":"r","expires":"31/12/2026"}]}', 'ignore[0].expires: "31/12/2026" — expected a date as YYYY-MM-DD'],
    ['unknown key in an override', '{"domains":["a.com"],"overrides":{"a.com":{"profil":"parked"}}}', 'overrides["a.com"].profil: unknown key'],
    ['override for an unlisted domain', '{"domains":["a.com"],"overrides":{"b.com":{"profile":"parked"}}}', 'overrides["b.com"]: not one of the configured domains'],
    ['invalid domain', '{"domains":["a.com","https://b.com/"]}', 'domains[1]: "https://b.com/" — not a domain name: "https://b.com/" is a URL'],
    ['no domains at all', '{"profile":"strict"}', 'domains: missing — give "domains" (a list) or "domainList" (a file)'],
    ['not JSON', '{"domains": ["a.com",]}', 'not valid JSON'],
  ])('%s', (_name, text, expected) => {
    expect(problemsOf(text).join('\n')).toContain(expected);
  });

  it.each(['__proto__', 'constructor'])('an override keyed %s is rejected as not a domain name, like any other bad key', (key) => {
    expect(problemsOf(`{"domains":["a.com"],"overrides":{"${key}":{"profile":"strict"}}}`)).toEqual([
      expect.stringMatching(new RegExp(`^overrides\\.${key}: "${key}" — not a domain name: `)),
    ]);
  });

  it.each([
    ['1e999', '{"domains":["a.com"],\n "rules": {"maxSpfLookups": 1e999}}', 'rules.maxSpfLookups: 1e999 — expected number'],
    ['-1E+400', '{"domains":["a.com"],"rules":{"maxSpfLookups":-1E+400}}', 'rules.maxSpfLookups: -1E+400 — expected number'],
    ['a string that looks like one', '{"domains":["1e999"],"rules":{"maxSpfLookups":1e999}}', 'rules.maxSpfLookups: 1e999 — expected number'],
  ])('a number too large for JSON.parse is shown as written: %s', (_name, text, expected) => {
    expect(problemsOf(text)).toContain(expected);
  });

  it('reports every problem at once', () => {
    expect(problemsOf('{"domains":5,"profile":"x","rules":{"bogus":1}}')).toHaveLength(3);
  });

  it('quotes only a short excerpt of a bad list line, and only the first three bad lines', () => {
    const secret = 'GITHUB_TOKEN=ghs_0123456789abcdefghijklmnopqrstuvwxyz';
    const texts = [secret, 'PATH=/usr/local/bin:/usr/bin:/opt/secret-tool/bin', 'x y z', 'bad one', 'bad two', 'a.com'];
    const lines = texts.map((text, i) => parseDomainLine(text, i + 1, false));
    const problems = problemsOf('{"domainList":"list.txt"}', { file: 'list.txt', lines });
    expect(problems).toHaveLength(4);
    expect(problems[3]).toBe('list.txt: 2 more lines that are not domain names');
    for (const problem of problems) expect(problem).not.toMatch(/ghs_0123456789abcdef|secret-tool/);
    expect(problems[0]).toMatch(/^list\.txt:1: "GITHUB_TOKEN=ghs_0123456…" — not a domain name: /);
    for (const problem of problems.slice(0, 3)) expect(problem.length).toBeLessThanOrEqual(160);
  });

  it('names a bad line of the domain list with its number', () => {
    const lines = ['a.com', 'not a domain'].map((text, i) => parseDomainLine(text, i + 1, i === 0));
    expect(problemsOf('{"domainList":"list.txt"}', { file: 'list.txt', lines })).toEqual([
      'list.txt:2: "not a domain" — not a domain name: "not a domain" contains white space',
    ]);
  });
});

describe('a valid config', () => {
  const text = `// a comment with "quotes" and a URL: https://example.com
{
  /* block
     comment */
  "domains": [
    "Example.COM",   // normalized
    "example.org",
    "example.com"
  ],
  "profile": "strict",
  "rules": { "requireRua": null, "requiredRua": ["mailto:a//b@example.com"] },
  "overrides": { "example.org": { "profile": "parked" } },
  "ignore": [{ "code": "DMARC_NO_RUA", "reason": "r", "domains": ["EXAMPLE.org"] }]
}`;
  const plan = planFromConfig(parseConfigText(text, FILE), FILE);

  it('accepts // and /* */ comments, but not inside strings', () => {
    expect(plan.rules).toEqual({ requireRua: null, requiredRua: ['mailto:a//b@example.com'] });
  });

  it('normalizes and de-duplicates domains, keeping the first line', () => {
    expect(plan.targets).toEqual([
      { domain: 'example.com', location: { file: FILE, line: 6 } },
      { domain: 'example.org', location: { file: FILE, line: 7 } },
    ]);
  });

  it('normalizes override keys and ignore domains', () => {
    expect(Object.keys(plan.overrides)).toEqual(['example.org']);
    expect(plan.ignore[0]?.domains).toEqual(['example.org']);
  });

  it('defaults the profile to enforce', () => {
    expect(planFromConfig(parseConfigText('{"domains":["a.com"]}', FILE), FILE).profile).toBe('enforce');
  });

  it('takes domain-list locations from the list', () => {
    const lines = ['# header comment', '', 'b.com'].map((t, i) => parseDomainLine(t, i + 1, false));
    const listed = planFromConfig(parseConfigText('{"domainList":"domains.txt"}', FILE), FILE, { file: 'domains.txt', lines });
    expect(listed.targets).toEqual([{ domain: 'b.com', location: { file: 'domains.txt', line: 3 } }]);
  });
});

describe('init starter config', () => {
  it.each(PROFILE_NAMES)('parses as a valid config with profile %s', (profile) => {
    const plan = planFromConfig(parseConfigText(starterConfig(['a.com', 'b.org'], profile), FILE), FILE);
    expect(plan.targets.map((t) => t.domain)).toEqual(['a.com', 'b.org']);
    expect(plan.profile).toBe(profile);
  });
});

describe('JSON Schema of the config', () => {
  const schema = configJsonSchema() as { properties: Record<string, { properties?: object; default?: unknown }>; additionalProperties: boolean };

  it('forbids unknown keys and lists every rule for completion', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties.rules?.properties ?? {})).toEqual(RULE_NAMES);
    expect(schema.properties.profile?.default).toBe('enforce');
  });
});
