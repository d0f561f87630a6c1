import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_ROUTES } from '../../../src/admin/admin.routes';
import { openApiPath } from '../../../src/admin/openapi';
import { PROJECT_ROOT } from '../../../src/project-root';

/** The README's table of the admin API, as "METHOD /path" (query strings left out). */
const documentedRoutes = (): string[] => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('<!-- admin-routes -->'),
    readme.indexOf('<!-- /admin-routes -->'),
  );
  return [...section.matchAll(/^\| `(GET|PUT|POST|DELETE) ([^`?]+)[^`]*`/gm)].map((m) => `${m[1]} ${m[2]}`);
};

it('When the README lists the admin API, then it has exactly the routes of the route table', () => {
  const routes = ADMIN_ROUTES.map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
  expect(documentedRoutes().sort()).toEqual(routes.sort());
});
