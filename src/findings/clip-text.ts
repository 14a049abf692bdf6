const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Untrusted text shortened for a message: at most `max` code points (never half a surrogate pair)
 * followed by "…", with any lone surrogate replaced by U+FFFD. A TXT record may be kilobytes long.
 */
export function clipText(text: string, max: number): string {
  const points: string[] = [];
  for (const point of text.replace(LONE_SURROGATE, '\ufffd')) {
    if (points.length === max) return `${points.join('')}…`;
    points.push(point);
  }
  return points.join('');
}
