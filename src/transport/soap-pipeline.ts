import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Clock } from '../domain/clock';
import type { Caller } from '../domain/caller';
import { failed, passed, type ConformanceMode, type Decision } from '../domain/decision';
import { formatOrganisation } from '../domain/organisation';
import { DfdgFault, type Violation } from '../domain/errors';
import { identifyCaller } from '../security/client-identity';
import { identifiesBySignature, type IdentityPolicy } from '../security/identity-policy';
import { readActiveOrganisation, readRequestUserMetadata, type DfdgHeaders } from '../security/headers';
import {
  citizenDataVerdict,
  isCitizenCall,
  securityModelVerdict,
  type NamedBooking,
} from '../security/security-model';
import type { CallContext } from '../services/call-context';
import { SOAP_ENV_NS, type ServiceContract } from '../soap/contracts';
import { parseEnvelope, type EnvelopeLimits } from '../soap/envelope';
import { faultOf, REFERENCE_ID_HEADER, sendFault } from '../soap/fault';
import type { Libxml } from '../soap/libxml';
import { schemaViolation, type SchemaValidator } from '../soap/xsd-validator';
import type { XmlEl } from '../soap/xml-tree';
import type { AuditEntry } from '../store/audit.repository';
import type { Store } from '../store/store';
import { isStoreFull } from '../store/store-health';
import { citizenAccessCheck, type UnknownCitizensMode } from './citizen-access-step';
import { clip, JOURNAL_BODY_LIMIT, type Journal, type JournalEntry } from './journal';
import type { Logger } from './logger';

export interface PipelineDeps {
  readonly libxml: Libxml;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits: EnvelopeLimits;
  readonly strictSchema: boolean;
  readonly validatorFor: (service: ServiceContract) => SchemaValidator;
  readonly journal: Journal;
  readonly identity: IdentityPolicy;
  /** ACC-CPR: what an unknown well-formed CPR gets (--unknown-citizens; refuse when not given). */
  readonly unknownCitizens?: UnknownCitizensMode;
  /** Commitments refuse (strict, when not given) or are journal warnings (dfdg): --conformance. */
  readonly conformance?: ConformanceMode;
}

/** What is known of a call so far: enough to audit it whichever check answers. */
export interface CallRecord {
  referenceId: string;
  service: string;
  operation: string | null;
  certificate: AuditEntry['certificate'];
  headers: Partial<DfdgHeaders>;
  cprs: string[];
  /** Every rule that has judged the call so far, in order (for the journal). */
  decisions: Decision[];
  outcome: string | null;
  ruleId: string | null;
  /** The request as sent, once its body has been read. */
  request?: Buffer;
}

const dispatchEnvelopes = new Map<string, Buffer>();

/** The smallest envelope that names the operation, for node-soap's dispatch (one per operation). */
const dispatchEnvelope = (service: ServiceContract, operation: string): Buffer => {
  const key = `${service.name}#${operation}`;
  let envelope = dispatchEnvelopes.get(key);
  if (!envelope) {
    envelope = Buffer.from(
      `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Body>` +
        `<op:${operation}Request xmlns:op="${service.schemaNamespace}"/></soap:Body></soap:Envelope>`,
    );
    dispatchEnvelopes.set(key, envelope);
  }
  return envelope;
};

export const newCallRecord = (service: string): CallRecord => ({
  referenceId: randomUUID(),
  service,
  operation: null,
  certificate: null,
  headers: {},
  cprs: [],
  decisions: [],
  outcome: null,
  ruleId: null,
});

const calls = new WeakMap<Request, CallContext>();
const records = new WeakMap<Request, CallRecord>();
const callers = new WeakMap<Request, Caller>();

/** The checked call that node-soap hands to an operation (set by the pipeline for this request). */
export const callOf = (req: Request): CallContext | undefined => calls.get(req);

/** What is known so far of a request that failed outside the pipeline (e.g. a body over the limit). */
export const recordOf = (req: Request): CallRecord | undefined => records.get(req);

