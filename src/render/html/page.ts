import { CLIENT_SCRIPT } from './client-script.js';
import { escapeHtml, scriptJson } from './escape.js';
import { PAGE_STYLE } from './style.js';

/** A column of the page's table; the first is the row's name (a domain), which opens its details. */
export interface PageColumn {
  name: string;
  /** Offer a filter by value (when a run has between 2 and 40 distinct values). */
  filter?: boolean;
  /** Show values as coloured badges (with their text), toned by PageSpec.tones. */
  badge?: boolean;
}

/** A finding-like list of each row's details (findings, gate problems, blocking senders). */
export interface PageList {
  title: string;
  /** What the detail view says when a row's list is empty. */
  empty: string;
  /** The label of a filter by entry code, if any. */
  filter?: string;
}

export interface PageSpec {
  /** The document's title and heading. */
  title: string;
  subtitle: string;
  /** What a row is, plural ("domains"). */
  subject: string;
  columns: PageColumn[];
  lists: PageList[];
  /** Badge tone of a value: good, warn, bad, unknown, info; anything else is plain. */
  tones: Record<string, 'good' | 'warn' | 'bad' | 'unknown' | 'info'>;
}

/**
 * The beginning of a self-contained page (inline style and script, no fetch of any kind, so it works
 * from file:// and as a CI artifact), up to the opening of its data block: rows are appended as they
 * come (PageDataEncoder), and pageEnd closes the block and adds the overview, which is known only at
 * the end of a run and which the script moves to the top.
 */
export function pageStart(spec: PageSpec): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dmarc-audit">
<title>${escapeHtml(spec.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(spec.title)}</h1>
<p class="subtitle">${escapeHtml(spec.subtitle)}</p>
</header>
<main id="main">
<section id="browse" aria-labelledby="browse-title">
<h2 id="browse-title">All ${escapeHtml(spec.subject)}</h2>
<noscript><p>The table needs JavaScript; the overview below does not.</p></noscript>
<div class="controls" id="controls" role="search"><div class="filter"><label for="search">Search</label><input type="search" id="search" placeholder="name, status, record…"></div></div>
<p class="status" id="status" role="status"></p>
<div class="browse">
<div class="scroller" id="scroller" tabindex="0" role="region" aria-label="Table of ${escapeHtml(spec.subject)}">
<table class="data" id="table"><thead><tr id="head"></tr></thead><tbody id="rows"></tbody></table>
</div>
<section id="detail" class="empty" aria-labelledby="detail-title">
<h2 id="detail-title" tabindex="-1">Details</h2>
<div id="detail-body"><p class="note">Choose a name in the table to see everything found for it: each finding with its reference and fix, and the records as published.</p></div>
</section>
</div>
</section>
<script type="application/json" id="page-spec">${scriptJson(spec)}</script>
<script type="application/json" id="page-data">[`;
}

/** Closes the data block, then the overview (HTML made by the caller, escaped there), the footer and the script. */
export function pageEnd(overview: string, footer: string): string {
  return `
]</script>
<section id="overview" aria-labelledby="overview-title">
<h2 id="overview-title">Overview</h2>
${overview}
</section>
</main>
<footer><p>${escapeHtml(footer)}</p></footer>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
