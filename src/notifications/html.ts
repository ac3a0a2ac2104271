/**
 * The HTML of an e-mail: one column, inline styles only (mail clients drop style sheets), tables for
 * the layout Outlook needs, a heading, the message, one button, the footer. Every value is escaped.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export interface HtmlParts {
  lang: string;
  subject: string;
  vendor: string;
  heading: string;
  greeting: string;
  paragraphs: readonly string[];
  cta: string;
  link: string;
  linkIntro: string;
  footer: string;
}

/** Parts are plain text: they are escaped here. */
export function renderHtml(p: HtmlParts): string {
  const e = escapeHtml;
  const para = (s: string) => `<p style="margin:0 0 14px 0;">${e(s)}</p>`;
  return `<!DOCTYPE html>
<html lang="${e(p.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(p.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border:1px solid #e5e7eb;border-radius:8px;">
<tr><td style="padding:24px 32px 0 32px;${FONT};font-size:14px;line-height:20px;font-weight:600;color:#4b5563;">${e(p.vendor)}</td></tr>
<tr><td style="padding:12px 32px 0 32px;"><h1 style="margin:0;${FONT};font-size:22px;line-height:30px;font-weight:700;color:#111827;">${e(p.heading)}</h1></td></tr>
<tr><td style="padding:16px 32px 0 32px;${FONT};font-size:16px;line-height:24px;color:#1f2937;">
${[p.greeting, ...p.paragraphs].map(para).join('\n')}
</td></tr>
<tr><td style="padding:6px 32px 24px 32px;">
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>
<td style="border-radius:6px;background-color:#1d4ed8;"><a href="${e(p.link)}" style="display:inline-block;padding:12px 24px;${FONT};font-size:16px;line-height:20px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;">${e(p.cta)}</a></td>
</tr></table>
<p style="margin:16px 0 0 0;${FONT};font-size:13px;line-height:20px;color:#4b5563;">${e(p.linkIntro)}<br><a href="${e(p.link)}" style="color:#1d4ed8;word-break:break-all;">${e(p.link)}</a></p>
</td></tr>
<tr><td style="padding:16px 32px 24px 32px;border-top:1px solid #e5e7eb;${FONT};font-size:12px;line-height:18px;color:#4b5563;">${e(p.footer)}<br>— ${e(p.vendor)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
