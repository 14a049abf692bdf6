/**
 * Per From domain: the sources grouped into sending services, each classified, today's DNS checked
 * for the failing ones, the readiness verdict, the blockers with their fixes, and the next policy
 * step. DNS goes through the injected resolver (the project's client and cache); without one
 * (--no-dns) everything is judged from the reports alone and said to be unchecked.
 */
import { discoverDmarc } from '../dmarc/discover.js';
import type { Resolver } from '../dns/types.js';
import type { FindingArgs } from '../findings/types.js';
import type { PolicyNoteCode } from './catalog.js';
import { identifySource, inDomainTree, type Identity, type SourceFacts } from './identify.js';
import { spfNow, type DkimKeyNow, type DkimProbe } from './live-checks.js';
import { mapLimit } from './map-limit.js';
import type { CheckStatus, CodedBlocker, CodedDomain, CodedLiveDkim, CodedPolicy, CodedSource, ServiceAnalysis } from './output-schema.js';
import { confirmedPtr } from './ptr.js';
import type { DomainTally, SourceTally } from './tally.js';
import { fixFor, nextStep, readiness, type CurrentPolicy } from './verdict.js';

export interface AnalyzeOptions {
  /** Blocked share of legitimate mail below which the domain is ready (0.005 = 0.5 %). */
  threshold: number;
  /** null: no DNS at all (no PTR, no live checks, the policy as the reports show it). */
  resolver: Resolver | null;
  ptr: boolean;
  /** Today's key of a DKIM selector (live-checks.ts); null with no DNS. */
  dkimProbe: DkimProbe | null;
}

/** DNS checks in flight at once per domain. */
const CONCURRENCY = 32;

const byCount = (counts: Record<string, number>): string[] => Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([key]) => key);
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();
const failingOf = (s: SourceTally): number => s.messages - s.dmarcPass;

/** The MAIL FROM domains seen for a source that are in the From domain's tree, most used first. */
function alignedMailFrom(source: SourceTally, from: string): string[] {
  const counts: Record<string, number> = {};
  for (const s of source.spf.values()) if (inDomainTree(s.domain, from)) counts[s.domain] = (counts[s.domain] ?? 0) + s.messages;
  for (const [d, n] of Object.entries(source.envelopeFrom)) if (inDomainTree(d, from)) counts[d] = (counts[d] ?? 0) + n;
  return byCount(counts);
}

