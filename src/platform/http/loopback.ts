/** Host names of this machine: the one place plain http is accepted for a web address (a developer's). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
