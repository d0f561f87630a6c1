import type { Express, Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../project-root';
import type { AdminContext } from '../admin-context';
import { callDetailHtml, callMissingHtml } from './call-detail';
import { dashboardPage } from './page';
import { callActionsHtml } from './try-it-call-actions';

/**
 * The dashboard at "/" of the admin port: one server-rendered page, one script, one stylesheet, all
 * from this package (no CDN: it must work offline and in CI). The assets are read from src/ because
 * tsc does not copy them to dist/; PROJECT_ROOT finds them from either.
 */
const ASSET_DIR = join(PROJECT_ROOT, 'src', 'admin', 'dashboard', 'assets');

/** Only our own files may run or load: the page shows XML and names that callers wrote. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const sendHtml = (res: Response, body: string): void => {
  res.set({ 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' }).type('html').send(body);
};

export const mountDashboard = (app: Express, ctx: AdminContext): void => {
  const assets = {
    '/dashboard/app.js': ['application/javascript', readFileSync(join(ASSET_DIR, 'app.js'), 'utf8')],
    '/dashboard/app.css': ['text/css', readFileSync(join(ASSET_DIR, 'app.css'), 'utf8')],
    '/dashboard/try-it.js': ['application/javascript', readFileSync(join(ASSET_DIR, 'try-it.js'), 'utf8')],
    '/dashboard/try-it.css': ['text/css', readFileSync(join(ASSET_DIR, 'try-it.css'), 'utf8')],
  } as const;
  for (const [path, [type, body]] of Object.entries(assets)) {
    app.get(path, (_req, res) => {
      res.set('Cache-Control', 'no-cache').type(type).send(body);
    });
  }
  app.get('/', (_req, res) => sendHtml(res, dashboardPage(ctx).value));
  app.get('/dashboard/calls/:referenceId', (req, res) => {
    const referenceId = String(req.params.referenceId);
    const entry = ctx.journal.find(referenceId);
    if (!entry) res.status(404);
    sendHtml(
      res,
      (entry
        ? callDetailHtml(entry, callActionsHtml(ctx, entry))
        : callMissingHtml(referenceId, ctx.config.journalSize)
      ).value,
    );
  });
};