export async function analyzeDomain(tally: DomainTally, options: AnalyzeOptions): Promise<CodedDomain> {
  const from = tally.domain;
  const { resolver } = options;
  const sources = [...tally.sources.values()].sort((a, b) => b.messages - a.messages || a.ip.localeCompare(b.ip));
  const ptrs = await mapLimit(sources, CONCURRENCY, (s) => (resolver && options.ptr ? confirmedPtr(s.ip, resolver) : Promise.resolve(null)));
  const spfs = await mapLimit(sources, CONCURRENCY, (s) => (resolver && failingOf(s) > 0 ? spfNow(s.ip, alignedMailFrom(s, from)[0] ?? from, resolver) : Promise.resolve(null)));
  const facts: SourceFacts[] = sources.map((tallied, i) => ({ tally: tallied, ptr: ptrs[i] ?? null, spf: spfs[i] ?? null }));
  const identities = facts.map((f) => identifySource(f, from, tally.policy.domain));

  // DKIM keys of the aligned selectors seen from failing legitimate sources, each probed once.
  const probes = new Map<string, Promise<DkimKeyNow>>();
  const keysOf = (s: SourceTally): { domain: string; selector: string }[] =>
    [...s.dkim.values()].filter((d) => d.detail !== '' && inDomainTree(d.domain, from)).map((d) => ({ domain: d.domain, selector: d.detail }));
  const dkimLive = await Promise.all(
    facts.map(async (f, i) => {
      if (!options.dkimProbe || identities[i]!.classification !== 'legitimate' || failingOf(f.tally) === 0) return null;
      const probe = options.dkimProbe;
      return Promise.all(
        keysOf(f.tally).map(async (k) => {
          const key = `${k.selector}._domainkey.${k.domain}`;
          if (!probes.has(key)) probes.set(key, probe(k.selector, k.domain));
          const now = await probes.get(key)!;
          return { ...k, status: legacyStatus(now.key), ...now };
        }),
      );
    }),
  );

  const sourceOut = facts.map((f, i) => sourceAnalysis(f, identities[i]!, from, dkimLive[i] ?? null, resolver !== null));
  const services = groupServices(sourceOut, identities);
  const legitimateMessages = sourceOut.reduce((sum, s) => sum + (s.classification === 'legitimate' ? s.messages : 0), 0);
  const blocking = sourceOut.reduce((sum, s) => sum + s.blocking, 0);
  const spoofing = sourceOut.reduce((sum, s) => sum + (s.classification === 'unidentified' ? s.failing - s.forwardedFailing : 0), 0);
  const verdict = readiness(tally.messages, legitimateMessages, blocking, options.threshold);
  const policy = await currentPolicy(tally, resolver);
  const share = (n: number, of: number): number => (of === 0 ? 0 : n / of);

  // Blocking sources by service, in one pass (a domain can have thousands of sources and services).
  const blockingByService = new Map<string, number[]>();
  sourceOut.forEach((s, i) => {
    if (s.blocking === 0) return;
    const list = blockingByService.get(s.service);
    if (list) list.push(i);
    else blockingByService.set(s.service, [i]);
  });
  const blockers: CodedBlocker[] = [];
  for (const service of services) {
    const indexes = blockingByService.get(service.id);
    if (!indexes) continue;
    const members = indexes.map((i) => facts[i]!);
    const ips = members.map((m) => m.tally.ip);
    blockers.push({
      service: service.id,
      name: service.name,
      messages: service.blocking,
      share: share(service.blocking, legitimateMessages),
      ips,
      fixCode: fixFor({ group: identities[indexes[0]!]!.group, domain: from, ips, alignedMailFrom: alignedMailFrom(members[0]!.tally, from), keys: indexes.flatMap((i) => dkimLive[i] ?? []) }),
      fixedNow: fixedNow(members, from, resolver !== null),
      docs: service.docs,
    });
  }
  blockers.sort((a, b) => b.messages - a.messages);

  return {
    domain: from,
    verdict,
    threshold: options.threshold,
    period: tally.messages > 0 || tally.reports.size > 0 ? { begin: iso(tally.begin), end: iso(tally.end) } : null,
    reports: tally.reports.size,
    reporters: [...tally.reporters].sort(),
    messages: tally.messages,
    dmarcPass: tally.dmarcPass,
    dmarcPassShare: share(tally.dmarcPass, tally.messages),
    dispositions: tally.dispositions,
    overrideReasons: tally.reasons,
    legitimate: { messages: legitimateMessages, blocking, share: share(blocking, legitimateMessages) },
    spoofing: { messages: spoofing, share: share(spoofing, tally.messages) },
    forwarded: { messages: sourceOut.reduce((sum, s) => sum + s.forwardedFailing, 0) },
    policy,
    nextStep: nextStep(verdict, policy),
    blockers,
    services,
    sources: sourceOut,
  };
}

/** The coarse `status` the contract had before `key`, kept beside it: published only for a key verifiers accept. */
const legacyStatus = (key: CodedLiveDkim['key']): CodedLiveDkim['status'] => (key === 'usable' ? 'published' : key === 'error' ? 'error' : 'missing');

