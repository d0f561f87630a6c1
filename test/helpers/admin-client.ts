import type { User } from './envelope';
import { SENT_REGISTRATION_DATE_TIME } from './scenario-dfdg';

/** A small client of the test-control API: JSON in, status + content type + parsed JSON out. */
export interface AdminResponse<T = unknown> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

export interface AdminClient {
  get<T = unknown>(path: string): Promise<AdminResponse<T>>;
  put<T = unknown>(path: string, body: unknown): Promise<AdminResponse<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<AdminResponse<T>>;
  delete<T = unknown>(path: string): Promise<AdminResponse<T>>;
  /** A request with a raw body and content type, for the inputs a JSON client would not send. */
  raw<T = unknown>(
    method: string,
    path: string,
    body: string,
    contentType: string,
  ): Promise<AdminResponse<T>>;
}

export const adminClient = (baseUrl: string, token?: string): AdminClient => {
  const send = async <T>(method: string, path: string, body?: string, contentType?: string) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(contentType ? { 'Content-Type': contentType } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : null) as T,
    };
  };
  return {
    get: (path) => send('GET', path),
    put: (path, body) => send('PUT', path, JSON.stringify(body), 'application/json'),
    post: (path, body) =>
      body === undefined ? send('POST', path) : send('POST', path, JSON.stringify(body), 'application/json'),
    delete: (path) => send('DELETE', path),
    raw: (method, path, body, contentType) => send(method, path, body, contentType),
  };
};

/** Asserts a 4xx RFC 9457 problem and returns it. */
export const expectProblem = (res: AdminResponse, status: number): Problem => {
  expect({ status: res.status, contentType: res.contentType }).toEqual({
    status,
    contentType: expect.stringContaining('application/problem+json') as string,
  });
  const problem = res.body as Problem;
  expect(problem).toMatchObject({
    type: 'about:blank',
    status,
    title: expect.any(String) as string,
    detail: expect.any(String) as string,
  });
  expect(Array.isArray(problem.errors)).toBe(true);
  return problem;
};

/** The paths of a problem's field errors, sorted. */
export const errorPaths = (problem: Problem): string[] => problem.errors.map((e) => e.path).sort();

/** A RequestUserMetadataHeader as envelope.ts sends it, in the admin API's JSON. */
export const metadataJson = (user: User): Record<string, unknown> => ({
  userFullName: user.name,
  userType: user.type,
  userIdentifier: user.identifier,
  ...(user.email ? { userEmail: user.email } : {}),
  organisation: user.org,
  registrationDateTime: SENT_REGISTRATION_DATE_TIME,
});
