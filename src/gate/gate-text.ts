import type { ChalkInstance } from 'chalk';
import { escapeForTerminal } from '../render/escape.js';
import type { DomainOutcome, GateOutcome, GateResult, GateStatus } from './evaluate.js';
import { problems, wordsOf } from './evaluate.js';
import { resultId } from './rules.js';

const LABEL: Record<GateStatus, string> = { pass: 'PASS', fail: 'FAIL', undetermined: 'UNKNOWN' };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Config and DNS text alike goes through the terminal escape: a TXT record can carry escape sequences. */
const safe = escapeForTerminal;

function resultLines(result: GateResult, c: ChalkInstance): string[] {
  const id = resultId(result);
  if (result.ignored) {
    const until = result.ignored.expires ? ` until ${result.ignored.expires}` : '';
    return [c.dim(`      ignored ${safe(id)}${until}: ${safe(result.ignored.reason)}`)];
  }
  const mark = result.status === 'fail' ? c.red('✗') : c.yellow('?');
  const { message, fix } = wordsOf(result);
  const lines = [`      ${mark} ${c.bold(safe(id))}: ${safe(message)}`];
  if (fix) lines.push(`        fix: ${safe(fix)}`);
  return lines;
}

function domainLines(outcome: DomainOutcome, c: ChalkInstance): string[] {
  const color = outcome.status === 'pass' ? c.green : outcome.status === 'fail' ? c.red : c.yellow;
  const failing = problems(outcome).filter((r) => !r.ignored).length;
  const detail = outcome.status === 'pass' ? '' : c.dim(`  ${plural(failing, 'problem')} (profile ${outcome.profile})`);
  return [`${color(LABEL[outcome.status].padEnd(7))} ${safe(outcome.domain)}${detail}`, ...problems(outcome).flatMap((r) => resultLines(r, c))];
}

/** The terminal report: one line per domain with each failed rule and its fix below it, then a summary. */
export function renderGateText(outcome: GateOutcome, c: ChalkInstance): string {
  const lines = outcome.domains.flatMap((d) => domainLines(d, c));
  const { pass, fail, undetermined } = outcome.counts;
  lines.push('');
  for (const entry of outcome.expiredIgnores) {
    const scope = entry.domains ? entry.domains.join(', ') : 'all domains';
    lines.push(c.yellow(`expired ignore (applied no more): ${safe(entry.code)} for ${safe(scope)}, expired ${entry.expires ?? ''}: ${safe(entry.reason)}`));
  }
  const verdict =
    outcome.status === 'pass'
      ? c.green('gate passed')
      : outcome.status === 'fail'
        ? c.red('gate failed')
        : c.yellow('gate failed closed: some verdicts could not be determined (DNS errors)');
  lines.push(`${plural(outcome.domains.length, 'domain')}: ${pass} passed, ${fail} failed, ${undetermined} undetermined — ${verdict}`);
  return `${lines.join('\n')}\n`;
}
