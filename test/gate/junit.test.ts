import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateGate, wordsOf, type GatePlan } from '../../src/gate/evaluate.js';
import { renderGateJunit } from '../../src/gate/junit.js';
import { startFixtureServer } from '../fixture-server/index.js';
import { runCli } from '../support/cli.js';
import { elementsNamed, parseXml, type XmlElement } from '../support/xml.js';
import { DMARC_TIMEOUT, dmarcWith, makeAudit } from './support.js';

/** The body of a <failure> or <error>: what a CI page shows under the test case. */
const body = (result: { message: string; fix?: string; ref: string }): string => `${result.message}${result.fix ? `\nFix: ${result.fix}` : ''}\nReference: ${result.ref}`;

/** XML 1.0 §2.2 Char, stated independently of the renderer: what is outside it comes back as U+FFFD. */
const asXmlCarriesIt = (text: string): string =>
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const problemOf = (testcase: XmlElement): XmlElement | undefined => testcase.children.find((c) => c.name === 'failure' || c.name === 'error');

describe('JUnit text, read back by an XML parser', () => {
  // Line breaks, markup, a CDATA end, terminal escapes, bidi and C1 controls, characters XML 1.0
  // cannot carry at all (NUL, ESC, a lone surrogate, U+FFFF), and an astral character.
  const HOSTILE = 'line one\nline two\r\nx\ty <b>&amp;</b> ]]> \u001b[31mred\u0000 \u202eevil\u0085 \ud800 \uffff 😀';
  const SAFE = 'line one\nline two\r\nx\ty <b>&amp;</b> ]]> \ufffd[31mred\ufffd \u202eevil\u0085 \ufffd \ufffd 😀';

  const plan: GatePlan = {
    targets: [{ domain: 'none.example', location: { file: 'list.txt', line: 2 } }, { domain: 'timeout.example' }, { domain: 'ignored.example' }],
    profile: 'enforce',
    rules: {},
    overrides: {},
    ignore: [{ code: 'minPolicy', reason: `accepted:\t${HOSTILE}`, domains: ['ignored.example'] }],
  };
  const outcome = evaluateGate(
    plan,
    [makeAudit({ dmarc: dmarcWith('v=DMARC1; p=none', 'none') }, 'none.example'), makeAudit(DMARC_TIMEOUT, 'timeout.example'), makeAudit({ dmarc: dmarcWith('v=DMARC1; p=none', 'none') }, 'ignored.example')],
    '2026-01-01',
  );
  // Every problem's words carry the hostile text (a DNS error's detail is quoted in its message).
  for (const domain of outcome.domains) {
    for (const result of domain.results) {
      if (result.status !== 'pass') result.finding = { code: 'DNS_ERROR', args: { name: domain.domain, type: 'TXT', status: 'timeout', detail: HOSTILE, context: 'dmarc' } };
    }
  }
  const xml = renderGateJunit(outcome);
  const suites = elementsNamed(parseXml(xml), 'testsuite');
  const cases = suites.flatMap((suite) => suite.children);

  it('gives back every failure\'s and error\'s message and body exactly, line breaks included', () => {
    let compared = 0;
    for (const [index, domain] of outcome.domains.entries()) {
      for (const [i, result] of domain.results.entries()) {
        if (result.status === 'pass' || result.ignored) continue;
        const element = problemOf(suites[index]!.children[i]!);
        expect(element?.text).toBe(body(wordsOf(result)).replaceAll(HOSTILE, SAFE));
        expect(element?.attributes.message).toBe(wordsOf(result).message.replaceAll(HOSTILE, SAFE));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2);
  });

  it('keeps an ignore\'s reason, tab and line breaks included, in the attribute', () => {
    const skipped = cases.flatMap((c) => c.children).find((c) => c.name === 'skipped');
    expect(skipped?.attributes.message).toBe(`ignored: accepted:\t${SAFE}`);
  });

  it('writes no raw character a terminal acts on, nor any terminal-style escape', () => {
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(xml).not.toContain('\\x');
    expect(xml).toContain('&#x202E;');
  });
});

describe('JUnit of the gate through the CLI', () => {
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let dns: string[];
  beforeAll(async () => {
    server = await startFixtureServer({ zoneDir: fileURLToPath(new URL('../../fixtures/zones', import.meta.url)) });
    dns = ['--nameserver', server.nameserver, '--timeout', '300', '--retries', '0'];
  });
  afterAll(() => server?.close());

  it('says what the JSON outcome says, for records with escapes and timeouts', async () => {
    const domains = ['escape.test', 'none.test', 'spf-lookups.test', 'dns-timeout.test', 'reject.test'];
    const env = { GITHUB_ACTIONS: undefined };
    const [junit, json] = await Promise.all([runCli(['gate', ...domains, '--format', 'junit', ...dns], env), runCli(['gate', ...domains, '--format', 'json', ...dns], env)]);
    const outcome = JSON.parse(json.stdout) as { domains: { domain: string; results: { rule: string; code?: string; status: string; message: string; fix?: string; ref: string }[] }[] };
    const suites = elementsNamed(parseXml(junit.stdout), 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual(domains);
    let compared = 0;
    for (const [index, domain] of outcome.domains.entries()) {
      const testcases = suites[index]!.children;
      expect(testcases).toHaveLength(domain.results.length);
      for (const [i, result] of domain.results.entries()) {
        const problem = problemOf(testcases[i]!);
        if (result.status === 'pass') expect(problem).toBeUndefined();
        else {
          expect(problem?.text).toBe(asXmlCarriesIt(body(result)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(5);
    expect(junit.stdout).not.toContain('\\x0a');
  });
});
