import { markdownCell, markdownCode } from '../render/markdown-escape.js';
import type { GateOutcome, GateStatus } from './evaluate.js';
import { problems, wordsOf } from './evaluate.js';
import { resultId } from './rules.js';

const ICON: Record<GateStatus, string> = { pass: '✅ pass', fail: '❌ fail', undetermined: '⚠️ undetermined' };

/** A Markdown report: a heading with the verdict, a summary line, and a table with a row per problem (one for a passing domain). */
export function renderGateMarkdown(outcome: GateOutcome): string {
  const { pass, fail, undetermined } = outcome.counts;
  const title = { pass: 'passed', fail: 'failed', undetermined: 'failed closed (DNS errors)' }[outcome.status];
  const rows: string[] = [];
  for (const domain of outcome.domains) {
    const found = problems(domain);
    if (found.length === 0) rows.push(`| ${markdownCell(domain.domain)} | ${ICON.pass} | | | |`);
    for (const result of found) {
      const status = result.ignored ? `ignored: ${markdownCell(result.ignored.reason)}` : ICON[result.status];
      const { message, fix } = wordsOf(result);
      rows.push(`| ${markdownCell(domain.domain)} | ${status} | ${markdownCode(resultId(result))} | ${markdownCell(message)} | ${markdownCell(fix)} |`);
    }
  }
  const expired = outcome.expiredIgnores.map(
    (e) => `- Expired ignore, applied no more: ${markdownCode(e.code)} (expired ${e.expires ?? ''}): ${markdownCell(e.reason)}`,
  );
  return [
    `## dmarc-audit gate ${title}`,
    '',
    `${outcome.domains.length} domains: ${pass} passed, ${fail} failed, ${undetermined} undetermined.`,
    '',
    '| Domain | Result | Rule | Details | Fix |',
    '|---|---|---|---|---|',
    ...rows,
    ...(expired.length > 0 ? ['', ...expired] : []),
    '',
  ].join('\n');
}
