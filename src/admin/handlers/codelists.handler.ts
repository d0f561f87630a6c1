import { z } from 'zod';
import { CODE_LIST_NAMES, isCodeListName, type CodeListName } from '../../domain/codelists';
import { CodeListItemInput, codeListItemsInput } from '../../store/codelists-file';
import { adminEndpoint } from '../admin-endpoint';
import type { AdminContext } from '../admin-context';
import { notFound, Problem } from '../problem';

const CodeListItemView = z.object({
  id: z.number().int(),
  name: z.string(),
  validFrom: z.string().describe('YYYY-MM-DD, Copenhagen: the first day the value is in force'),
  validTo: z.string().nullable().describe('YYYY-MM-DD: the day it expires on (excluded, STAR P28), or null'),
  source: z.string(),
  visibleToUnemploymentFund: z.boolean().optional(),
});
const CodeListView = z.object({ name: z.enum(CODE_LIST_NAMES), items: z.array(CodeListItemView) });
const nameParam = z.object({ name: z.string().describe(CODE_LIST_NAMES.join(', ')) });

const knownList = (name: string): CodeListName => {
  if (!isCodeListName(name)) {
    throw notFound(`no code list "${name}"; the lists are ${CODE_LIST_NAMES.join(', ')}`);
  }
  return name;
};

const listView = ({ store }: AdminContext, name: CodeListName): z.input<typeof CodeListView> => ({
  name,
  items: store.codelists.current()[name].map((item) => ({ ...item })),
});

/** GET /admin/codelists: the names of the code lists (GET /admin/codelists/{name} for one). */
export const listCodelistsHandler = adminEndpoint({
  response: z.object({ items: z.array(z.enum(CODE_LIST_NAMES)) }),
  handle: () => ({ items: [...CODE_LIST_NAMES] }),
});

/** GET /admin/codelists/{name}: the list in force, each value with its validity and source. */
export const getCodelistHandler = adminEndpoint({
  params: nameParam,
  response: CodeListView,
  problems: { 404: 'no such code list' },
  handle: (ctx, { params }) => listView(ctx, knownList(params.name)),
});

/**
 * PUT /admin/codelists/{name}: replaces the list's items whole (to expire a value, GET the list, set
 * its validTo, PUT it back). Kept in the database, so it survives a restart; POST /admin/reset goes
 * back to the code-list file's lists.
 */
export const putCodelistHandler = adminEndpoint({
  params: nameParam,
  body: z.strictObject({ items: z.array(CodeListItemInput).min(1, 'a code list needs at least one value') }),
  response: CodeListView,
  problems: { 404: 'no such code list' },
  handle: (ctx, { params, body }) => {
    const name = knownList(params.name);
    const checked = codeListItemsInput(name).safeParse(body.items);
    if (!checked.success) {
      const errors = checked.error.issues.map((issue) => ({
        path: ['body', 'items', ...issue.path.map(String)].join('.'),
        message: issue.message,
      }));
      throw new Problem(
        400,
        `${errors.length} invalid field(s): ${errors.map((e) => e.path).join(', ')}`,
        errors,
      );
    }
    ctx.store.transaction(() => ctx.store.codelists.replace(name, checked.data));
    ctx.logger.info('code list replaced', { list: name, items: checked.data.length });
    return listView(ctx, name);
  },
});