/** Who step 1 found the caller to be; identifySignerStep sets it from a signed message. */
export const callerOf = (req: Request): Caller | undefined => callers.get(req);
export const identifiedAs = (req: Request, caller: Caller): void => {
  callers.set(req, caller);
};

/**
 * Step 1 of RULES.md (SEC-TLS, SEC-CERT), before the body is even read: a caller without a good
 * certificate is answered at once, whatever it sends.
 */
export const identifyCallerStep =
  (service: ServiceContract, deps: PipelineDeps) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const record = newCallRecord(service.name);
    records.set(req, record);
    recordInJournal(req, res, record, deps);
    // A caller that signs its messages is identified once the body is read (identifySignerStep).
    if (identifiesBySignature(deps.identity.mode, req.socket)) return next();
    try {
      const identity = identifyCaller(req.socket as TLSSocket, deps.store.certificates);
      if (!identity.ok) {
        if (identity.fingerprint)
          record.certificate = { subject: identity.subject ?? '', fingerprint: identity.fingerprint };
        res.setHeader('Connection', 'close'); // the body is left unread
        return rejectCall(res, DfdgFault.of(identity.violation), record, deps);
      }
      record.certificate = identity.caller.certificate;
      record.decisions.push(
        passed(
          'SEC-TLS',
          `the certificate ${identity.caller.certificate.subject} chains to the trusted CA and is in date`,
        ),
        passed(
          'SEC-CERT',
          `registered as ${identity.caller.systemName} for ${identity.caller.organisations.map(formatOrganisation).join(', ')}`,
        ),
      );
      callers.set(req, identity.caller);
      next();
    } catch (error) {
      rejectCall(res, faultOf(error, record.referenceId), record, deps, error);
    }
  };

/**
 * Steps 2-5 of RULES.md's order of checks, before node-soap sees the request: the first failing
 * check answers with its fault (and its audit row); a request that passes goes on to its operation.
 */
export const checkRequestStep =
  (service: ServiceContract, deps: PipelineDeps) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const record = records.get(req);
    const caller = callers.get(req);
    if (!record || !caller) {
      next(new Error('checkRequestStep runs only after identifyCallerStep'));
      return;
    }
    const refuse = (v: Violation): void => rejectCall(res, DfdgFault.of(v), record, deps);
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const soapAction = req.headers.soapaction;
      const parsed = parseEnvelope(
        deps.libxml,
        raw,
        Array.isArray(soapAction) ? soapAction[0] : soapAction,
        service,
        deps.validatorFor(service),
        deps.limits,
      );
      if (!parsed.ok) return refuse(parsed.violation);
      const { envelope } = parsed;
      record.operation = envelope.operation;
      record.cprs = cprsNamedIn(envelope.payload);
      record.decisions.push(
        passed('REQ-XML', 'well-formed UTF-8 SOAP 1.1, no DTD, within the limits'),
        passed('REQ-OP', `${service.name}.${envelope.operation}`),
      );

      let headers: DfdgHeaders | null = null;
      if (service.bindsHeaders) {
        const ao = readActiveOrganisation(envelope.headerBlocks);
        if (!ao.ok) return refuse(ao.violation);
        record.headers = { activeOrganisation: ao.value };
        record.decisions.push(passed('SEC-AO-PRESENT', `ActiveOrganisation ${formatOrganisation(ao.value)}`));
        const rum = readRequestUserMetadata(envelope.headerBlocks);
        if (!rum.ok) return refuse(rum.violation);
        headers = { activeOrganisation: ao.value, requestUserMetadata: rum.value };
        record.headers = headers;
        record.decisions.push(
          passed(
            'SEC-RUM-PRESENT',
            `user type ${rum.value.userType} of ${formatOrganisation(rum.value.organisation)}`,
          ),
        );
        const verdict = securityModelVerdict(
          caller,
          headers.activeOrganisation,
          headers.requestUserMetadata,
          service.name,
          deps.conformance ?? 'strict',
        );
        record.decisions.push(...verdict.decisions);
        if (verdict.violation) return refuse(verdict.violation);
        if (isCitizenCall(headers)) {
          // SEC-CITIZEN's data part, still step 4: before REQ-SCHEMA and the operation's rules.
          const named = namedInBody(envelope.payload, deps.store);
          const data = citizenDataVerdict(headers, named.cprs, named.bookings);
          if (data) {
            // Audited with the citizen's own CPR too, as a refusal by the operation would be.
            record.cprs = [...new Set([...record.cprs, headers.requestUserMetadata.organisation.code])];
            record.decisions.push(failed('SEC-CITIZEN', data.detail));
            return refuse(data);
          }
          record.decisions.push(
            passed('SEC-CITIZEN', "the body names only the citizen's own CPR and the citizen's own bookings"),
          );
        }
      }
      if (deps.strictSchema && envelope.payloadSchemaErrors.length > 0) {
        return refuse(schemaViolation(envelope.payloadSchemaErrors));
      }
      record.decisions.push(
        passed(
          'REQ-SCHEMA',
          envelope.payloadSchemaErrors.length === 0
            ? `valid against ${service.name}.xsd`
            : `lenient mode: ${envelope.payloadSchemaErrors.join('; ')}`,
        ),
      );
      if (headers) {
        // Step 6, ACC-CPR and ACC-OWN, for every citizen the call names.
        const named = namedInBody(envelope.payload, deps.store);
        const access = citizenAccessCheck(
          { operation: envelope.operation, headers, ...named, now: deps.clock.now() },
          deps.store,
          deps.unknownCitizens ?? 'refuse',
        );
        record.decisions.push(...access.decisions);
        if (access.violation) return refuse(access.violation);
      }
      calls.set(req, {
        referenceId: record.referenceId,
        service,
        operation: envelope.operation,
        caller,
        headers,
        payload: envelope.payload,
        namedCprs: record.cprs,
      });
      res.setHeader(REFERENCE_ID_HEADER, record.referenceId);
      // node-soap only dispatches: it gets the operation's name, not the request to parse again.
      // The operation reads what the checks above have read; the journal keeps what was sent.
      record.request = raw;
      req.body = dispatchEnvelope(service, envelope.operation);
      next();
    } catch (error) {
      rejectCall(res, faultOf(error, record.referenceId), record, deps, error);
    }
  };

