/**
 * Finding a domain's DKIM keys by probing selectors (RFC 6376 §3.6.2.1). First `_domainkey.<domain>`:
 * NXDOMAIN there means no name exists below it (RFC 8020), so no key can, and nothing else is asked.
 * Some servers wrongly answer NXDOMAIN for an empty non-terminal: --dkim-probe-always skips the
 * shortcut. Every probe goes through the domain's budgeted resolver (cache, query limit, deadline).
 */
import { dnsErrorFinding } from '../../findings/dns-error.js';
import type { CoreCode } from '../../findings/core-catalog.js';
import type { FindingData } from '../../findings/types.js';
import { isFailure, type LookupResult, type Resolver } from '../../dns/types.js';
import type { DkimCode } from './catalog.js';
import { isKeyRecord, parseKeyRecord, type DkimKey } from './key-record.js';

export type DkimFinding = FindingData<DkimCode | CoreCode>;

export interface SelectorKey extends DkimKey {
  selector: string;
  /** The key record as published (after CNAMEs). */
  record: string;
}

export interface DkimResult {
  /** found: a key verifiers accept; not-found: none under the selectors probed (not proof of absence); error: a probe failed. */
  status: 'found' | 'not-found' | 'error';
  /** Every probed selector that answered with a key record. */
  selectors: SelectorKey[];
  /** The selectors asked for, in order. */
  probedSelectors: string[];
  /** DNS names asked (the _domainkey name and each selector's). */
  probed: number;
  findings: DkimFinding[];
}

/**
 * A key verifiers will use: valid, RSA of at least 1024 bits (RFC 8301 §3.2) or Ed25519 (RFC 8463), and
 * not restricted to SHA-1 (RFC 8301 §3.1: verifiers must not accept rsa-sha1 signatures).
 */
export function isUsable(key: DkimKey): boolean {
  if (key.status !== 'valid') return false;
  if (key.hashAlgorithms !== null && !key.hashAlgorithms.includes('sha256')) return false;
  return key.keyType === 'ed25519' || (key.keyBits ?? 0) >= 1024;
}

function keyFindings(key: SelectorKey): DkimFinding[] {
  const { selector } = key;
  if (key.status === 'revoked') return [{ code: 'DKIM_KEY_REVOKED', args: { selector } }];
  if (key.status === 'invalid') return [{ code: 'DKIM_KEY_INVALID', args: { selector, problem: key.problem ?? '' } }];
  const findings: DkimFinding[] = [];
  if (key.keyType === 'rsa' && key.keyBits !== null && key.keyBits < 2048) findings.push({ code: 'DKIM_KEY_WEAK', args: { selector, bits: key.keyBits } });
  if (key.hashAlgorithms !== null && !key.hashAlgorithms.includes('sha256')) findings.push({ code: 'DKIM_SHA1_ONLY', args: { selector, h: key.hashAlgorithms.join(':') } });
  if (key.testing) findings.push({ code: 'DKIM_TESTING', args: { selector } });
  return findings;
}

type Answer = { selector: string; result: LookupResult<'TXT'> };

const keyRecordIn = ({ result }: Answer): string | undefined => (result.status === 'answer' ? result.records.find(isKeyRecord) : undefined);

/**
 * `after`: selectors asked only when the one named has not answered "no key" (a provider's pair, see
 * selectors.ts); a failed lookup of the first is not a "no key", so the second is asked then too. When
 * `_domainkey` itself failed, the domain's servers are likely not answering: the pair is asked in the
 * same round, since waiting on the first would add a whole round of timeouts to save one query.
 */
export async function probeDkim(domain: string, resolver: Resolver, selectors: readonly string[], probeAlways: boolean, after: Readonly<Record<string, string>> = {}): Promise<DkimResult> {
  const findings: DkimFinding[] = [];
  let probed = 0;
  let deferred = after;
  if (!probeAlways) {
    probed++;
    const parent = await resolver.resolve(`_domainkey.${domain}`, 'TXT');
    if (parent.status === 'nxdomain') {
      findings.push({ code: 'DKIM_NOT_FOUND', args: { domain, selectors: selectors.join(' '), nxdomain: 1 } });
      return { status: 'not-found', selectors: [], probedSelectors: [...selectors], probed, findings };
    }
    // A failure here only loses the shortcut: the selectors are asked directly below.
    if (isFailure(parent)) {
      findings.push(dnsErrorFinding('dkim', `_domainkey.${domain}`, 'TXT', parent));
      deferred = {};
    }
  }
  const ask = (list: readonly string[]): Promise<Answer[]> => Promise.all(list.map((selector) => resolver.resolve(`${selector}._domainkey.${domain}`, 'TXT').then((result) => ({ selector, result }))));
  const first = await ask(selectors.filter((selector) => !(selector in deferred)));
  const noKey = new Set(first.filter((answer) => !isFailure(answer.result) && keyRecordIn(answer) === undefined).map((answer) => answer.selector));
  const then = await ask(selectors.filter((selector) => selector in deferred && !noKey.has(deferred[selector] as string)));
  const answered = new Map([...first, ...then].map((answer) => [answer.selector, answer]));
  const answers = selectors.flatMap((selector) => answered.get(selector) ?? []);
  probed += answers.length;
  const keys: SelectorKey[] = [];
  let failed = false;
  for (const answer of answers) {
    const { selector, result } = answer;
    if (isFailure(result)) {
      failed = true;
      findings.push(dnsErrorFinding('dkim', `${selector}._domainkey.${domain}`, 'TXT', result));
      continue;
    }
    // §3.6.2.2: with several key records a verifier may use any of them; the first is reported.
    const record = keyRecordIn(answer);
    if (record === undefined) continue;
    const key: SelectorKey = { selector, record, ...parseKeyRecord(record) };
    keys.push(key);
    findings.push(...keyFindings(key));
  }
  const probedSelectors = answers.map((answer) => answer.selector);
  const found = keys.some(isUsable);
  if (!found && !failed) findings.push({ code: 'DKIM_NOT_FOUND', args: { domain, selectors: probedSelectors.join(' '), nxdomain: 0 } });
  return { status: found ? 'found' : failed ? 'error' : 'not-found', selectors: keys, probedSelectors, probed, findings };
}
