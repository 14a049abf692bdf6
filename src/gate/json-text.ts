/**
 * JSON with comments, as `dmarc-audit init` writes it: `//` and `/* *\/` outside strings are
 * blanked out (newlines kept), so JSON.parse positions and line numbers still match the file.
 */
export function blankComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      const newline = text.indexOf('\n', i);
      const end = newline === -1 ? text.length : newline;
      out += ' '.repeat(end - i);
      i = end - 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      out += text.slice(i, end).replace(/[^\n]/g, ' ');
      i = end - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Index of the quote closing the string that opens at `start` (or the last index if unterminated). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"' || text[i] === '\n') return i;
  }
  return text.length - 1;
}

/** "line L, column C" for a character offset, for JSON syntax errors. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The 1-based line where each value of a JSON document starts, keyed by its path ("domains/0",
 * "overrides/example.com"). Only for text JSON.parse has accepted, so the scan can be lenient.
 */
export function valueLines(json: string): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: { array: boolean; key: string; index: number }[] = [];
  let expectingKey = false;
  let line = 1;
  const record = (): void => {
    lines.set(stack.map((frame) => (frame.array ? String(frame.index) : frame.key)).join('/'), line);
  };
  for (let i = 0; i < json.length; i++) {
    const ch = json[i] as string;
    if (ch === '\n') {
      line++;
    } else if (ch === '"') {
      const end = stringEnd(json, i);
      const top = stack.at(-1);
      if (top && !top.array && expectingKey) {
        top.key = JSON.parse(json.slice(i, end + 1)) as string;
        expectingKey = false;
      } else {
        record();
      }
      i = end;
    } else if (ch === '{' || ch === '[') {
      record();
      stack.push({ array: ch === '[', key: '', index: 0 });
      expectingKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack.at(-1);
      if (top?.array) top.index++;
      else expectingKey = true;
    } else if (/[-0-9tfn]/.test(ch)) {
      record();
      while (i + 1 < json.length && /[^\s,\]}]/.test(json[i + 1] as string)) i++;
    }
  }
  return lines;
}
