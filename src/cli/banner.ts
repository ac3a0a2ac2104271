/** What `allot serve` prints once it listens: where everything is, and what is shown only once. */
export function startBanner(info: {
  address: string;
  database: string;
  secretKey: string | null;
  links: readonly { who: string; url: string }[];
}): string {
  const rows: [string, string][] = [
    ['API', `${info.address}/v1`],
    ['Reference', `${info.address}/docs   (OpenAPI: ${info.address}/openapi.json)`],
    ['Portal', `${info.address}/portal   (opened through a portal session link)`],
    ['Health', `${info.address}/v1/health/ready   (metrics: ${info.address}/metrics)`],
    ['Database', info.database],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const out = ['', 'Allot is running.', '', ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), ''];
  if (info.secretKey)
    out.push('A first tenant was created. Its secret key, shown this once:', '', `  ${info.secretKey}`, '');
  if (info.links.length) {
    const who = Math.max(...info.links.map((l) => l.who.length));
    out.push(
      'The portal, signed in as a demo user (each link works once, for an hour; `allot portal link` makes more):',
      '',
      ...info.links.map((l) => `  ${l.who.padEnd(who)}  ${l.url}`),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