/** Answers with a fault and writes the call's audit row (SEC-AUDIT: rejected calls too). */
export const rejectCall = (
  res: Response,
  fault: DfdgFault,
  record: CallRecord,
  deps: Pick<PipelineDeps, 'store' | 'clock' | 'logger'>,
  cause?: unknown,
): void => {
  if (fault.key === 'INTERNAL')
    deps.logger.error('internal error', { referenceId: record.referenceId, error: cause });
  // The journal files the call when the response is sent: it reads the fault code and rule from here.
  record.outcome = String(fault.spec.code);
  record.ruleId = fault.spec.ruleId;
  // Checks that refuse without judging first (XML, schema, business rules) still name their rule;
  // the detail is cut, as a hostile request can make it megabytes long.
  if (!record.decisions.some((d) => !d.passed))
    record.decisions.push(failed(fault.spec.ruleId, fault.detail.slice(0, 2000)));
  const answer = (): void => sendFault(res, fault, record.referenceId);
  // Answered once the audit row is committed, with the calls of the same group (GroupCommit).
  deps.store.group.run(
    () =>
      deps.store.audit.record(
        auditEntry(record, deps.clock.now(), String(fault.spec.code), fault.spec.ruleId, fault.detail),
      ),
    answer,
    (auditError) => {
      // A full store is logged by StoreHealth, once a minute, not once per call.
      if (!isStoreFull(auditError))
        deps.logger.error('audit write failed', { referenceId: record.referenceId, error: auditError });
      answer();
    },
  );
};

export const auditEntry = (
  record: CallRecord,
  time: Date,
  outcome: string,
  ruleId: string | null,
  detail: string | null,
): AuditEntry => ({
  referenceId: record.referenceId,
  time,
  service: record.service,
  operation: record.operation,
  certificate: record.certificate,
  activeOrganisation: record.headers.activeOrganisation ?? null,
  requestUserMetadata: record.headers.requestUserMetadata ?? null,
  cprs: record.cprs,
  outcome,
  ruleId,
  detail,
});

