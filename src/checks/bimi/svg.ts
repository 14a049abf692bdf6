/**
 * The BIMI logo profile, SVG Tiny Portable/Secure (AuthIndicators Working Group, "SVG Tiny PS"): a
 * root <svg> with version="1.2" and baseProfile="tiny-ps", a <title>, and nothing that runs or
 * fetches (scripts, event attributes, external references, animation). Parsed with a real XML parser;
 * a DOCTYPE is refused, so no entity is ever declared or expanded (billion laughs ends at once). Pure.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ANIMATION = new Set(['animate', 'animateMotion', 'animateColor', 'animateTransform', 'set']);

export type SvgProblem = 'xml' | 'doctype' | 'not-svg' | 'not-tiny-ps' | 'no-title' | 'script' | 'external-reference' | 'animation';

export function svgProblems(text: string): { problem: SvgProblem; detail: string }[] {
  const found = new Map<SvgProblem, string>();
  const note = (problem: SvgProblem, detail: string): void => void (found.has(problem) || found.set(problem, detail));
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let title = false;
  let failed = false;
  parser.on('doctype', () => note('doctype', 'a DOCTYPE (entity declarations are refused)'));
  parser.on('error', (error) => {
    failed = true;
    note('xml', error.message);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth === 1) {
      if (tag.local !== 'svg' || tag.uri !== SVG_NS) note('not-svg', `the root element is <${tag.name}>`);
      const version = tag.attributes.version?.value;
      const profile = tag.attributes.baseProfile?.value;
      if (version !== '1.2' || profile !== 'tiny-ps') note('not-tiny-ps', `version="${version ?? ''}" baseProfile="${profile ?? ''}"`);
    }
    if (depth === 2 && tag.local === 'title') title = true;
    if (tag.local === 'script') note('script', '<script>');
    if (ANIMATION.has(tag.local)) note('animation', `<${tag.local}>`);
    for (const attribute of Object.values(tag.attributes)) {
      if (/^on/i.test(attribute.local)) note('script', `the event attribute ${attribute.name}`);
      if (attribute.local === 'href' && !attribute.value.startsWith('#')) note('external-reference', `${attribute.name}="${attribute.value.slice(0, 80)}"`);
    }
  });
  parser.on('closetag', () => void depth--);
  // saxes stops at the first error it reports through the handler only when told to: stop feeding then.
  try {
    parser.write(text);
    if (!failed) parser.close();
  } catch (error) {
    note('xml', (error as Error).message);
  }
  if (!found.has('xml') && !found.has('not-svg') && !title) note('no-title', 'no <title> directly under <svg>');
  return [...found].map(([problem, detail]) => ({ problem, detail }));
}
