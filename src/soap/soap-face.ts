import type { TLSSocket } from 'node:tls';
import { passed } from '../domain/decision';
import { DfdgFault, violation } from '../domain/errors';
import { formatOrganisation } from '../domain/organisation';
import { metadataOf, type Call, type NamedInBody } from '../pipeline/call';
import type { CommitCall, Face } from '../pipeline/face';
import { asThrown } from '../pipeline/fault-of';
import { refuseRequest, type CallDeps } from '../pipeline/run-call';
import { passedWith, refusedBy, type Verdict } from '../pipeline/verdict';
import { identifyByCertificate } from '../pipeline/identify-by-certificate';
import { readActiveOrganisation, readRequestUserMetadata } from '../security/headers';
import { identifiesBySignature, type IdentityPolicy } from '../security/identity-policy';
import { verifyWsSecurity } from '../security/ws-security';
import type { CallContext, OperationDeps, OperationHandler } from '../services/call-context';
import type { Store } from '../store/store';
import { answerBareStatus, dropConnection } from '../transport/injected-answers';
import { readRequestBody, RequestBodyError } from '../transport/request-body';
import { requestHeadOf } from '../transport/request-head';
import type { Logger } from '../transport/logger';
import type { ServiceContract } from './contracts';
import { parseEnvelope, type EnvelopeLimits, type ParsedEnvelope } from './envelope';
import { REFERENCE_ID_HEADER, sendFault } from './fault';
import type { Libxml } from './libxml';
import {
  dispatchThroughNodeSoap,
  nodeSoapMethods,
  type SoapCallback,
  type SoapExchange,
} from './node-soap-dispatch';
import type { SoapMethod } from './soap-host';
import { schemaViolation, type SchemaValidator } from './xsd-validator';
import type { XmlEl } from './xml-tree';
import { el, writeXml } from './xml-writer';

export interface SoapFaceDeps {
  /** What the core of the call pipeline runs with (for a request that bypassed the face). */
  readonly core: CallDeps;
  readonly libxml: Libxml;
  readonly store: Store;
  readonly logger: Logger;
  readonly limits: EnvelopeLimits;
  readonly strictSchema: boolean;
  readonly validator: SchemaValidator;
  readonly identity: IdentityPolicy;
  readonly maxBodyBytes: number;
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  readonly operationDeps: OperationDeps;
}

/** The SOAP face of one service, plus the methods node-soap dispatches to. */
export interface SoapFace extends Face<SoapExchange, ParsedEnvelope> {
  /** The operations as node-soap calls them: each runs the call waiting on its response. */
  readonly methods: Readonly<Record<string, SoapMethod>>;
  /** node-soap's "response" event: the envelope it is about to send for the call being answered. */
  readonly responded: (envelope: string) => void;
}

/** Every PersonCivilRegistrationIdentifier and BookingIdentifier of a payload, in one walk. */
const namedIn = (payload: XmlEl): NamedInBody => {
  const cprs: string[] = [];
  const ids = new Set<string>();
  const gather = (el: XmlEl): void => {
    if (el.name === 'PersonCivilRegistrationIdentifier') cprs.push(el.text.trim());
    else if (el.name === 'BookingIdentifier') ids.add(el.text.trim());
    else for (const child of el.children) gather(child);
  };
  gather(payload);
  return { cprs, bookingIds: [...ids] };
};

const envelopeOf = (call: Call<ParsedEnvelope>): ParsedEnvelope => {
  if (!call.message) throw new Error('the envelope is read in step 2, before anything asks for it');
  return call.message;
};

/**
 * The SOAP 1.1 face (CONTRACT.md): the caller by its TLS certificate or (identity modes wss and
 * either) its WS-Security signature, the envelope parsed once and safely, the DFDG headers read by
 * namespace, the payload against the service's XSD; node-soap dispatches the checked call to its
 * operation and wraps the response the operation writes; faults are rendered here, never by node-soap.
 */
