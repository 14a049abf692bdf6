import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

/** Colour only for a terminal, never when NO_COLOR is set or --no-color is given (https://no-color.org). */
export function chalkFor(stream: NodeJS.WriteStream, colorOption: boolean | undefined, env = process.env): ChalkInstance {
  const noColor = colorOption === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  if (noColor) return new Chalk({ level: 0 });
  if (colorOption === true || env.FORCE_COLOR) return new Chalk({ level: supportsColor ? supportsColor.level : 1 });
  return new Chalk({ level: stream.isTTY && supportsColor ? supportsColor.level : 0 });
}
