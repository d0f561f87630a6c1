import { ADMIN_ROUTES } from '../../../src/admin/admin.routes';
import { openApiPath } from '../../../src/admin/openapi';
import { markedSection } from '../../helpers/readme-snippets';

/** The documented table of the admin API (docs/test-control.md), as "METHOD /path" (query strings left out). */
const documentedRoutes = (): string[] =>
  [...markedSection('admin-routes').matchAll(/^\| `(GET|PUT|POST|DELETE) ([^`?]+)[^`]*`/gm)].map(
    (m) => `${m[1]} ${m[2]}`,
  );

it('When the documentation lists the admin API, then it has exactly the routes of the route table', () => {
  const routes = ADMIN_ROUTES.map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`);
  expect(documentedRoutes().sort()).toEqual(routes.sort());
});
