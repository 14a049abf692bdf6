/**
 * The page's style sheet. Colours are from the Okabe–Ito palette, which readers with any common
 * colour-vision deficiency can tell apart, and every coloured mark also carries its label as text;
 * text reaches WCAG AA contrast (4.5:1), bars have a dark outline for the 3:1 of graphics, and print
 * keeps the colours, drops the controls and lets the table run over pages.
 */
export const PAGE_STYLE = `
:root { --fg: #1b1b1b; --muted: #4d4d4d; --line: #c4c4c4; --accent: #0b5394; --head: #eef1f5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: #fff; }
header, main, footer { padding: 0 1.5rem; }
header { border-bottom: 1px solid var(--line); }
h1 { font-size: 1.5rem; margin: 1rem 0 .2rem; }
h2 { font-size: 1.2rem; margin: 1.2rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.subtitle, footer, .note { color: var(--muted); }
footer { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: .5rem; padding-bottom: 1rem; font-size: .85rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.tiles { display: flex; flex-wrap: wrap; gap: .8rem; margin: .5rem 0 1rem; padding: 0; list-style: none; }
.tile { border: 1px solid var(--line); border-left: .5rem solid var(--tile, #0072B2); padding: .4rem .9rem; min-width: 10rem; }
.tile strong { display: block; font-size: 1.6rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: 1rem 2rem; }
figure.chart { margin: 0; break-inside: avoid; }
figure.chart figcaption { font-weight: 600; margin-bottom: .2rem; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
details.numbers { font-size: .85rem; margin: .2rem 0 .5rem; }
table.numbers { border-collapse: collapse; }
table.numbers th, table.numbers td { border: 1px solid var(--line); padding: .1rem .5rem; text-align: left; }
table.numbers td.n { text-align: right; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: .5rem 0; }
.controls .filter { display: flex; flex-direction: column; gap: .1rem; }
.controls label { font-size: .85rem; }
input, select, button { font: inherit; }
input[type=search] { min-width: 16rem; }
.status { margin: .3rem 0; }
.browse { display: grid; grid-template-columns: minmax(0, 3fr) minmax(20rem, 2fr); gap: 1rem; align-items: start; }
@media (max-width: 64rem) { .browse { grid-template-columns: 1fr; } }
.scroller { height: 70vh; overflow: auto; border: 1px solid var(--line); }
.scroller:focus-visible { outline: 2px solid var(--accent); }
table.data { border-collapse: separate; border-spacing: 0; width: max-content; min-width: 100%; }
table.data th { position: sticky; top: 0; z-index: 1; background: var(--head); text-align: left; border-bottom: 1px solid var(--line); font-weight: 600; padding: 0; white-space: nowrap; }
table.data th button { all: unset; cursor: pointer; display: block; padding: .35rem .5rem; }
table.data th button:focus-visible, button.open:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
table.data td { height: 1.9rem; padding: 0 .5rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 22rem; border-bottom: 1px solid #e2e2e2; }
table.data tr.selected td { background: #fff3c4; }
button.open { all: unset; cursor: pointer; color: var(--accent); text-decoration: underline; }
.badge { display: inline-block; padding: 0 .4rem; border: 1px solid; border-radius: .25rem; line-height: 1.35; font-size: .85rem; }
.badge-good { background: #dcf3e8; color: #00553a; border-color: #009E73; }
.badge-warn { background: #fdf0d5; color: #6a4500; border-color: #E69F00; }
.badge-bad { background: #fbe3d8; color: #8a2c00; border-color: #D55E00; }
.badge-unknown { background: #f7e4ef; color: #6e1d52; border-color: #CC79A7; }
.badge-info { background: #dfeefa; color: #00446e; border-color: #0072B2; }
.badge-plain { background: #f1f1f1; color: #333; border-color: #999; }
#detail { position: sticky; top: .5rem; max-height: 92vh; overflow: auto; border: 1px solid var(--line); padding: 0 1rem .5rem; }
#detail h2:focus { outline: none; }
#detail ul.entries { list-style: none; padding: 0; margin: 0; }
#detail ul.entries li { border-top: 1px solid #e2e2e2; padding: .4rem 0; }
#detail ul.entries p { margin: .15rem 0; overflow-wrap: anywhere; }
#detail dl.facts { font-size: .9rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5; border: 1px solid #e2e2e2; padding: .5rem; font-size: .8rem; margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media print {
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body { font-size: 10pt; }
  .controls, noscript { display: none; }
  .browse { display: block; }
  .scroller { height: auto; overflow: visible; border: 0; }
  table.data th { position: static; }
  #detail { position: static; max-height: none; border: 0; padding: 0; }
  #detail.empty { display: none; }
}
`;
