/**
 * The hostile cases too big to write by hand (fixtures/zones/hostile.zone has the rest), as zone text
 * for the fixture server's `zoneText`. All names are under hostile.test.
 */

const SUFFIX = 'hostile.test.';

/** Splits TXT data into the 255-byte character-strings a record is made of. */
const strings = (text: string): string => (text.match(/.{1,255}/g) ?? []).map((piece) => `"${piece}"`).join(' ');

/** A DMARC record of about 64 KB: only TCP can carry it. */
function hugeTxt(): string[] {
  return [`_dmarc.huge-txt.${SUFFIX} TXT ${strings(`v=DMARC1; p=reject; x=${'a'.repeat(250 * 255)}`)}`, `huge-txt.${SUFFIX} TXT "v=spf1 -all"`];
}

/** `count` TXT records at one name, the SPF record among them. */
function manyTxt(name: string, count: number): string[] {
  const lines = Array.from({ length: count }, (_, i) => `${name}.${SUFFIX} TXT "filler-${i}"`);
  return [...lines, `${name}.${SUFFIX} TXT "v=spf1 -all"`, `_dmarc.${name}.${SUFFIX} TXT "v=DMARC1; p=reject; rua=mailto:d@${name}.${SUFFIX.slice(0, -1)}"`];
}

/** An SPF include bomb: every record includes ten more, three levels down (1,111 records). */
function includeBomb(): string[] {
  const lines = [`_dmarc.bomb.${SUFFIX} TXT "v=DMARC1; p=reject; rua=mailto:d@bomb.hostile.test"`];
  const add = (name: string, level: number): void => {
    const children = level < 3 ? Array.from({ length: 10 }, (_, i) => `x${i}.${name}`) : [];
    lines.push(`${name}.${SUFFIX} TXT ${strings(`v=spf1 ${children.map((child) => `include:${child}.hostile.test `).join('')}-all`)}`);
    for (const child of children) add(child, level + 1);
  };
  add('bomb', 0);
  return lines;
}

/** An include chain `depth` records deep; with `delayMs`, every TXT answer of the chain comes that late. */
function includeChain(name: string, depth: number, delayMs?: number): string[] {
  const lines = [`_dmarc.${name}.${SUFFIX} TXT "v=DMARC1; p=reject; rua=mailto:d@${name}.hostile.test"`];
  for (let i = 0; i < depth; i++) {
    const owner = i === 0 ? name : `l${i}.${name}`;
    lines.push(`${owner}.${SUFFIX} TXT "v=spf1 ${i + 1 < depth ? `include:l${i + 1}.${name}.hostile.test ` : ''}-all"`);
    if (delayMs !== undefined) lines.push(`${owner}.${SUFFIX} FAULT delay=${delayMs} TXT`);
  }
  return lines;
}

/** A DMARC record naming `count` external report destinations, each costing a tree walk and an authorization lookup. */
function ruaBomb(count: number): string[] {
  const hosts = Array.from({ length: count }, (_, i) => `h${i}.rua-dest.hostile.test`);
  return [
    `_dmarc.rua-bomb.${SUFFIX} TXT ${strings(`v=DMARC1; p=reject; rua=${hosts.map((host) => `mailto:r@${host}`).join(',')}`)}`,
    `rua-bomb.${SUFFIX} TXT "v=spf1 -all"`,
    ...hosts.map((host) => `_dmarc.${host}. TXT "v=DMARC1; p=none"`),
  ];
}

export const HOSTILE_ZONE_TEXT = [
  ...hugeTxt(),
  ...manyTxt('many-txt', 1000),
  ...manyTxt('too-many-txt', 6000),
  ...includeBomb(),
  ...includeChain('deep-chain', 50),
  ...includeChain('slow-chain', 30, 250),
  ...ruaBomb(300),
].join('\n');
