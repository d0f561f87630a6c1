import type { Request, Response } from 'express';
import type { AdminContext } from './admin-context';

export type AdminHandler = (ctx: AdminContext, req: Request, res: Response) => void | Promise<void>;

export interface AdminRoute {
  readonly method: 'get' | 'put' | 'post' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly handler: AdminHandler;
}

/** The route table of the test-control API (CONTRACT.md, Test-control API): one small handler each. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  {
    method: 'get',
    path: '/admin/health',
    summary: 'Is the emulator up, and where',
    handler: (ctx, _req, res) => {
      res.json({
        status: 'ok',
        soapUrl: ctx.soapUrl(),
        now: ctx.clock.now().toISOString(),
        frozen: ctx.clock.frozen,
      });
    },
  },
];
