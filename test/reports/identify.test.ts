/**
 * Sources matched against the sender catalog, table-driven: each way of recognising a service (PTR
 * suffix, the SPF include it passed through, DKIM d=, MAIL FROM) on facts as the reports and DNS give them.
 */
import { describe, expect, it } from 'vitest';
import { identifySource, type SourceFacts } from '../../src/reports/identify.js';
import type { PtrResult } from '../../src/reports/ptr.js';
import type { SpfNow } from '../../src/reports/live-checks.js';
import type { AuthTally, SourceTally } from '../../src/reports/tally.js';

const FROM = 'example.com';

function facts(spec: { ptr?: string; spf?: Partial<SpfNow>; dkim?: string[]; mailFrom?: string[]; pass?: number }): SourceFacts {
  const auth = (domains: string[] = []): Map<string, AuthTally> => new Map(domains.map((domain) => [domain, { domain, detail: '', result: 'pass', messages: 10 }]));
  const tally: SourceTally = {
    ip: '192.0.2.1', messages: 10, dmarcPass: spec.pass ?? 0, dkimAlignedPass: 0, spfAlignedPass: 0, forwardedFailing: 0,
    dispositions: {}, reasons: {}, dkim: auth(spec.dkim), spf: auth(spec.mailFrom), envelopeFrom: {}, reporters: new Set(['r']),
  };
  const ptr: PtrResult | null = spec.ptr ? { status: 'confirmed', name: spec.ptr } : null;
  const spf: SpfNow | null = spec.spf ? { domain: FROM, result: 'pass', mechanism: null, mechanismDomain: null, reason: '', ...spec.spf } : null;
  return { tally, ptr, spf };
}

describe('the sender catalog recognises', () => {
  it.each<[string, Parameters<typeof facts>[0], string, string]>([
    ['Zendesk by its PTR (zdsys.com, not zendesk.com)', { ptr: 'outbyoip6.pod18.euc1.zdsys.com' }, 'zendesk', 'ptr'],
    ['Zendesk by its own DKIM signature', { dkim: ['zendesk.com'] }, 'zendesk', 'dkim'],
    ['Salesforce by the record behind _spf.salesforce.com', { spf: { mechanism: 'exists:%{i}._spf.mta.salesforce.com', mechanismDomain: '_spf.salesforce.com' } }, 'salesforce', 'spf'],
    ['Salesforce by its bounce domain', { mailFrom: ['x.na150.bnc.salesforce.com'] }, 'salesforce', 'mail-from'],
    ['Brevo by its MAIL FROM domains', { mailFrom: ['aa.d.sender-sib.com'] }, 'brevo', 'mail-from'],
    ['Mailchimp by its bounce domain mcdlv.net', { mailFrom: ['mail229.wdc02.mcdlv.net'] }, 'mailchimp', 'mail-from'],
    ['HubSpot Starter by its signature', { dkim: ['bf01.hubspotstarter.net'] }, 'hubspot', 'dkim'],
  ])('%s', (_case, spec, service, matchedBy) => {
    const identity = identifySource(facts(spec), FROM, FROM);
    expect(identity.group.id).toBe(service);
    expect(identity.why.args).toMatchObject({ matchedBy });
  });

  it.each<[string, Parameters<typeof facts>[0]]>([
    // Salesforce's staff mail, sent through Google, is signed d=salesforce.com: that is no platform signature.
    ['d=salesforce.com', { dkim: ['salesforce.com'] }],
    // A selector name is not a domain: zendesk1.com is no Zendesk domain.
    ['d=zendesk1.com', { dkim: ['zendesk1.com'] }],
    ['a PTR under zendesk.com', { ptr: 'mail.zendesk.com' }],
  ])('nothing from %s', (_case, spec) => {
    expect(identifySource(facts(spec), FROM, FROM).group.kind).not.toBe('catalog');
  });
});
