import type { NextFunction, Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Problem, sendProblem } from './problem';

const COOKIE = 'dfdg_admin_token';

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The token in the admin cookie, decoded; undefined if absent or not valid percent-encoding. */
const cookieToken = (req: Request): string | undefined => {
  const raw = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined; // e.g. "%E0%A4%A": a 401 like any wrong token, not a 500
  }
};

/**
 * The admin token, when one is configured: scripts send "Authorization: Bearer <token>"; a person
 * opens the dashboard once as /?token=<token>, which sets an HttpOnly cookie for the page's own calls.
 */
export const requireAdminToken =
  (token: string) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const bearer = req.headers.authorization?.startsWith('Bearer ')
      ? req.headers.authorization.slice(7)
      : undefined;
    const fromCookie = cookieToken(req);
    if ((bearer && same(bearer, token)) || (fromCookie && same(fromCookie, token))) return next();
    const query = typeof req.query['token'] === 'string' ? req.query['token'] : undefined;
    if (req.method === 'GET' && req.path === '/' && query && same(query, token)) {
      res.setHeader(
        'Set-Cookie',
        `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      );
      res.redirect(303, '/');
      return;
    }
    sendProblem(
      res,
      new Problem(
        401,
        'this admin API needs the header "Authorization: Bearer <token>" (--admin-token); open the dashboard as /?token=<token>',
      ),
    );
  };
