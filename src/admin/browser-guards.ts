import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config';
import { Problem, sendProblem } from './problem';

/**
 * The admin API has no login by default (loopback only), so a web page open in the user's browser
 * must not be able to use it: a cross-site form POST wiped the emulator (CSRF), and a page on a
 * rebound DNS name (rebind.example resolving to 127.0.0.1) read the journal and minted
 * certificates. Scripts (curl, tests, SDKs) send none of what is refused here.
 */

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** "host", "host:port", "[v6]" or "[v6]:port" -> the host, lower-cased; null if it is none of these. */
const hostOf = (header: string): string | null => {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header.trim());
  return m?.[1]?.toLowerCase() ?? null;
};

/** A configured host name as a Host header writes it (an IPv6 literal in brackets). */
const asHostHeader = (host: string): string => (host.includes(':') ? `[${host}]` : host).toLowerCase();

/** The host names a browser may have used to reach this API: loopback and --public-host. */
export const allowedAdminHosts = (config: Pick<Config, 'publicHost'>): ReadonlySet<string> =>
  new Set([...LOOPBACK_HOSTS, asHostHeader(config.publicHost)]);

/**
 * DNS rebinding: without a token, only requests addressed to a loopback name or the configured
 * public host are served (any port: a forwarded port changes it, an attacker's name is what
 * differs). 421 Misdirected Request otherwise.
 */
export const requireKnownHost =
  (allowed: ReadonlySet<string>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const host = hostOf(req.headers.host ?? '');
    if (host !== null && allowed.has(host)) return next();
    sendProblem(
      res,
      new Problem(
        421,
        `this admin API answers to ${[...allowed].join(', ')} (any port), not to Host "${req.headers.host ?? ''}"; ` +
          'set --public-host to the name you use, or --admin-token to reach it by any name',
      ),
    );
  };

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Sec-Fetch-Site values of a request the page itself made, or the user (typed, bookmarked). */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

const isJson = (contentType: string): boolean => /^application\/json\s*(;|$)/i.test(contentType.trim());

/**
 * CSRF: a state-changing request is refused (403) when a browser says another site made it
 * (Sec-Fetch-Site other than same-origin, or an Origin that is not this API's own), and (415) when
 * it names a content type other than application/json, which is what an HTML form or a "simple"
 * cross-site fetch sends. A request with no body and no content type (POST /admin/reset from curl)
 * is served: a browser sends the Origin and Sec-Fetch-Site of such a request, so it is judged by
 * those.
 */
export const refuseCrossSiteWrites = (req: Request, res: Response, next: NextFunction): void => {
  if (!STATE_CHANGING.has(req.method)) return next();
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && !OWN_FETCH_SITES.has(String(site).toLowerCase())) {
    return sendProblem(
      res,
      new Problem(403, `a ${req.method} from another site (Sec-Fetch-Site: ${String(site)}) is refused`),
    );
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, req.headers.host)) {
    return sendProblem(res, new Problem(403, `a ${req.method} from another origin (${origin}) is refused`));
  }
  const contentType = req.headers['content-type'];
  if (contentType !== undefined && !isJson(contentType)) {
    return sendProblem(
      res,
      new Problem(
        415,
        `a ${req.method} takes a JSON body (Content-Type: application/json), not ${contentType}`,
      ),
    );
  }
  next();
};

/** The page's own origin: http(s)://<the Host it addressed>. "null" (a sandboxed page, a file) is not. */
const isOwnOrigin = (origin: string, host: string | undefined): boolean => {
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
  } catch {
    return false;
  }
};