/**
 * What a body names, for SEC-CITIZEN and ACC-*: every PersonCivilRegistrationIdentifier as sent (trimmed, not
 * yet schema-checked) and the bookings named by a BookingIdentifier that exist (an unknown one is
 * BK-NOT-FOUND's to answer, in step 7).
 */
const namedInBody = (payload: XmlEl, store: Store): { cprs: string[]; bookings: NamedBooking[] } => {
  const cprs: string[] = [];
  const ids = new Set<string>();
  const gather = (el: XmlEl): void => {
    if (el.name === 'PersonCivilRegistrationIdentifier') cprs.push(el.text.trim());
    else if (el.name === 'BookingIdentifier') ids.add(el.text.trim());
    else el.children.forEach(gather);
  };
  gather(payload);
  const bookings = [...ids].flatMap((id) => {
    const booking = store.bookings.find(id);
    return booking ? [{ id: booking.id, cpr: booking.cpr }] : [];
  });
  return { cprs, bookings };
};

/** The CPR numbers a request names (for the audit of a call that was refused before it read anything). */
const cprsNamedIn = (el: XmlEl): string[] =>
  el.name === 'PersonCivilRegistrationIdentifier' && /^\s*\d{10}\s*$/.test(el.text)
    ? [el.text.trim()]
    : el.children.flatMap(cprsNamedIn);

/**
 * Keeps a copy of what the response writes (bounded) and, as it is sent, files the exchange in
 * the journal with the rules that decided it.
 */
const recordInJournal = (
  req: Request,
  res: Response,
  record: CallRecord,
  { journal, logger, clock }: Pick<PipelineDeps, 'journal' | 'logger' | 'clock'>,
): void => {
  const started = process.hrtime.bigint();
  // Kept as written (node-soap and sendFault write strings): converted once, when filed.
  const chunks: (string | Buffer)[] = [];
  let kept = 0;
  const keep = (chunk: unknown): void => {
    if (kept > JOURNAL_BODY_LIMIT || (typeof chunk !== 'string' && !Buffer.isBuffer(chunk))) return;
    chunks.push(chunk);
    kept += chunk.length;
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return write(chunk, ...rest);
  }) as Response['write'];
  const file = (): void => {
    const entry: JournalEntry = {
      referenceId: record.referenceId,
      // The emulator's time, as in the audit log, so both tell the same story after the clock moves.
      time: clock.now().toISOString(),
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      service: record.service,
      operation: record.operation,
      status: res.statusCode,
      outcome: record.outcome ?? (res.statusCode < 400 ? 'ok' : String(res.statusCode)),
      ruleId: record.ruleId,
      certificate: record.certificate,
      activeOrganisation: record.headers.activeOrganisation ?? null,
      requestUserMetadata: record.headers.requestUserMetadata ?? null,
      decisions: record.decisions,
      request: clip(
        (record.request ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0))).toString('utf8'),
      ),
      response: clip(chunks.map((c) => (typeof c === 'string' ? c : c.toString('utf8'))).join('')),
    };
    journal.add(entry);
    const { referenceId, service, operation, outcome, ruleId, durationMs } = entry;
    logger.info('soap call', { referenceId, service, operation, outcome, ruleId, durationMs });
  };
  let filed = false;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && typeof chunk !== 'function') keep(chunk);
    const ended = end(chunk, ...rest);
    // Filed as the answer is handed over, not on 'finish' (after the TLS write completes): a script
    // that reads the journal as soon as it has its answer finds the call there.
    if (!filed) {
      filed = true;
      // The answer is out: a journal that fails must not reach the code that sent it (node-soap
      // answered again, wrote after the end, and the unhandled stream error ended the process).
      try {
        file();
      } catch (error) {
        logger.error('the journal could not file a call', { referenceId: record.referenceId, error });
      }
    }
    return ended;
  }) as Response['end'];
  // Whatever still goes wrong on this response (a write after its end) is logged; unhandled, a
  // stream error ends the process.
  res.on('error', (error) => {
    logger.error('response stream error', { referenceId: record.referenceId, error });
  });
};
