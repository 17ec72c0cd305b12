import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES_DIR } from './specSchemas';

/**
 * Reads the Atlas reference pages (../shared/atlas/pages/*.txt, rendered documentation kept verbatim): their 200
 * response examples, the response attributes they document, and the `Accept` their curl examples send. The formats
 * differ per page (see pages/README.md), so each reader names the page it reads.
 */

/** The pages, by what they document. */
export const PAGES = {
  legacyGet: '000_649f4bbbb7a3c1f8.txt',
  sharedTierGet: '001_b2df63bc2c9978f4.txt',
  flexGet: '002_b034059f0256c495.txt',
  legacyGetSecondRendering: '003_48d9c46a0847dba0.txt',
  serverlessList: '004_db1da00667a2a1d8.txt',
} as const;

/** The text of one page. */
export function pageText(file: string): string {
  return readFileSync(join(PAGES_DIR, file), 'utf8');
}

/** The first balanced `{...}` on a line of its own at or after `from`, braces inside JSON strings ignored. */
function balancedObject(text: string, from: number): string {
  // A line that opens with `{` (header lines such as `Date: {dateInUnixFormat}` hold placeholders in braces too).
  const line = /^[ \t]*\{/m.exec(text.slice(from));
  if (!line) throw new Error('no object');
  const start = from + line.index + line[0].length - 1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth += 1;
    else if (ch === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('unbalanced object');
}

/**
 * The page's 200 response example, parsed. The newer pages print it after `Response examples (200)`; the v1.0
 * shared-tier page prints an HTTP exchange, the body after `HTTP/1.1 200 OK`.
 */
export function responseExample(file: string): unknown {
  const text = pageText(file);
  const marker = ['Response examples (200)', 'HTTP/1.1 200 OK'].map((m) => text.indexOf(m)).find((i) => i >= 0);
  if (marker === undefined) throw new Error(`${file}: no 200 example`);
  return JSON.parse(balancedObject(text, marker)) as unknown;
}

/**
 * The 200 response attributes a page documents, as dotted paths (`delivery.urlV2`, arrays transparent):
 * - the bullet pages (000, 002, 004): `• name type`, nesting by indentation, between `• 200` and `• 400`;
 * - the second legacy rendering (003): `- **name** (type)`, top level only, under `### 200`;
 * - the v1.0 shared-tier page (001): a table whose attribute names stand alone in backticks, under `## Response`.
 */
export function documentedAttributes(file: string): string[] {
  const text = pageText(file);
  if (file === PAGES.legacyGetSecondRendering) {
    const section = text.slice(text.indexOf('### 200'), text.indexOf('### 400'));
    return [...section.matchAll(/- \*\*(\w+)\*\* \(/g)].map((m) => m[1]!);
  }
  if (file === PAGES.sharedTierGet) {
    const section = text.slice(text.indexOf('## Response'), text.indexOf('## Example Request'));
    // Enum values stand in backticks too, but in upper case.
    return [...section.matchAll(/^`([a-z]\w*)`\s*$/gm)].map((m) => m[1]!);
  }
  const section = text.slice(text.search(/^\s*• 200 /m), text.search(/^\s*• 400 /m));
  const stack: { indent: number; name: string }[] = [];
  const paths: string[] = [];
  for (const line of section.split('\n')) {
    const m = /^(\s*)• (\w+) (?:string|integer|boolean|object|array|number)/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack.push({ indent, name: m[2]! });
    paths.push(stack.map((s) => s.name).join('.'));
  }
  return paths;
}

/** The media types the page's curl examples send in `Accept`. */
export function curlAccepts(file: string): string[] {
  return [...new Set([...pageText(file).matchAll(/--header "Accept: ([^"]+)"/g)].map((m) => m[1]!))];
}
