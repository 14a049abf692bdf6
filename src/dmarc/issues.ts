import { clipText } from '../findings/clip-text.js';
import type { DmarcFinding } from './types.js';

/** What the parser found wrong with a record, before it is tied to the DNS name it came from. */
export type DmarcIssueKind =
  | 'not-dmarc'
  | 'bad-version'
  | 'malformed'
  | 'duplicate-tag'
  | 'bad-value'
  | 'bad-uri'
  | 'missing-p'
  | 'tag-case'
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

/**
 * What an error does to the record as a whole, which decides what receivers apply:
 * - void: every receiver ignores the record. RFC 9989 §4.7 (v): "If the tag is not the first in the
 *   list, or the tag is absent, or the value is not "DMARC1", then the entire record MUST be ignored."
 *   RFC 6376 §3.2 (the tag-list grammar DMARC uses): "if a tag name does occur more than once, the
 *   entire tag-list is invalid."
 * - policy: RFC 9989 §4.10.1 says exactly what happens: "If a retrieved DMARC Policy Record does not
 *   contain a valid "p" tag, or contains an "sp" or "np" tag that is not valid", receivers act as if
 *   "p=none" when rua holds a valid URI, "Otherwise, the Mail Receiver applies no DMARC processing".
 * - disputed: RFC 9989 §4.8: "Syntax errors in the remainder of the record MUST be discarded in favor
 *   of default values (if any) or ignored outright." Receivers read that differently: some drop only
 *   the bad tag (mailauth), others reject the whole record (OpenDMARC's parser, mox, Stalwart). We take
 *   the reading that never overstates protection: the record counts as not applied.
 */
export type IssueEffect = 'void' | 'policy' | 'disputed';

const POLICY_TAGS: ReadonlySet<string> = new Set(['p', 'sp', 'np']);

/** The effect of an error on the record, or null for a warning (the record applies as written). */
export function effectOf(issue: Pick<DmarcIssue, 'kind' | 'tag'>): IssueEffect | null {
  switch (issue.kind) {
    case 'not-dmarc':
    case 'bad-version':
    case 'duplicate-tag':
      return 'void';
    case 'missing-p':
      return 'policy';
    case 'bad-value':
      return POLICY_TAGS.has(issue.tag) ? 'policy' : 'disputed';
    case 'malformed':
    case 'bad-uri':
    case 'tag-case':
      return 'disputed';
    case 'unknown-tag':
    case 'legacy-tag':
    case 'uri-size-limit':
      return null;
  }
}

const MAX_SHOWN = 80;

/** Caps untrusted text before it goes into a message: a TXT record may be kilobytes long. */
export function cap(text: string, max = MAX_SHOWN): string {
  return clipText(text, max);
}

/** Ties a parser issue to the name the record was published at. */
export function issueToFinding(issue: DmarcIssue, name: string): DmarcFinding {
  switch (issue.kind) {
    case 'unknown-tag':
      return { code: 'DMARC_UNKNOWN_TAG', args: { tag: issue.tag } };
    case 'legacy-tag':
      return { code: 'DMARC_LEGACY_TAG', args: { tag: issue.tag } };
    case 'uri-size-limit':
      return { code: 'DMARC_URI_SIZE_LIMIT', args: { tag: issue.tag, uri: issue.value ?? '' } };
    default:
      return { code: 'DMARC_INVALID', args: { name, detail: issue.detail, effect: effectOf(issue) ?? 'disputed', kind: issue.kind } };
  }
}
