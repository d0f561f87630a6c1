import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root';
import { documentationFiles, readDocumentation } from '../helpers/readme-snippets';

/**
 * The README is what a newcomer reads first and links into docs/ for the reference; a moved or
 * renamed section must not leave a link that leads nowhere. docs/decisions/ is linked from them and
 * links back, so it is checked too.
 */
const decisionRecords = readdirSync(join(PROJECT_ROOT, 'docs', 'decisions'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/decisions/${name}`);
const checkedFiles = [...documentationFiles(), ...decisionRecords];

/** The text outside fenced code blocks: a `# line` in a shell snippet is no heading. */
const withoutFences = (markdown: string): string => markdown.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '');

/** The text outside code, where a `[text](target)` is a link. */
const prose = (markdown: string): string => withoutFences(markdown).replace(/`[^`\n]*`/g, '');

/** Every link and image target of a Markdown text: `[text](target)`, `![alt](target)`. */
const linkTargets = (markdown: string): string[] =>
  [...prose(markdown).matchAll(/!?\[(?:[^\]\n]|\][^(])*?\]\(([^()\s]+)(?:\s+"[^"]*")?\)/g)].map(
    (m) => m[1] ?? '',
  );

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2, ... */
const headingAnchors = (markdown: string): Set<string> => {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of withoutFences(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const text = (match[1] ?? '').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    anchors.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return anchors;
};

/** What is wrong with a relative link from `file`, or null when it leads to a file and heading that exist. */
const brokenLink = (file: string, target: string): string | null => {
  const [path = '', anchor] = target.split('#', 2);
  const resolved = path === '' ? file : normalize(join(dirname(file), decodeURIComponent(path)));
  const absolute = join(PROJECT_ROOT, resolved);
  if (resolved.startsWith('..') || !existsSync(absolute)) return `${resolved} does not exist`;
  if (anchor === undefined) return null;
  if (!resolved.endsWith('.md') || statSync(absolute).isDirectory())
    return `#${anchor} on a file that is not Markdown`;
  return headingAnchors(readDocumentation(resolved)).has(anchor)
    ? null
    : `${resolved} has no heading #${anchor}`;
};

const relativeLinks = checkedFiles.flatMap((file) =>
  linkTargets(readDocumentation(file))
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => ({ file, target })),
);

describe('Links between README.md and docs/', () => {
  it('When a heading is written, then its anchor is the one GitHub gives it', () => {
    expect([
      ...headingAnchors(
        "## What is STAR's and what is the emulator's\n### The REST service: Kontaktforloeb.IndkaldelseService\n" +
          '## What `npm start` prints\n## Tests\n## Tests\n## Node.js (node-soap)\n```sh\n# not a heading\n```\n',
      ),
    ]).toEqual([
      'what-is-stars-and-what-is-the-emulators',
      'the-rest-service-kontaktforloebindkaldelseservice',
      'what-npm-start-prints',
      'tests',
      'tests-1',
      'nodejs-node-soap',
    ]);
  });

  it('When the documentation is read, then it has relative links to check (the README links into every docs file)', () => {
    const fromReadme = new Set(
      relativeLinks.filter((l) => l.file === 'README.md').map((l) => l.target.split('#')[0]),
    );
    const docs = documentationFiles().filter((file) => file !== 'README.md');
    expect(docs.filter((file) => !fromReadme.has(file))).toEqual([]);
  });

  it('When README.md or a docs file links to a relative path or heading, then that file and heading exist', () => {
    const broken = relativeLinks
      .map(({ file, target }) => ({ link: `${file}: (${target})`, problem: brokenLink(file, target) }))
      .filter((l) => l.problem !== null);
    expect(broken).toEqual([]);
  });
});
