import express, { type NextFunction, type Request, type Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminContext } from './admin-context';
import { ADMIN_ROUTES } from './admin.routes';

/**
 * The test-control API and dashboard: plain HTTP, JSON, on its own port, on 127.0.0.1 unless
 * configured otherwise (and then only with a bearer token). Never on the SOAP port.
 */
export const startAdminServer = (ctx: AdminContext): Promise<Server> => {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  const token = ctx.config.adminToken;
  if (token) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.headers.authorization === `Bearer ${token}`) return next();
      res.status(401).type('application/problem+json').json({
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'this admin API needs the header "Authorization: Bearer <token>" (--admin-token)',
        errors: [],
      });
    });
  }
  for (const route of ADMIN_ROUTES) {
    app[route.method](route.path, (req: Request, res: Response, next: NextFunction) => {
      Promise.resolve(route.handler(ctx, req, res)).catch(next);
    });
  }
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    if (status >= 500) ctx.logger.error('admin API error', { error });
    res
      .status(status)
      .type('application/problem+json')
      .json({
        type: 'about:blank',
        title: status >= 500 ? 'Internal error' : 'Bad request',
        status,
        detail: status >= 500 ? 'unexpected error; see the emulator log' : (error as Error).message,
        errors: [],
      });
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

export const adminUrlOf = (server: Server, host: string): string => {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
};