function sourceAnalysis(f: SourceFacts, identity: Identity, from: string, dkim: CodedLiveDkim[] | null, checked: boolean): CodedSource {
  const t = f.tally;
  const failing = failingOf(t);
  return {
    ip: t.ip,
    ptr: f.ptr ? { status: f.ptr.status, name: f.ptr.name } : { status: 'not-checked', name: null },
    service: identity.group.id,
    classification: identity.classification,
    whyCode: identity.why,
    messages: t.messages,
    dmarcPass: t.dmarcPass,
    dkimAlignedPass: t.dkimAlignedPass,
    spfAlignedPass: t.spfAlignedPass,
    failing,
    forwardedFailing: t.forwardedFailing,
    blocking: identity.classification === 'legitimate' ? failing - t.forwardedFailing : 0,
    dispositions: t.dispositions,
    reasons: t.reasons,
    dkim: [...t.dkim.values()].map((d) => ({ domain: d.domain, selector: d.detail, result: d.result, aligned: inDomainTree(d.domain, from), messages: d.messages })),
    spf: [...t.spf.values()].map((s) => ({ domain: s.domain, scope: s.detail, result: s.result, aligned: inDomainTree(s.domain, from), messages: s.messages })),
    envelopeFrom: byCount(t.envelopeFrom),
    reporters: [...t.reporters].sort(),
    live: checked && failing > 0 ? { spf: f.spf ? { domain: f.spf.domain, result: f.spf.result, mechanism: f.spf.mechanism, reason: f.spf.reason } : null, dkim: dkim ?? [] } : null,
  };
}

function groupServices(sources: CodedSource[], identities: Identity[]): ServiceAnalysis[] {
  const groups = new Map<string, ServiceAnalysis>();
  sources.forEach((s, i) => {
    const g = identities[i]!.group;
    let service = groups.get(g.id);
    if (!service) {
      service = { id: g.id, name: g.name, kind: g.kind, docs: g.docs, legitimate: false, messages: 0, dmarcPass: 0, failing: 0, blocking: 0, ips: [] };
      groups.set(g.id, service);
    }
    service.legitimate ||= s.classification === 'legitimate';
    service.messages += s.messages;
    service.dmarcPass += s.dmarcPass;
    service.failing += s.failing;
    service.blocking += s.blocking;
    service.ips.push(s.ip);
  });
  return [...groups.values()].sort((a, b) => b.messages - a.messages);
}

/** yes only when every blocking IP used an aligned MAIL FROM that today's SPF authorizes it for. */
function fixedNow(members: SourceFacts[], from: string, checked: boolean): CheckStatus {
  if (!checked) return 'not-checked';
  const each = members.map((m): CheckStatus => {
    if (m.spf?.result === 'temperror') return 'unknown';
    return m.spf?.result === 'pass' && alignedMailFrom(m.tally, from).length > 0 ? 'yes' : 'no';
  });
  if (each.includes('no')) return 'no';
  return each.includes('unknown') ? 'unknown' : 'yes';
}

async function currentPolicy(tally: DomainTally, resolver: Resolver | null): Promise<CodedPolicy> {
  const reported = { p: tally.policy.p, sp: tally.policy.sp, np: tally.policy.np, testing: tally.policy.testing };
  const note = (code: PolicyNoteCode, args: FindingArgs = {}): CodedPolicy['noteCode'] => ({ code, args });
  if (!resolver) return { source: 'reports', ...reported, record: null, noteCode: note('REPORTS_POLICY_NOT_LOOKED_UP') };
  const found = await discoverDmarc(tally.domain, resolver);
  if (found.status === 'error') return { source: 'reports', ...reported, record: null, noteCode: note('REPORTS_POLICY_LOOKUP_FAILED') };
  const r = found.parsed;
  const live: CurrentPolicy = { p: r?.p ?? 'none', sp: r?.sp ?? '', np: r?.np ?? '', testing: r?.t ?? '' };
  return { source: 'dns', ...live, record: found.record, noteCode: found.status === 'valid' ? null : note('REPORTS_POLICY_RECORD_STATUS', { status: found.status }) };
}
