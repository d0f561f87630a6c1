import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';

/**
 * The README's fenced code blocks, each with the name of the `<!-- snippet: name -->` marker above
 * it (blank lines may stand between), so a test can find, run or check each one by name.
 */
export interface Snippet {
  readonly name: string | undefined;
  /** The fence's info string: `sh`, `python`, `js`, `xml`, `json`, ... */
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const MARKER = /^<!-- snippet: ([a-z0-9-]+) -->$/;
const FENCE = /^```(\S*)\s*$/;

export const snippetsOf = (markdown: string): Snippet[] => {
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
      if (i >= lines.length) throw new Error(`README line ${start + 1}: a code block that never ends`);
      snippets.push({ name: pending, lang: fence[1] ?? '', code: `${body.join('\n')}\n`, line: start + 1 });
      pending = undefined;
      continue;
    }
    // A marker names the very next block: only blank lines may come between.
    if (line.trim() !== '') pending = undefined;
  }
  return snippets;
};

export const README = join(PROJECT_ROOT, 'README.md');
export const readmeSnippets = (): Snippet[] => snippetsOf(readFileSync(README, 'utf8'));

/** The README's snippet of that name; a missing or doubled name fails the test that asks. */
export const snippet = (name: string, snippets: readonly Snippet[] = readmeSnippets()): Snippet => {
  const found = snippets.filter((s) => s.name === name);
  if (found.length !== 1) throw new Error(`README has ${found.length} snippets named ${name}`);
  return found[0] as Snippet;
};
