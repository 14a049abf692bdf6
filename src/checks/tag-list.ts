/**
 * The "v=…; name=value; …" records of MTA-STS (RFC 8461 §3.1), TLS-RPT (RFC 8460 §3) and BIMI: fields
 * separated by ";" with optional white space around it, a trailing ";" allowed, the version first.
 */
export type TagList = { ok: true; tags: Map<string, string> } | { ok: false; error: string };

/** The record's fields, or what is wrong: a field that is not name=value, a name given twice, the wrong version first. */
export function parseTagList(record: string, version: string): TagList {
  const fields = record.split(';').map((field) => field.trim());
  if (fields.at(-1) === '') fields.pop();
  const tags = new Map<string, string>();
  for (const [index, field] of fields.entries()) {
    const equals = field.indexOf('=');
    if (equals <= 0) return { ok: false, error: `"${field}" is not name=value` };
    const name = field.slice(0, equals).trim();
    const value = field.slice(equals + 1).trim();
    if (index === 0 && (name !== 'v' || value !== version)) return { ok: false, error: `the record must start with "v=${version}"` };
    if (tags.has(name)) return { ok: false, error: `"${name}" appears twice` };
    tags.set(name, value);
  }
  return { ok: true, tags };
}

/** The TXT records that claim to be of this kind: those starting with "v=<version>" and then ";", white space or nothing. */
export function recordsOfVersion(records: readonly string[], version: string): string[] {
  const prefix = `v=${version}`;
  return records.filter((record) => record.startsWith(prefix) && /^(?:$|[;\s])/.test(record.slice(prefix.length)));
}
