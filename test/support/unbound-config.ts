/**
 * The start of an Unbound configuration for a server the tests or the bench run themselves: on
 * 127.0.0.1 only, unprivileged, no files outside `dir`, no logging. Callers add their modules and zones.
 */
export function loopbackUnboundServer(dir: string, port: number): string[] {
  return [
    'server:',
    '  interface: 127.0.0.1',
    `  port: ${port}`,
    '  do-ip6: no',
    '  access-control: 127.0.0.0/8 allow',
    '  username: ""',
    '  chroot: ""',
    `  directory: "${dir}"`,
    '  pidfile: ""',
    '  use-syslog: no',
    '  logfile: ""',
    '  verbosity: 0',
  ];
}
