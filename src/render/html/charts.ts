/**
 * Charts as plain SVG written here: no charting library, nothing to load, and the numbers are in the
 * document as text three times over (labels beside the bars, the SVG's title for screen readers, and
 * a table under each chart), so they survive printing, copying and any colour-vision deficiency.
 */
import type { Tally } from '../../report/summary.js';
import { escapeHtml, untrustedHtml } from './escape.js';

export interface Bar {
  label: string;
  tally: Tally;
  /** Fill colour (Okabe–Ito); default blue. */
  color?: string;
}

export const PALETTE = { blue: '#0072B2', orange: '#E69F00', green: '#009E73', vermillion: '#D55E00', purple: '#CC79A7', sky: '#56B4E9', grey: '#999999' };

const WIDTH = 520;
const LABEL_WIDTH = 200;
const BAR_AREA = 210;
const ROW = 22;
const LONGEST_LABEL = 24;

const percent = (t: Tally): string => `${(t.share * 100).toFixed(1)}%`;
const numberText = (n: number): string => n.toLocaleString('en-US');
const clip = (text: string): string => (text.length > LONGEST_LABEL ? `${text.slice(0, LONGEST_LABEL - 1)}…` : text);

/** The numbers of a chart as a table, folded under it. */
function numbersTable(head: string, bars: readonly Bar[]): string {
  const rows = bars.map((bar) => `<tr><th scope="row">${untrustedHtml(bar.label)}</th><td class="n">${numberText(bar.tally.count)}</td><td class="n">${percent(bar.tally)}</td></tr>`);
  return `<details class="numbers"><summary>Numbers</summary><table class="numbers"><thead><tr><th scope="col">${escapeHtml(head)}</th><th scope="col">count</th><th scope="col">share</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

function figure(id: string, title: string, svg: string, table: string, note?: string): string {
  const noteHtml = note ? `<p class="note">${escapeHtml(note)}</p>` : '';
  return `<figure class="chart" id="${id}"><figcaption id="${id}-caption">${escapeHtml(title)}</figcaption>${svg}${noteHtml}${table}</figure>`;
}

/** What a screen reader hears for the chart: its title and every number. */
const spoken = (title: string, bars: readonly Bar[]): string => `${title}: ${bars.map((bar) => `${bar.label} ${numberText(bar.tally.count)} (${percent(bar.tally)})`).join(', ') || 'none'}`;

/** Horizontal bars, one per entry, labelled with the count and share. */
export function barChart(id: string, title: string, bars: readonly Bar[], options: { head?: string; note?: string } = {}): string {
  const most = Math.max(1, ...bars.map((bar) => bar.tally.count));
  const height = Math.max(1, bars.length) * ROW + 8;
  const marks = bars.map((bar, i) => {
    const y = 4 + i * ROW;
    const width = bar.tally.count === 0 ? 0 : Math.max(2, Math.round((bar.tally.count / most) * BAR_AREA));
    return (
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${untrustedHtml(clip(bar.label))}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="15" fill="${bar.color ?? PALETTE.blue}" stroke="#1b1b1b" stroke-width="0.75"/>` +
      `<text x="${LABEL_WIDTH + width + 6}" y="${y + 15}">${numberText(bar.tally.count)} (${percent(bar.tally)})</text>`
    );
  });
  const empty = bars.length === 0 ? `<text x="${LABEL_WIDTH}" y="18">none</text>` : '';
  const svg = `<svg role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"><title id="${id}-title">${untrustedHtml(spoken(title, bars))}</title>${marks.join('')}${empty}</svg>`;
  return figure(id, title, svg, numbersTable(options.head ?? title, bars), options.note);
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Buckets past this are shown together as "N+". */
const LAST_BUCKET = 25;

/**
 * Vertical bars over counts 0, 1, 2, … (e.g. SPF DNS lookups), with the limit drawn as a dashed line
 * and the bars past it in another colour and named so in the note.
 */
export function histogram(id: string, title: string, entries: readonly [string, Tally][], limit: { limit: number; ref: string }, total: number): string {
  const counts = new Map<number, number>();
  for (const [key, tally] of entries) {
    const bucket = Math.min(LAST_BUCKET, Math.max(0, Math.floor(Number(key))));
    if (Number.isFinite(bucket)) counts.set(bucket, (counts.get(bucket) ?? 0) + tally.count);
  }
  const top = Math.max(limit.limit + 2, ...counts.keys());
  const tallyOf = (count: number): Tally => ({ count, share: total === 0 ? 0 : Math.round((count / total) * 10_000) / 10_000 });
  const buckets = Array.from({ length: top + 1 }, (_, n) => ({ label: n === LAST_BUCKET ? `${n}+` : String(n), n, tally: tallyOf(counts.get(n) ?? 0) }));
  const most = Math.max(1, ...buckets.map((b) => b.tally.count));
  const plot = { left: 30, top: 18, width: WIDTH - 40, height: 150 };
  const step = plot.width / buckets.length;
  const marks = buckets.map((b, i) => {
    const x = plot.left + i * step;
    const h = b.tally.count === 0 ? 0 : Math.max(2, Math.round((b.tally.count / most) * plot.height));
    const y = plot.top + plot.height - h;
    const over = b.n > limit.limit;
    const bar = h > 0 ? `<rect x="${(x + 2).toFixed(1)}" y="${y}" width="${(step - 4).toFixed(1)}" height="${h}" fill="${over ? PALETTE.vermillion : PALETTE.blue}" stroke="#1b1b1b" stroke-width="0.75"/>` : '';
    // Above a narrow bar, 12.5K rather than 12,500; the exact number is in the title and the table.
    const value = b.tally.count > 0 ? `<text x="${(x + step / 2).toFixed(1)}" y="${y - 3}" text-anchor="middle">${COMPACT.format(b.tally.count)}</text>` : '';
    return `${bar}${value}<text x="${(x + step / 2).toFixed(1)}" y="${plot.top + plot.height + 14}" text-anchor="middle">${b.label}</text>`;
  });
  const limitX = (plot.left + (limit.limit + 1) * step).toFixed(1);
  const limitMark =
    `<line x1="${limitX}" y1="${plot.top - 6}" x2="${limitX}" y2="${plot.top + plot.height}" stroke="#1b1b1b" stroke-width="1.5" stroke-dasharray="5 3"/>` +
    `<text x="${limitX}" y="${plot.top - 8}" text-anchor="middle">limit ${limit.limit}</text>`;
  const height = plot.top + plot.height + 22;
  const shown = buckets.filter((b) => b.tally.count > 0);
  const svg = `<svg role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"><title id="${id}-title">${escapeHtml(spoken(`${title} (limit ${limit.limit})`, shown))}</title>${marks.join('')}${limitMark}</svg>`;
  const over = buckets.filter((b) => b.n > limit.limit).reduce((sum, b) => sum + b.tally.count, 0);
  const note = `Dashed line: the limit of ${limit.limit} (${limit.ref}); ${numberText(over)} over it, in vermillion.`;
  return figure(id, title, svg, numbersTable(title, shown), note);
}

/** A headline number: label, count and share, with a colour stripe (the words carry the meaning). */
export function tile(label: string, tally: Tally, color: string): string {
  return `<li class="tile" style="--tile: ${color}"><strong>${numberText(tally.count)}</strong>${escapeHtml(label)} · ${percent(tally)}</li>`;
}
