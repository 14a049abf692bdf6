import { clipText } from '../findings/clip-text.js';
import type { FindingData } from '../findings/types.js';

/** What the parser found wrong with a record, before it is tied to the DNS name it came from. */
export type DmarcIssueKind =
  | 'not-dmarc'
  | 'malformed'
  | 'duplicate-tag'
  | 'bad-value'
  | 'bad-uri'
  | 'missing-p'
  | 'unknown-tag'
  | 'legacy-tag'
  | 'uri-size-limit';

export interface DmarcIssue {
  kind: DmarcIssueKind;
  /** Tag name in lower case; "" when the fragment has no usable name. */
  tag: string;
  /** Offset of the tag (or fragment) in the record text, for pointing at it. */
  position: number;
  /** The offending value or URI, capped in length: record text is untrusted. */
  value?: string;
  /** Plain-language description; becomes DMARC_INVALID's detail for errors. */
  detail: string;
}

const ERROR_KINDS: ReadonlySet<DmarcIssueKind> = new Set(['not-dmarc', 'malformed', 'duplicate-tag', 'bad-value', 'bad-uri', 'missing-p']);

export const isErrorKind = (kind: DmarcIssueKind): boolean => ERROR_KINDS.has(kind);

const MAX_SHOWN = 80;

/** Caps untrusted text before it goes into a message: a TXT record may be kilobytes long. */
export function cap(text: string, max = MAX_SHOWN): string {
  return clipText(text, max);
}

/** Ties a parser issue to the name the record was published at. */
export function issueToFinding(issue: DmarcIssue, name: string): FindingData {
  switch (issue.kind) {
    case 'unknown-tag':
      return { code: 'DMARC_UNKNOWN_TAG', args: { tag: issue.tag } };
    case 'legacy-tag':
      return { code: 'DMARC_LEGACY_TAG', args: { tag: issue.tag } };
    case 'uri-size-limit':
      return { code: 'DMARC_URI_SIZE_LIMIT', args: { tag: issue.tag, uri: issue.value ?? '' } };
    default:
      return { code: 'DMARC_INVALID', args: { name, detail: issue.detail } };
  }
}
