import express, { type NextFunction, type Request, type Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireAdminToken } from './admin-auth';
import { allowedAdminHosts, refuseCrossSiteWrites, requireKnownHost } from './browser-guards';
import type { AdminContext } from './admin-context';
import { isStoreFull } from '../store/store-health';
import { ADMIN_ROUTES } from './admin.routes';
import { mountDashboard } from './dashboard/mount-dashboard';
import { Problem, sendProblem } from './problem';

/**
 * The test-control API and dashboard: plain HTTP, JSON, on its own port, on 127.0.0.1 unless
 * configured otherwise (and then only with a bearer token). Never on the SOAP port.
 */
export const startAdminServer = (ctx: AdminContext): Promise<Server> => {
  const app = express();
  app.disable('x-powered-by');
  const token = ctx.config.adminToken;
  // Without a token, the Host is what keeps a rebound DNS name out; with one, the token does.
  if (!token) app.use(requireKnownHost(allowedAdminHosts(ctx.config)));
  app.use(refuseCrossSiteWrites);
  if (token) app.use(requireAdminToken(token));
  app.use(express.json({ limit: '1mb' }));
  // What the admin API reads and writes is committed, never part of SOAP calls still waiting for
  // their group's commit (GroupCommit).
  app.use((_req: Request, _res: Response, next: NextFunction) => {
    ctx.store.group.flush();
    next();
  });
  for (const route of ADMIN_ROUTES) {
    app[route.method](route.path, (req: Request, res: Response, next: NextFunction) => {
      Promise.resolve(route.handler(ctx, req, res)).catch(next);
    });
  }
  mountDashboard(app, ctx);
  app.use('/admin', (req: Request, res: Response) => {
    sendProblem(res, new Problem(404, `no ${req.method} ${req.originalUrl}; see GET /admin/openapi.json`));
  });
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendProblem(res, asProblem(error, ctx));
  });
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(ctx.config.adminPort, ctx.config.adminHost, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
};

/**
 * Our own problems as they are; express's (a body that is not JSON: 400, too large: 413) with their
 * status; a full database as 507 Insufficient Storage.
 */
const asProblem = (error: unknown, ctx: AdminContext): Problem => {
  if (error instanceof Problem) return error;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new Problem(status, error instanceof Error ? error.message : String(error));
  }
  // Logged by StoreHealth (once a minute), and shown by /admin/health until a write succeeds.
  if (isStoreFull(error)) {
    ctx.store.health.noteFailure(error);
    return new Problem(507, 'the database is full (SQLITE_FULL): nothing was changed; free disk space');
  }
  ctx.logger.error('admin API error', { error });
  return new Problem(500, 'unexpected error; see the emulator log');
};

export const adminUrlOf = (server: Server, host: string): string => {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
};
