/**
 * The advice of `reports` as data and as words: the codes in the one catalog, the words each code's
 * facts make (table-driven, through describe() as every renderer words them), and the next step.
 */
import { readFileSync } from 'node:fs';
import { describe as group, expect, it } from 'vitest';
import { CATALOG, FINDING_CODES, RULE_CATALOG } from '../../src/findings/catalog.js';
import { describe, severitiesOf } from '../../src/findings/describe.js';
import type { FindingArgs } from '../../src/findings/types.js';
import { REPORTS_CATALOG, REPORTS_CODES, type ReportsCode } from '../../src/reports/catalog.js';
import { nextStep, type CurrentPolicy } from '../../src/reports/verdict.js';

const words = (code: ReportsCode, args: FindingArgs) => describe({ code, args });

group('reports codes in the one catalog', () => {
  it('are REPORTS_ codes, none shared with an audit finding or gate judgement, each worded by the catalog', () => {
    const others = new Set<string>([...FINDING_CODES, ...Object.keys(RULE_CATALOG)]);
    for (const code of REPORTS_CODES) {
      expect(code).toMatch(/^REPORTS_[A-Z0-9_]+$/);
      expect(others.has(code), code).toBe(false);
      expect(CATALOG[code]).toBe(REPORTS_CATALOG[code]);
    }
  });

  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  it.each(REPORTS_CODES)('README documents %s with its severity', (code) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row, `no table row for ${code}`).toBeDefined();
    expect(row).toContain(`| ${severitiesOf(code).join(' / ')} |`);
  });
});

const KEY = (s: string): string => `${s}._domainkey.example.com`;

group('the words of each code', () => {
  it.each<[string, ReportsCode, FindingArgs, 'message' | 'fix', string]>([
    [
      'a sender of five IPs: three named, the rest counted',
      'REPORTS_FIX_SENDER',
      { domain: 'example.com', sender: 'mx.example.net', ips: '192.0.2.1 192.0.2.2 192.0.2.3', ipCount: 5, spfDomain: 'bounce.example.com' },
      'fix',
      'sign with DKIM d=example.com on mx.example.net (192.0.2.1, 192.0.2.2, 192.0.2.3 and 2 more), or send with a MAIL FROM in example.com and add its addresses to the SPF record of bounce.example.com',
    ],
    [
      'one IPv6 address: its ip6 mechanism',
      'REPORTS_FIX_SENDER',
      { domain: 'example.com', ips: '2001:db8::25', ipCount: 1, spfDomain: 'example.com' },
      'fix',
      'sign with DKIM d=example.com on 2001:db8::25, or send with a MAIL FROM in example.com and add ip6:2001:db8::25 to the SPF record of example.com',
    ],
    [
      'a service with no return-path setting: DKIM only',
      'REPORTS_FIX_SERVICE',
      { domain: 'example.com', service: 'Zendesk', dkimSetup: 'digital signatures', keysMissing: `${KEY('zendesk1')} ${KEY('zendesk2')}` },
      'fix',
      `sign with DKIM d=example.com at Zendesk (digital signatures) (no DKIM key is published today at ${KEY('zendesk1')}, ${KEY('zendesk2')})`,
    ],
    [
      'a service with a return path but no include',
      'REPORTS_FIX_SERVICE',
      { domain: 'example.com', service: 'X', dkimSetup: 'signing', returnPathSetup: 'a custom bounce domain', keysRevoked: `${KEY('a')} ${KEY('b')}`, keysInvalid: KEY('c') },
      'fix',
      `sign with DKIM d=example.com at X (signing), or align SPF with a custom bounce domain (the keys at ${KEY('a')}, ${KEY('b')} are revoked; the key at ${KEY('c')} is invalid)`,
    ],
    [
      'a service whose return path needs its include',
      'REPORTS_FIX_SERVICE',
      { domain: 'example.com', service: 'Amazon SES', dkimSetup: 'Easy DKIM for the verified domain', returnPathSetup: 'a custom MAIL FROM domain', spfInclude: 'amazonses.com' },
      'fix',
      "sign with DKIM d=example.com at Amazon SES (Easy DKIM for the verified domain), or align SPF with a custom MAIL FROM domain and add include:amazonses.com to that domain's SPF record",
    ],
    [
      'a blocker in one sentence',
      'REPORTS_FIX_SENDER',
      { domain: 'example.com', ips: '192.0.2.1', ipCount: 1, spfDomain: 'example.com' },
      'message',
      '192.0.2.1 sends mail as example.com that passes neither aligned DKIM nor aligned SPF: enforcing DMARC would block it.',
    ],
    [
      'a legitimate source matched by the SPF include it passes through',
      'REPORTS_SOURCE_SPF_AUTHORIZED',
      { spfDomain: 'example.com', spfMechanism: 'include:sendgrid.net', service: 'SendGrid', matchedBy: 'spf', matched: 'sendgrid.net', mechanism: 'include:sendgrid.net' },
      'message',
      'SendGrid (SPF include:sendgrid.net in sendgrid.net); the SPF record of example.com authorizes it today (include:sendgrid.net)',
    ],
    [
      "a mailbox provider's server that nothing ties to the domain",
      'REPORTS_SOURCE_SHARED_SERVICE',
      { service: 'Google Workspace', matchedBy: 'mail-from', matched: 'bounce.gappssmtp.com', domain: 'example.com' },
      'message',
      "Google Workspace (MAIL FROM bounce.gappssmtp.com), but nothing shows it sends for example.com: its servers also carry other customers' and forwarded mail",
    ],
    ['fix-senders at p=none', 'REPORTS_STEP_FIX_SENDERS', { enforcing: 0 }, 'message', 'Fix the blocking senders first: enforcing now would block their mail.'],
    ['fix-senders when enforcing', 'REPORTS_STEP_FIX_SENDERS', { enforcing: 1 }, 'message', 'Fix the blocking senders: the current policy already stops their mail at receivers that enforce it.'],
    ['a DMARC record that is not valid today', 'REPORTS_POLICY_RECORD_STATUS', { status: 'invalid' }, 'message', "today's DMARC record is invalid"],
  ])('%s', (_case, code, args, part, expected) => {
    expect(words(code, args)[part]).toBe(expected);
  });

  it('a weak key cites the RFC 8301 rule it breaks', () => {
    expect(words('REPORTS_DKIM_KEY_WEAK', { name: KEY('s'), bits: 512 }).ref).toBe('RFC 8301 §3.2');
    expect(words('REPORTS_DKIM_KEY_WEAK', { name: KEY('s'), h: 'sha1' }).ref).toBe('RFC 8301 §3.1');
  });
});

