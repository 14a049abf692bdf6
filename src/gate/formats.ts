import type { ChalkInstance } from 'chalk';
import type { GateOutcome } from './evaluate.js';
import { renderGateJson } from './json.js';
import { renderGateText } from './gate-text.js';
import { renderGateJunit } from './junit.js';
import { renderGateHtml, type GateRun } from './html.js';
import { renderGateMarkdown } from './markdown.js';
import { renderGateSarif } from './sarif.js';

import type { GateFormat } from './names.js';

export { GATE_FORMATS, type GateFormat } from './names.js';

/** The whole gate outcome in one format; colour applies to text only. */
export function renderGate(format: GateFormat, outcome: GateOutcome, options: { chalk: ChalkInstance; version: string; run: GateRun }): string {
  switch (format) {
    case 'text':
      return renderGateText(outcome, options.chalk);
    case 'json':
      return renderGateJson(outcome);
    case 'sarif':
      return renderGateSarif(outcome, options.version);
    case 'junit':
      return renderGateJunit(outcome);
    case 'markdown':
      return renderGateMarkdown(outcome);
    case 'html':
      return renderGateHtml(outcome, options.run);
  }
}