export const soapFace = (service: ServiceContract, deps: SoapFaceDeps): SoapFace => {
  /** The call node-soap is answering right now (its "response" event carries no request). */
  let answering: Call<ParsedEnvelope> | null = null;

  /** The body, read once: by step 1 for a signed message, else by step 2. */
  const receive = async (
    { req, res }: SoapExchange,
    call: Call<ParsedEnvelope>,
  ): Promise<Buffer | RequestBodyError> => {
    if (call.request) return call.request;
    try {
      call.request = await readRequestBody(req, res, deps.maxBodyBytes);
      return call.request;
    } catch (error) {
      if (error instanceof RequestBodyError) return error;
      throw error;
    }
  };

  /** A body that cannot be read is a request that is not valid XML (REQ-XML). */
  const unreadable = (error: RequestBodyError): Verdict =>
    refusedBy(
      violation(
        'REQ-XML',
        error.status === 413 ? error.message : `the request body could not be read: ${error.message}`,
      ),
    );

  const identifyBySignature = async (
    exchange: SoapExchange,
    call: Call<ParsedEnvelope>,
  ): Promise<Verdict> => {
    const body = await receive(exchange, call);
    if (body instanceof RequestBodyError) return unreadable(body);
    // Real time, as for certificates over TLS: the emulator's clock is for business rules only.
    const identity = verifyWsSecurity(body, deps.identity.wsSecurity, deps.store.certificates, new Date());
    if (!identity.ok) {
      if (identity.fingerprint)
        call.certificate = { subject: identity.subject ?? '', fingerprint: identity.fingerprint };
      return refusedBy(identity.violation);
    }
    const { caller } = identity;
    call.caller = caller;
    call.certificate = caller.certificate;
    return passedWith(
      passed(
        'SEC-WSS',
        `signed by ${caller.certificate.subject} (issued by the trusted CA, in date) over ${identity.signed.join(', ')}`,
      ),
      passed(
        'SEC-CERT',
        `registered as ${caller.systemName} for ${caller.organisations.map(formatOrganisation).join(', ')}`,
      ),
    );
  };

  /** The checked call as the operation's handler sees it. */
  const contextOf = (call: Call<ParsedEnvelope>, operation: string): CallContext => {
    if (!call.caller) throw new Error('the caller is identified in step 1, before the operation runs');
    return {
      referenceId: call.referenceId,
      service,
      operation,
      caller: call.caller,
      headers: metadataOf(call),
      payload: envelopeOf(call).payload,
      namedCprs: call.cprs,
      ...(call.citizen ? { citizen: call.citizen } : {}),
    };
  };

  const face: SoapFace = {
    protocol: 'soap',
    service: service.name,
    // Only reachable if a route bypassed the face: refused rather than run unchecked.
    methods: nodeSoapMethods(service, (req, res) => {
      void refuseRequest(
        face,
        { req, res, next: () => undefined },
        new DfdgFault('INTERNAL', 'the request bypassed the security checks'),
        deps.core,
      );
    }),

    identify: (exchange, call) => {
      const { req, res } = exchange;
      call.head = requestHeadOf(req);
      // Whatever still goes wrong on this response (a write after its end) is logged; unhandled, a
      // stream error ends the process.
      res.on('error', (error) => {
        deps.logger.error('response stream error', { referenceId: call.referenceId, error });
      });
      // A caller that signs its messages is identified once the body is read.
      if (identifiesBySignature(deps.identity.mode, req.socket)) return identifyBySignature(exchange, call);
      return identifyByCertificate(req.socket as TLSSocket, res, call, deps.store.certificates);
    },

    read: async (exchange, call) => {
      const body = await receive(exchange, call);
      if (body instanceof RequestBodyError) return unreadable(body);
      const soapAction = exchange.req.headers.soapaction;
      const parsed = parseEnvelope(
        deps.libxml,
        body,
        Array.isArray(soapAction) ? soapAction[0] : soapAction,
        service,
        deps.validator,
        deps.limits,
      );
      if (!parsed.ok) return refusedBy(parsed.violation);
      call.message = parsed.envelope;
      call.operation = parsed.envelope.operation;
      return passedWith(
        passed('REQ-XML', 'well-formed UTF-8 SOAP 1.1, no DTD, within the limits'),
        passed('REQ-OP', `${service.name}.${parsed.envelope.operation}`),
      );
    },

    bindsMetadata: () => service.bindsHeaders,

    readMetadata: (call) => {
      const blocks = envelopeOf(call).headerBlocks;
      const ao = readActiveOrganisation(blocks);
      if (!ao.ok) return refusedBy(ao.violation);
      call.activeOrganisation = ao.value;
      const present = passed('SEC-AO-PRESENT', `ActiveOrganisation ${formatOrganisation(ao.value)}`);
      const rum = readRequestUserMetadata(blocks);
      if (!rum.ok) return refusedBy(rum.violation, present);
      call.requestUserMetadata = rum.value;
      return passedWith(
        present,
        passed(
          'SEC-RUM-PRESENT',
          `user type ${rum.value.userType} of ${formatOrganisation(rum.value.organisation)}`,
        ),
      );
    },

    named: (call) => namedIn(envelopeOf(call).payload),

    validate: (call) => {
      const errors = envelopeOf(call).payloadSchemaErrors;
      if (deps.strictSchema && errors.length > 0) return refusedBy(schemaViolation(errors));
      return passedWith(
        passed(
          'REQ-SCHEMA',
          errors.length === 0 ? `valid against ${service.name}.xsd` : `lenient mode: ${errors.join('; ')}`,
        ),
      );
    },

    operate: (exchange, call, commit: CommitCall) =>
      new Promise<void>((resolve, reject) => {
        const operation = call.operation;
        const handler = operation === null ? undefined : deps.handlers[operation];
        if (operation === null || !handler) {
          reject(new Error(`${service.name} has no handler for ${String(operation)}`));
          return;
        }
        const { res } = exchange;
        /** Hands node-soap the response body to wrap and send; the envelope comes back through `responded`. */
        const answer = (callback: SoapCallback, response: string): void => {
          answering = call;
          try {
            callback?.(null, { _xml: response });
          } finally {
            answering = null;
          }
          call.status = res.statusCode;
          resolve();
        };
        res.setHeader(REFERENCE_ID_HEADER, call.referenceId);
        dispatchThroughNodeSoap(exchange, service, {
          operation,
          run: (callback) => {
            commit(() => handler(contextOf(call, operation), deps.operationDeps)).then((result) => {
              try {
                call.decisions.push(passed(operation, 'every business rule passed; answered'));
                answer(
                  callback,
                  writeXml(el(service.schemaNamespace, `${operation}Response`, result.response)),
                );
              } catch (error) {
                reject(asThrown(error));
              }
            }, reject);
          },
          fail: (error) => reject(asThrown(error)),
        });
      }),

    refuse: ({ res }, call, fault) => {
      call.response = sendFault(res, fault, call.referenceId);
      call.status = res.statusCode;
    },

    answerStatus: ({ res }, call, status, text) => {
      call.response = answerBareStatus(res, status, call.referenceId, REFERENCE_ID_HEADER, text);
      call.status = res.statusCode;
    },

    drop: ({ req }, call) => {
      dropConnection(req);
      call.status = 0;
      call.response = '';
    },

    responded: (envelope) => {
      if (answering) answering.response = envelope;
    },
  };
  return face;
};
