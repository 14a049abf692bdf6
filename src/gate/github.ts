import { appendFile } from 'node:fs/promises';
import { escapeForTerminal } from '../render/escape.js';
import type { GateOutcome } from './evaluate.js';
import { problems, wordsOf } from './evaluate.js';
import { resultId } from './rules.js';

/** GitHub shows about 10 error and 10 warning annotations per step; more are dropped silently. */
export const ANNOTATION_LIMIT = 10;

/** Workflow-command message data: %, CR and LF would end or corrupt the command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values additionally may not contain the ":" and "," that delimit them. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error` for violations and `::warning` for undetermined domains, first ones first, each placed
 * at the domain's line in the config or list. DNS text is made visible before workflow escaping.
 */
export function renderAnnotations(outcome: GateOutcome, limit = ANNOTATION_LIMIT): string {
  const items = outcome.domains.flatMap((domain) =>
    problems(domain)
      .filter((result) => !result.ignored)
      .map((result) => ({ domain, result })),
  );
  const lines = items.slice(0, limit).map(({ domain, result }) => {
    const command = result.status === 'fail' ? 'error' : 'warning';
    const properties = [
      ...(domain.location ? [`file=${escapeProperty(domain.location.file)}`, `line=${domain.location.line}`] : []),
      `title=${escapeProperty(`dmarc-audit ${resultId(result)}: ${domain.domain}`)}`,
    ];
    const words = wordsOf(result);
    const message = `${domain.domain}: ${result.status === 'undetermined' ? 'could not be determined: ' : ''}${words.message}${words.fix ? ` Fix: ${words.fix}` : ''}`;
    return `::${command} ${properties.join(',')}::${escapeData(escapeForTerminal(message))}`;
  });
  if (items.length > limit) lines.push(`dmarc-audit: ${items.length - limit} more problems are in the step summary and the report.`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** Whether to speak to GitHub Actions, as its runner sets GITHUB_ACTIONS=true in every step. */
export function inGithubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Appends the Markdown report to the job summary file GitHub names in GITHUB_STEP_SUMMARY. */
export async function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) await appendFile(file, markdown);
}
