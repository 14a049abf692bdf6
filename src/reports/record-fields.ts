/**
 * Turns the text of one <record>'s elements into an AggregateRecord, or says what is wrong with it.
 * Real reporters send mixed case (`Pass`), empty optional elements and several auth results.
 */
import { normalizeDomain } from '../domain/normalize.js';
import { parseClientIp } from '../spf/client-ip.js';
import type { AggregateRecord, DkimAuthResult, SpfAuthResult } from './types.js';

export interface RecordDraft {
  fields: Map<string, string>;
  reasons: string[];
  dkim: Map<string, string>[];
  spf: Map<string, string>[];
  /** Where the record starts, for messages. */
  line: number;
}

export const newDraft = (line: number): RecordDraft => ({ fields: new Map(), reasons: [], dkim: [], spf: [], line });

/** Auth results kept per record: more is not a real report. */
const MAX_AUTH_RESULTS = 64;

const DKIM_PREFIX = 'auth_results/dkim/';
const SPF_PREFIX = 'auth_results/spf/';

/** Where text inside a <record> goes; `path` is relative to <record>. */
export function takeRecordText(draft: RecordDraft, path: string, value: string): void {
  if (path === 'row/policy_evaluated/reason/type') {
    if (value !== '') draft.reasons.push(value.toLowerCase());
    return;
  }
  if (path.startsWith(DKIM_PREFIX)) draft.dkim.at(-1)?.set(path.slice(DKIM_PREFIX.length), value);
  else if (path.startsWith(SPF_PREFIX)) draft.spf.at(-1)?.set(path.slice(SPF_PREFIX.length), value);
  else draft.fields.set(path, value);
}

/** Called when an auth result element opens inside <record>. */
export function openAuthResult(draft: RecordDraft, path: string): void {
  const list = path === 'auth_results/dkim' ? draft.dkim : path === 'auth_results/spf' ? draft.spf : null;
  if (list && list.length < MAX_AUTH_RESULTS) list.push(new Map());
}

const lower = (value: string | undefined): string => (value ?? '').trim().toLowerCase();
const MAX_COUNT = 1e12;

/** A domain as sent, normalized when it is one, else lower-cased as is (auth result domains may be empty). */
function domainText(value: string | undefined): string {
  const raw = (value ?? '').trim();
  const normalized = normalizeDomain(raw);
  return normalized.ok ? normalized.domain : raw.toLowerCase();
}

export function finishRecord(draft: RecordDraft): { record: AggregateRecord } | { problem: string } {
  const f = draft.fields;
  const ipText = (f.get('row/source_ip') ?? '').trim();
  const ip = parseClientIp(ipText);
  if (!ip) return { problem: ipText === '' ? 'no source_ip' : `source_ip "${ipText}" is not an IP address` };
  const countText = (f.get('row/count') ?? '').trim();
  const count = /^\d{1,13}$/.test(countText) ? Number(countText) : NaN;
  if (!(count <= MAX_COUNT)) return { problem: `count "${countText}" is not a number of messages` };
  const fromText = (f.get('identifiers/header_from') ?? '').trim();
  const from = normalizeDomain(fromText);
  if (!from.ok) return { problem: fromText === '' ? 'no header_from' : `header_from "${fromText}" is not a domain name` };

  const dkimResults: DkimAuthResult[] = draft.dkim.map((d) => ({ domain: domainText(d.get('domain')), selector: lower(d.get('selector')), result: lower(d.get('result')) }));
  const spfResults: SpfAuthResult[] = draft.spf.map((s) => ({ domain: domainText(s.get('domain')), scope: lower(s.get('scope')), result: lower(s.get('result')) }));
  return {
    record: {
      sourceIp: ip.text,
      count,
      disposition: lower(f.get('row/policy_evaluated/disposition')),
      dkim: lower(f.get('row/policy_evaluated/dkim')),
      spf: lower(f.get('row/policy_evaluated/spf')),
      reasons: draft.reasons,
      headerFrom: from.domain,
      envelopeFrom: domainText(f.get('identifiers/envelope_from')),
      dkimResults,
      spfResults,
    },
  };
}
