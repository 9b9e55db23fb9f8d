/**
 * Text for files people open elsewhere (CSV in a spreadsheet, Markdown in a notes tool), where names typed by
 * any team member must stay data: never a formula, a link, markup or a broken table.
 */

export type CsvValue = string | number | null | undefined;

/** A text cell starting with one of these is run as a formula by spreadsheets (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text that a spreadsheet would read as a formula gets a leading `'` (shown as text, not
 * computed); numbers are written as numbers, so a negative value or residual stays a number. Cells holding
 * commas, quotes or line breaks are quoted (RFC 4180).
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file: header and rows through csvCell, one line each. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

/** Markdown (and GFM tables) would read these as syntax: emphasis, code, links, cell breaks, strikethrough. */
const MARKDOWN_SYNTAX = /[\\`*_[\]|~#!]/g;

/**
 * Text (a name, a rationale) placed inside Markdown as plain words: line breaks become spaces (a table row
 * stays one row), HTML is written as entities (no tags), Markdown syntax is backslash-escaped (no emphasis,
 * links, images, headings or `|` cell breaks; a leading `-`, `+` or `1.` starts no list), and script URL
 * schemes lose their colon, so no renderer makes them a link.
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(MARKDOWN_SYNTAX, "\\$&")
    .replace(/^([-+])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2")
    .replace(/\b(javascript|vbscript|data):/gi, "$1&#58;");
}
