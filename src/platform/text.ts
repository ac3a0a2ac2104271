/**
 * What XML 1.0 forbids in text (its `Char` production): C0 controls but tab, newline and return, and
 * U+FFFE, U+FFFF (lone surrogates aside, which UTF-8 cannot carry at all). Names and addresses go into
 * e-invoices, so the API refuses these characters and the e-invoice writer drops any saved before.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: those characters are what it finds
export const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
