import { wordsOf, type DomainOutcome, type GateOutcome, type GateResult } from './evaluate.js';
import { resultId } from './rules.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// XML 1.0 §2.2: outside Char are the C0 controls other than tab, LF and CR, U+FFFE, U+FFFF and lone
// surrogates. A document cannot carry them at all, not even as character references.
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Characters XML allows but a terminal (`cat report.xml`) or viewer may act on: DEL, C1 controls, and
// the invisible characters that reorder or hide text. Written as character references, they parse
// back to the very same character (§4.1), as safeJson does with \u escapes.
const INVISIBLE = '\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb';
// In content a raw CR would reach the reader as LF (§2.11); in an attribute value tab, LF and CR
// would become spaces (§3.3.3): references keep them.
const AS_REFERENCE_IN_TEXT = new RegExp(`[\r${INVISIBLE}]`, 'g');
const AS_REFERENCE_IN_ATTRIBUTE = new RegExp(`[\t\n\r${INVISIBLE}]`, 'g');

const reference = (ch: string): string => `&#x${ch.charCodeAt(0).toString(16).toUpperCase()};`;

function xmlEscape(text: string, asReference: RegExp): string {
  return text
    .replace(NOT_XML_CHAR, '\ufffd')
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string)
    .replace(asReference, reference);
}

/**
 * Text for XML 1.0 element content: markup escaped, line breaks kept, so a parser gives back the
 * text itself. A character XML cannot carry becomes U+FFFD (the replacement character).
 */
const xmlText = (text: string): string => xmlEscape(text, AS_REFERENCE_IN_TEXT);

/** The same for an attribute value (in double quotes), whose tabs and line breaks survive as references. */
const xmlAttribute = (text: string): string => xmlEscape(text, AS_REFERENCE_IN_ATTRIBUTE);

const attrs = (pairs: Record<string, string | number | undefined>): string =>
  Object.entries(pairs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join('');

function testCase(domain: DomainOutcome, result: GateResult): string {
  const head = `    <testcase${attrs({ classname: domain.domain, name: resultId(result), file: domain.location?.file, time: 0 })}`;
  const { message, fix, ref } = wordsOf(result);
  const details = xmlText(`${message}${fix ? `\nFix: ${fix}` : ''}\nReference: ${ref}`);
  if (result.ignored) return `${head}>\n      <skipped${attrs({ message: `ignored: ${result.ignored.reason}` })}/>\n    </testcase>`;
  if (result.status === 'pass') return `${head}/>`;
  const element = result.status === 'fail' ? 'failure' : 'error';
  const type = result.status === 'fail' ? 'violation' : 'undetermined';
  return `${head}>\n      <${element}${attrs({ message, type })}>${details}</${element}>\n    </testcase>`;
}

function counts(results: readonly GateResult[]) {
  return {
    tests: results.length,
    failures: results.filter((r) => !r.ignored && r.status === 'fail').length,
    errors: results.filter((r) => r.status === 'undetermined').length,
    skipped: results.filter((r) => r.ignored).length,
  };
}

/**
 * JUnit XML in the common Ant/Jenkins subset GitLab reads: a test suite per domain, a test case
 * per rule; a violation is a <failure>, an undetermined rule an <error>, an ignored one <skipped>.
 */
export function renderGateJunit(outcome: GateOutcome): string {
  const suites = outcome.domains.map((domain) => {
    const cases = domain.results.map((result) => testCase(domain, result));
    return `  <testsuite${attrs({ name: domain.domain, ...counts(domain.results), time: 0 })}>\n${cases.join('\n')}\n  </testsuite>`;
  });
  const all = outcome.domains.flatMap((d) => d.results);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'dmarc-audit gate', ...counts(all), time: 0 })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
