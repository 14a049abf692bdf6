const REDRAW_MS = 250;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * A one-line progress display on a terminal's stderr. It redraws on a timer rather than per report,
 * so a fast run does not spend its time drawing and a slow one still shows the clock moving.
 */
export class Progress {
  private done = 0;
  private errors = 0;
  private position = 0;
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  /** `total` counts input positions (lines, or domains given as arguments) when known. */
  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total?: number,
  ) {
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
    this.timer.unref();
  }

  /**
   * `failed`: a domain audited with verdict error (an input line that is not a domain is not counted);
   * `position` is how far into the input this report is (its line number, or its index + 1).
   */
  tick(failed: boolean, position: number): void {
    this.done++;
    this.position = Math.max(this.position, position);
    if (failed) this.errors++;
  }

  private draw(): void {
    const elapsed = (performance.now() - this.started) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const parts = [`${this.done} audited`];
    if (this.total) {
      const fraction = Math.min(1, this.position / this.total);
      parts[0] = `${this.position}/${this.total} (${(fraction * 100).toFixed(1)}%)`;
      const perPosition = this.position > 0 ? elapsed / this.position : Infinity;
      parts.push(`ETA ${formatDuration((this.total - this.position) * perPosition)}`);
    }
    parts.push(`${Math.round(rate)}/s`, `${this.errors} errors`);
    this.stream.write(`\r\u001b[K${parts.join(' · ')}`);
  }

  /** A line of its own above the progress line, which is redrawn below it. */
  note(text: string): void {
    this.stream.write(`\r\u001b[K${text}\n`);
  }

  stop(): void {
    clearInterval(this.timer);
    this.stream.write('\r\u001b[K');
  }
}
