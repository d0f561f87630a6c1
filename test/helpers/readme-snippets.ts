import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';

/**
 * The user's documentation is README.md (what a newcomer needs) and docs/*.md (the reference, one
 * file per topic); docs/decisions/ holds design records, not the manual. Their fenced code blocks,
 * each with the name of the `<!-- snippet: name -->` marker above it (blank lines may stand
 * between), and their marked tables, so a test can find, run or check each one by name wherever
 * it is kept.
 */
export interface Snippet {
  readonly name: string | undefined;
  /** The fence's info string: `sh`, `python`, `js`, `xml`, `json`, ... */
  readonly lang: string;
  readonly code: string;
  /** The file it is in, relative to the project: `README.md`, `docs/clients.md`, ... */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const MARKER = /^<!-- snippet: ([a-z0-9-]+) -->$/;
const FENCE = /^```(\S*)\s*$/;

export const snippetsOf = (markdown: string, file = 'README.md'): Snippet[] => {
  const lines = markdown.split('\n');
  const snippets: Snippet[] = [];
  let pending: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const marker = MARKER.exec(line);
    if (marker) {
      pending = marker[1];
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`${file} line ${start + 1}: a code block that never ends`);
      snippets.push({
        name: pending,
        lang: fence[1] ?? '',
        code: `${body.join('\n')}\n`,
        file,
        line: start + 1,
      });
      pending = undefined;
      continue;
    }
    // A marker names the very next block: only blank lines may come between.
    if (line.trim() !== '') pending = undefined;
  }
  return snippets;
};

export const README = join(PROJECT_ROOT, 'README.md');

/** README.md, then docs/*.md in name order, each relative to the project. */
export const documentationFiles = (): string[] => [
  'README.md',
  ...readdirSync(join(PROJECT_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

export const readDocumentation = (file: string): string => readFileSync(join(PROJECT_ROOT, file), 'utf8');

/** Every code block of the README and of docs/*.md. */
export const documentationSnippets = (): Snippet[] =>
  documentationFiles().flatMap((file) => snippetsOf(readDocumentation(file), file));

/** The snippet of that name, in whichever documentation file holds it; a missing or doubled name fails the test that asks. */
export const snippet = (name: string, snippets: readonly Snippet[] = documentationSnippets()): Snippet => {
  const found = snippets.filter((s) => s.name === name);
  if (found.length !== 1)
    throw new Error(`the documentation has ${found.length} snippets named ${name} (README.md and docs/*.md)`);
  return found[0] as Snippet;
};

/**
 * The text between `<!-- marker -->` and `<!-- /marker -->` (a table the tests hold to the code), in
 * the one documentation file that has it.
 */
export const markedSection = (marker: string): string => {
  const found = documentationFiles().flatMap((file) => {
    const text = readDocumentation(file);
    const start = text.indexOf(`<!-- ${marker} -->`);
    const end = text.indexOf(`<!-- /${marker} -->`);
    return start >= 0 && end > start ? [text.slice(start, end)] : [];
  });
  if (found.length !== 1)
    throw new Error(`${found.length} documentation files have a ${marker} section (README.md and docs/*.md)`);
  return found[0] as string;
};
