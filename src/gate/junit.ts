import { escapeForTerminal } from '../render/escape.js';
import { wordsOf, type DomainOutcome, type GateOutcome, type GateResult } from './evaluate.js';
import { resultId } from './rules.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text for XML 1.0 content and attributes. Control characters are not allowed in XML at all, so
 * they are shown as visible escapes (as on a terminal) rather than dropped; markup is escaped.
 */
export function xmlText(text: string): string {
  return escapeForTerminal(text.replace(LONE_SURROGATE, '\ufffd'))
    .replace(/[\ufffe\uffff]/g, '\ufffd')
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

const attrs = (pairs: Record<string, string | number | undefined>): string =>
  Object.entries(pairs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${xmlText(String(value))}"`)
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