group('the next policy step', () => {
  const policy = (p: string, sp = '', np = '', testing = ''): CurrentPolicy => ({ p, sp, np, testing });
  it.each<[string, Parameters<typeof nextStep>[0], CurrentPolicy, string, string | null, ReportsCode, FindingArgs]>([
    ['no reports', 'no-data', policy('none'), 'collect-reports', null, 'REPORTS_STEP_COLLECT_REPORTS', {}],
    ['not ready at p=none: np=reject meanwhile', 'not-ready', policy('none'), 'np', 'np=reject', 'REPORTS_STEP_NP_WHILE_FIXING', {}],
    ['not ready at p=none with np=reject already', 'not-ready', policy('none', '', 'reject'), 'fix-senders', null, 'REPORTS_STEP_FIX_SENDERS', { enforcing: 0 }],
    ['not ready at p=reject', 'not-ready', policy('reject'), 'fix-senders', null, 'REPORTS_STEP_FIX_SENDERS', { enforcing: 1 }],
    ['ready at p=none', 'ready', policy('none'), 'quarantine', 'p=quarantine', 'REPORTS_STEP_QUARANTINE', {}],
    ['ready at p=quarantine with t=y', 'ready', policy('quarantine', '', '', 'y'), 'testing-off', 't=n', 'REPORTS_STEP_TESTING_OFF', {}],
    ['ready at p=quarantine', 'ready', policy('quarantine'), 'reject', 'p=reject', 'REPORTS_STEP_REJECT', {}],
    ['ready at p=reject, sp=none', 'ready', policy('reject', 'none'), 'sp', 'sp=reject', 'REPORTS_STEP_SP', {}],
    ['ready at p=reject, np=quarantine', 'ready', policy('reject', '', 'quarantine'), 'np', 'np=reject', 'REPORTS_STEP_NP', {}],
    ['ready at p=reject throughout', 'ready', policy('reject'), 'done', null, 'REPORTS_STEP_DONE', {}],
  ])('%s', (_case, verdict, current, action, change, code, args) => {
    expect(nextStep(verdict, current)).toEqual({ action, change, whyCode: { code, args } });
  });
});
