/** The BIMI assertion record: "v=BIMI1; l=<https URL of an SVG>; a=<https URL of a PEM certificate>"; pure. */
import { parseTagList } from '../tag-list.js';

export type BimiRecord = { kind: 'assertion'; logo: string; certificate: string | null } | { kind: 'declined' };

/** Why a URL cannot be a BIMI location (they must be https), or undefined. */
function urlProblem(url: string): string | undefined {
  try {
    return new URL(url).protocol === 'https:' ? undefined : `"${url}" is not an https URL`;
  } catch {
    return `"${url}" is not a URL`;
  }
}

/** The record, or what is wrong with it. An empty l= with no a= declines to publish a logo. */
export function parseBimiRecord(record: string): BimiRecord | { error: string } {
  const list = parseTagList(record, 'BIMI1');
  if (!list.ok) return { error: list.error };
  const logo = list.tags.get('l');
  const certificate = list.tags.get('a') || null;
  if (logo === undefined) return { error: 'no l= tag' };
  if (logo === '' && certificate === null) return { kind: 'declined' };
  if (logo === '') return { error: 'an empty l= with an a=' };
  const problem = urlProblem(logo) ?? (certificate === null ? undefined : urlProblem(certificate));
  return problem ? { error: problem } : { kind: 'assertion', logo, certificate };
}
