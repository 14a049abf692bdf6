const EXIT_FOR_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

export type InterruptSignal = keyof typeof EXIT_FOR_SIGNAL;

export interface InterruptWatch {
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM, undefined when not interrupted. */
  exitCode(): number | undefined;
  dispose(): void;
}

/**
 * The first Ctrl-C or SIGTERM stops new work so finished reports can still be written and the output
 * closed properly (`onFirst` runs at once, to say so); a second one exits at once.
 */
export function watchInterrupts(onFirst: (signal: InterruptSignal) => void = () => {}): InterruptWatch {
  const controller = new AbortController();
  let code: number | undefined;
  const handlers = (Object.keys(EXIT_FOR_SIGNAL) as InterruptSignal[]).map((name) => {
    const handler = (): void => {
      if (code !== undefined) process.exit(code);
      code = EXIT_FOR_SIGNAL[name];
      onFirst(name);
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    exitCode: () => code,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
