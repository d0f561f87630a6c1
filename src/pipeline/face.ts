import type { DfdgFault } from '../domain/errors';
import type { Call, NamedInBody } from './call';
import type { Verdict } from './verdict';

/** The call's writes and its audit row in one savepoint; resolves with the work's value once committed. */
export type CommitCall = <T extends { readonly cprs: readonly string[] }>(work: () => T) => Promise<T>;

/**
 * One protocol's end of the call pipeline (SOAP today; REST next, with JSON bodies and the
 * X-ActiveOrganisation / X-RequestUserMetadata headers of REST.md §2). A face identifies the caller,
 * reads the request and its metadata, says what the body names, validates it, runs the operation
 * and renders the outcome; the core (runCall) decides the order and what a verdict means, commits,
 * audits and journals. A face never judges a rule of the core's steps (4 and 6) itself.
 *
 * `Request` is what the face receives (e.g. express's request and response), `Message` what it
 * parses the body into; both are opaque to the core. Every method that judges returns a Verdict and
 * records what it found on the call (fastify's one object per request, not a map keyed by it).
 */
export interface Face<Request, Message> {
  /** "soap" or "rest": how the log line names the call. */
  readonly protocol: string;
  /** The service or resource called, as the audit log names it. */
  readonly service: string;
  /**
   * Step 1 (SEC-TLS, SEC-CERT; a signed SOAP message: SEC-WSS): sets call.caller and
   * call.certificate (the certificate also when refused, for the audit).
   */
  identify(request: Request, call: Call<Message>): Verdict | Promise<Verdict>;
  /**
   * Step 2: reads the body and parses it (SOAP: REQ-XML, REQ-OP, REQ-MUSTUNDERSTAND; REST: the
   * route and the JSON); sets call.request, call.message and call.operation. A body that cannot be
   * read at all (too large, bad encoding) is refused here as the protocol's malformed request.
   */
  read(request: Request, call: Call<Message>): Verdict | Promise<Verdict>;
  /** Whether the call binds the caller's metadata: if not (CodelistService), steps 3, 4 and 6 are skipped. */
  bindsMetadata(call: Call<Message>): boolean;
  /**
   * Step 3 (SEC-AO-PRESENT, SEC-RUM-PRESENT): the metadata exactly as sent; sets
   * call.activeOrganisation as soon as it is read, then call.requestUserMetadata.
   */
  readMetadata(call: Call<Message>): Verdict;
  /** What the parsed body names: every CPR field and every booking identifier, as sent (trimmed). */
  named(call: Call<Message>): NamedInBody;
  /** Step 5: the body against its schema (SOAP: REQ-SCHEMA against the XSD; REST: the OpenAPI document). */
  validate(call: Call<Message>): Verdict;
  /**
   * Step 7: runs the operation (its rules, its writes and the audit row, through `commit`) and
   * answers it. Resolves once the answer is handed over (call.status and call.response set); rejects
   * with the operation's error, which the core answers as a fault through `refuse`.
   */
  operate(request: Request, call: Call<Message>, commit: CommitCall): Promise<void>;
  /** Answers with the fault (its audit row is written): sets call.status and call.response. */
  refuse(request: Request, call: Call<Message>, fault: DfdgFault): void;
  /**
   * The code the caller is answered for a fault, when the face answers another than the error
   * table's (REST: STAR's 900xx in place of the old SOAP code). The audit row and the journal keep
   * the code the caller got, so a filter on it finds the call; absent: the table's code.
   */
  answeredCode?(fault: DfdgFault): number;
  /**
   * Answers with a bare HTTP status and a line of text, no DFDG answer (an injected 503, as a gateway
   * in front of DFDG would send): sets call.status and call.response.
   */
  answerStatus(request: Request, call: Call<Message>, status: number, text: string): void;
  /** Closes the connection without an answer (an injected drop): the client sees it hang up. */
  drop(request: Request, call: Call<Message>): void;
}
