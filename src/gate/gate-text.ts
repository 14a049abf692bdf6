import type { ChalkInstance } from 'chalk';
import { TEXT_WIDTH } from '../render/block.js';
import { escapeForTerminal } from '../render/escape.js';
import { wrapText } from '../render/wrap.js';
import type { DomainOutcome, GateOutcome, GateResult, GateStatus } from './evaluate.js';
import { problems, wordsOf } from './evaluate.js';
import { resultId } from './rules.js';

const LABEL: Record<GateStatus, string> = { pass: 'PASS', fail: 'FAIL', undetermined: 'UNKNOWN' };
const VERDICT_TEXT: Record<GateStatus, string> = {
  pass: 'gate passed',
  fail: 'gate failed',
  undetermined: 'gate failed closed: some verdicts could not be determined (DNS errors)',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Config and DNS text alike goes through the terminal escape: a TXT record can carry escape sequences. */
const safe = escapeForTerminal;

/** Untrusted text wrapped to TEXT_WIDTH behind a prefix; the lines after the first hang under it. */
function wrapped(prefix: string, text: string, hang = prefix.length): string[] {
  return wrapText(safe(text), TEXT_WIDTH - hang).map((line, index) => (index === 0 ? prefix.padEnd(hang) : ' '.repeat(hang)) + line);
}

function resultLines(result: GateResult, c: ChalkInstance): string[] {
  const id = resultId(result);
  if (result.ignored) {
    const until = result.ignored.expires ? ` until ${result.ignored.expires}` : '';
    return wrapped('      ', `ignored ${id}${until}: ${result.ignored.reason}`, 8).map((line) => c.dim(line));
  }
  const mark = result.status === 'fail' ? c.red('✗') : c.yellow('?');
  const { message, fix } = wordsOf(result);
  const [first = '', ...rest] = wrapped('        ', `${id}: ${message}`);
  // The id leads the first line: shown in bold, as the rule or code a reader looks up.
  const lines = [`      ${mark} ${c.bold(first.slice(8, 8 + safe(id).length))}${first.slice(8 + safe(id).length)}`, ...rest];
  if (fix) lines.push(...wrapped('        fix: ', fix));
  return lines;
}

function domainLines(outcome: DomainOutcome, c: ChalkInstance): string[] {
  const color = outcome.status === 'pass' ? c.green : outcome.status === 'fail' ? c.red : c.yellow;
  const failing = problems(outcome).filter((r) => !r.ignored).length;
  const detail = outcome.status === 'pass' ? '' : `${plural(failing, 'problem')} (profile ${outcome.profile})`;
  const names = wrapText(safe(outcome.domain), TEXT_WIDTH - 8);
  const lines = names.map((name, index) => (index === 0 ? `${color(LABEL[outcome.status].padEnd(7))} ` : ' '.repeat(8)) + name);
  // The count goes after the domain when it fits there, else on a line of its own.
  const last = names.length - 1;
  if (detail !== '' && 8 + (names[last]?.length ?? 0) + 2 + detail.length <= TEXT_WIDTH) lines[last] += c.dim(`  ${detail}`);
  else if (detail !== '') lines.push(`        ${c.dim(detail)}`);
  return [...lines, ...problems(outcome).flatMap((r) => resultLines(r, c))];
}

/** The terminal report: one line per domain with each failed rule and its fix below it, then a summary. */
export function renderGateText(outcome: GateOutcome, c: ChalkInstance): string {
  const lines = outcome.domains.flatMap((d) => domainLines(d, c));
  const { pass, fail, undetermined } = outcome.counts;
  lines.push('');
  for (const entry of outcome.expiredIgnores) {
    const scope = entry.domains ? entry.domains.join(', ') : 'all domains';
    lines.push(...wrapped('', `expired ignore (applied no more): ${entry.code} for ${scope}, expired ${entry.expires ?? ''}: ${entry.reason}`, 2).map((line) => c.yellow(line)));
  }
  const verdict = (outcome.status === 'pass' ? c.green : outcome.status === 'fail' ? c.red : c.yellow)(VERDICT_TEXT[outcome.status]);
  const counts = `${plural(outcome.domains.length, 'domain')}: ${pass} passed, ${fail} failed, ${undetermined} undetermined`;
  if (counts.length + 3 + VERDICT_TEXT[outcome.status].length <= TEXT_WIDTH) lines.push(`${counts} — ${verdict}`);
  else lines.push(counts, verdict);
  return `${lines.join('\n')}\n`;
}
