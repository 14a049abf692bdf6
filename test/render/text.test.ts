import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/render/text.js';
import { inputErrorAudit } from '../../src/report/input-error.js';
import { reportOf } from '../../src/report/report.js';
import { makeAudit, SPF_PERMERROR } from '../gate/support.js';

const plain = new Chalk({ level: 0 });

describe('the text headline', () => {
  it('says SPF permerror next to the verdict: no mail passes SPF', () => {
    const text = renderText(reportOf({ ...makeAudit(SPF_PERMERROR), grade: 'C' }), plain);
    expect(text.split('\n')[0]).toBe('example.com  ENFORCING · SPF permerror  grade C');
  });

  it('shows an input line that is not a domain as such, without a verdict or grade', () => {
    const [first] = renderText(reportOf(inputErrorAudit('user@example.com', 'an e-mail address', 3)), plain).split('\n');
    expect(first).toBe('user@example.com  INVALID INPUT');
  });

  it('puts the verdict under a domain too long to share its line', () => {
    const domain = `${'a'.repeat(60)}.example.com`;
    const lines = renderText(reportOf(makeAudit({}, domain)), plain).split('\n');
    expect(lines.slice(0, 2)).toEqual([domain, '  ENFORCING  grade A']);
  });

});
