import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CODE_LIST_NAMES, type CodeListName, type CodeLists } from '../domain/codelists';
import { PROJECT_ROOT } from '../project-root';

/** The code lists a new installation ships (CONTRACT.md); --codelists names another file. */
export const DEFAULT_CODELISTS_PATH = join(PROJECT_ROOT, 'fixtures', 'codelists.json');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD (Copenhagen)')
  // Date.parse rolls 30 February over to 2 March; a calendar date reads back as itself.
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

/** One value of a code list, as the file and the admin API write it (CONTRACT.md, P28). */
export const CodeListItemInput = z.strictObject({
  id: z.number().int().min(0).max(100_000_000).describe('CodeListItemIdentifier'),
  name: z.string().trim().min(1).max(200),
  validFrom: isoDate.describe('first Copenhagen date the value is in force'),
  validTo: isoDate
    .nullable()
    .default(null)
    .describe('Copenhagen date the value expires on (excluded, STAR P28), or null for open'),
  source: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .default('emulator')
    .describe('a STAR P-id, an epic, or "emulator"'),
  visibleToUnemploymentFund: z
    .boolean()
    .optional()
    .describe('InterviewType only: whether a-kasser see bookings of this type (VIS-AKASSE)'),
});

/** A whole list: ids unique, periods that end after they start, and VIS-AKASSE's flag on interview types. */
export const codeListItemsInput = (list: CodeListName) =>
  z.array(CodeListItemInput).superRefine((items, ctx) => {
    const seen = new Set<number>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `id ${item.id} twice` });
      seen.add(item.id);
      if (item.validTo !== null && item.validTo <= item.validFrom) {
        ctx.addIssue({ code: 'custom', path: [i, 'validTo'], message: 'validTo must lie after validFrom' });
      }
      const flagged = item.visibleToUnemploymentFund !== undefined;
      if (flagged !== (list === 'InterviewType')) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'visibleToUnemploymentFund'],
          message:
            list === 'InterviewType'
              ? 'every interview type says whether a-kasser see it (true or false)'
              : 'only interview types have this flag',
        });
      }
    });
  });

const CodeListsFile = z.strictObject(
  Object.fromEntries(CODE_LIST_NAMES.map((name) => [name, codeListItemsInput(name)])) as Record<
    CodeListName,
    ReturnType<typeof codeListItemsInput>
  >,
);

export class CodeListsFileError extends Error {
  constructor(path: string, problems: readonly string[]) {
    super(`the code lists in ${path} cannot be used:\n  ${problems.join('\n  ')}`);
    this.name = 'CodeListsFileError';
  }
}

/** Reads and checks the code-list file; every problem is named at once, so a bad file fails the start. */
export const readCodeListsFile = (path: string): CodeLists => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CodeListsFileError(path, [error instanceof Error ? error.message : String(error)]);
  }
  const parsed = CodeListsFile.safeParse(json);
  if (!parsed.success) {
    throw new CodeListsFileError(
      path,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(the file)'}: ${issue.message}`),
    );
  }
  return parsed.data;
};
