/** The explanation of a fail result: the exp= modifier (RFC 7208 §6.2) or our default. */
import type { EvaluationContext } from './evaluation.js';
import { macroValues, record, targetOf, withValidatedName } from './evaluation.js';
import type { DomainSpec } from './domain-spec.js';
import { expandMacros, parseMacroString } from './macro.js';

export interface Explanation {
  text: string;
  /** "exp": the domain's own text; "default": exp= was absent or unusable. */
  source: 'exp' | 'default';
}

export interface ExplanationOptions {
  /** %{r}, the host performing the check (§7.3). */
  receiver: string;
  /** %{t}, seconds since the epoch. */
  now: Date;
}

/**
 * §6.2: the TXT record named by exp=, macros expanded, fetched only now that the result is fail
 * and not counted against any limit (§4.6.4). Anything wrong — the target, a DNS failure, no
 * record, more than one, a bad explain-string — falls back to the default explanation.
 */
export async function explain(
  exp: { spec: DomainSpec; domain: string } | null,
  ctx: EvaluationContext,
  options: ExplanationOptions,
): Promise<Explanation> {
  const fallback: Explanation = { text: `${ctx.ip.text} is not authorized to send mail as ${ctx.sender.sender}`, source: 'default' };
  if (!exp) return fallback;
  const unusable = (why: string): Explanation => {
    record(ctx, { depth: 0, domain: exp.domain, term: null, outcome: 'explanation', detail: `exp ignored: ${why}` });
    return fallback;
  };

  const target = await targetOf(ctx, exp.spec, exp.domain);
  if (target.kind !== 'name') return unusable('its target is not a valid DNS name');
  const txt = await ctx.queries.resolve(target.name, 'TXT');
  if (txt.status !== 'answer') return unusable(`TXT ${target.name}: ${txt.status}`);
  if (txt.records.length !== 1) return unusable(`TXT ${target.name} has ${txt.records.length} records, not exactly one`);

  const parsed = parseMacroString(txt.records[0] ?? '', 'explanation');
  if (!parsed.ok) return unusable(`TXT ${target.name}: ${parsed.error}`);
  const values = await withValidatedName(ctx, parsed.tokens, macroValues(ctx, exp.domain));
  const now = String(Math.floor(options.now.getTime() / 1000));
  const expanded = expandMacros(parsed.tokens, { ...values, c: ctx.ip.text, r: options.receiver, t: now });
  if (!expanded.ok) return unusable(`no value for ${expanded.missing.join(', ')}`);
  record(ctx, { depth: 0, domain: exp.domain, term: null, outcome: 'explanation', detail: `TXT ${target.name}` });
  return { text: expanded.value, source: 'exp' };
}
