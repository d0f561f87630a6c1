import type { Request, Response } from 'express';
import type { TLSSocket } from 'node:tls';
import { passed } from '../domain/decision';
import type { DfdgFault } from '../domain/errors';
import { formatOrganisation } from '../domain/organisation';
import { metadataOf, type Call, type NamedInBody } from '../pipeline/call';
import type { Face } from '../pipeline/face';
import type { Stage } from '../pipeline/stages';
import { CALL_STAGES } from '../pipeline/stages';
import { passedWith, refusedBy, NOTHING_TO_JUDGE, type Verdict } from '../pipeline/verdict';
import { identifyByCertificate } from '../pipeline/identify-by-certificate';
import type { OperationDeps } from '../services/call-context';
import type { Store } from '../store/store';
import type { Logger } from '../transport/logger';
import { answerBareStatus, dropConnection } from '../transport/injected-answers';
import { readRequestBody, RequestBodyError } from '../transport/request-body';
import { headerText, requestHeadOf } from '../transport/request-head';
import type { SchemaValidation } from './dto-validation';
import { readActiveOrganisationHeader, readRequestUserMetadataHeader } from './dto-headers.rules';
import { INDKALDELSE_SERVICE, type RestRoute } from './indkaldelse.routes';
import { INDKALDELSE_OPERATIONS, type RestOutcome } from './indkaldelse.operations';
import { restOpenApiDocument } from './openapi';
import { requestIdForm, requestIdRepeat } from './request-id.rules';
import { readJsonBody, type JsonLimits } from './request-json.rules';
import type { FeltDto } from './rest-error.dto';
import { restAnswerOf, restErrorAnswer, restViolation, type RestViolation } from './rest-errors';
import {
  ACTIVE_ORGANISATION_HEADER,
  CPR_HEADER,
  REQUEST_ID_HEADER,
  REQUEST_USER_METADATA_HEADER,
} from './rest-headers';
import { validateRestRequest, type ValidRestRequest } from './rest-request-validation';
import { matchRestRoute } from './rest-router';
import { restOrgTypeRule } from './rest.rules';

export const REFERENCE_HEADER = 'X-ServiceRequestLogReferenceIdentifier';

export interface RestExchange {
  readonly req: Request;
  readonly res: Response;
}

/** A REST request as step 2 read it, and what step 5 made of it. */
export interface RestMessage {
  readonly route: RestRoute;
  readonly params: Readonly<Record<string, string>>;
  /** Every value of each header of REST.md §2, as sent. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly query: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The parsed JSON body, for a route that takes one. */
  readonly body: unknown;
  valid: ValidRestRequest | null;
}

export interface RestFaceDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly json: JsonLimits;
  readonly schemaValidation: SchemaValidation;
  readonly operationDeps: OperationDeps;
}

/** A header as sent, every value of it (a raw UTF-8 value read back as UTF-8). */
const headerValues = (req: Request, name: string): readonly string[] | undefined =>
  req.headersDistinct[name.toLowerCase()]?.map(headerText);

const DTO_HEADERS = [ACTIVE_ORGANISATION_HEADER, REQUEST_USER_METADATA_HEADER, CPR_HEADER, REQUEST_ID_HEADER];

const messageOf = (call: Call<RestMessage>): RestMessage => {
  if (!call.message) throw new Error('the request is read in step 2, before anything asks for it');
  return call.message;
};

/**
 * The REST face of Kontaktforloeb.IndkaldelseService (REST.md §2-§5): the caller by its TLS
 * certificate, as SOAP; the route, the JSON body and the x-requestId in step 2; the DTO headers in
 * the SOAP headers' place (step 3), so the shared SEC-* and ACC-* stages judge them unchanged;
 * REQ-OPENAPI in step 5; the operations on the booking use cases; JSON errors with X-DFDG-Rule.
 */
export const restFace = (deps: RestFaceDeps): Face<RestExchange, RestMessage> => {
  /** The fields at fault of the violation that refused a call (a DfdgFault does not carry them). */
  const felter = new WeakMap<Call<RestMessage>, readonly FeltDto[]>();
  const refused = (call: Call<RestMessage>, v: RestViolation): Verdict => {
    if (v.felter) felter.set(call, v.felter);
    return refusedBy(v);
  };

  const send = (res: Response, call: Call<RestMessage>, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res
      .status(status)
      .set(REFERENCE_HEADER, call.referenceId)
      .type('application/json; charset=utf-8')
      .send(text);
    call.status = status;
    call.response = `HTTP ${status}\n\n${text}`;
  };

  return {
    protocol: 'rest',
    service: INDKALDELSE_SERVICE,

    identify: ({ req, res }, call) => {
      call.head = requestHeadOf(req);
      res.on('error', (error) =>
        deps.logger.error('response stream error', { referenceId: call.referenceId, error }),
      );
      return identifyByCertificate(req.socket as TLSSocket, res, call, deps.store.certificates);
    },

    read: async ({ req, res }, call) => {
      const match = matchRestRoute(req.method, req.path);
      if (!match.ok) {
        if (match.allow.length > 0) res.setHeader('Allow', match.allow.join(', '));
        return refused(call, match.violation);
      }
      const { route, params } = match;
      call.operation = route.starMethod ?? route.operationId;
      let raw: Buffer;
      try {
        raw = await readRequestBody(req, res, deps.json.maxBytes + 1);
      } catch (error) {
        if (!(error instanceof RequestBodyError)) throw error;
        return refused(call, restViolation('REQ-JSON', `the body could not be read: ${error.message}`));
      }
      call.request = raw;
      let body: unknown = undefined;
      if (route.body) {
        const json = readJsonBody(req.headers['content-type'], raw, deps.json);
        if (!json.ok) return refused(call, json.violation);
        body = json.value;
      }
      const headers = Object.fromEntries(DTO_HEADERS.map((h) => [h.name, headerValues(req, h.name)]));
      call.message = { route, params, headers, query: req.query as RestMessage['query'], body, valid: null };
      const decisions = [
        passed('REQ-ROUTE', `${req.method} ${route.path}: ${route.operationId}`),
        ...(route.body ? [passed('REQ-JSON', 'a JSON body in UTF-8, within the limits')] : []),
      ];
      const form = requestIdForm(route.method, headers[REQUEST_ID_HEADER.name]);
      if (!form.ok) return refused(call, form.violation);
      if (form.requestId !== null) {
        const now = deps.operationDeps.clock.now();
        const repeat = requestIdRepeat(form.requestId, deps.store.restRequestIds.find(form.requestId), now);
        // Recorded as soon as it passes its own check, whatever a later check answers (REST.md §9).
        if (repeat.record) deps.store.restRequestIds.record(form.requestId, now, call.referenceId);
        if (repeat.violation) return refused(call, repeat.violation);
        decisions.push(passed('REQ-REQUESTID', `x-requestId ${form.requestId} not seen within 7 days`));
      }
      return passedWith(...decisions);
    },

    bindsMetadata: (call) => messageOf(call).route.dtoHeaders,

    readMetadata: (call) => {
      const { headers } = messageOf(call);
      const ao = readActiveOrganisationHeader(headers[ACTIVE_ORGANISATION_HEADER.name]);
      if (!ao.ok) return refused(call, ao.violation);
      call.activeOrganisation = ao.value;
      const present = passed('SEC-AO-PRESENT', `X-ActiveOrganisation ${formatOrganisation(ao.value)}`);
      const rum = readRequestUserMetadataHeader(headers[REQUEST_USER_METADATA_HEADER.name]);
      if (!rum.ok) {
        if (rum.violation.felter) felter.set(call, rum.violation.felter);
        return refusedBy(rum.violation, present);
      }
      call.requestUserMetadata = rum.value;
      return passedWith(
        present,
        passed(
          'SEC-RUM-PRESENT',
          `user type ${rum.value.userType} of ${formatOrganisation(rum.value.organisation)}`,
        ),
      );
    },

    named: (call): NamedInBody => {
      const { route, params, headers, body } = messageOf(call);
      const cpr = route.dtoHeaders ? headers[CPR_HEADER.name]?.[0]?.trim() : undefined;
      const joined =
        typeof body === 'object' && body !== null && 'indkaldelseIdentifier' in body
          ? String(body.indkaldelseIdentifier).trim()
          : undefined;
      return {
        cprs: cpr === undefined ? [] : [cpr],
        bookingIds: [
          ...new Set([params.indkaldelseId, joined].filter((id): id is string => id !== undefined)),
        ],
      };
    },

    validate: (call) => {
      const message = messageOf(call);
      const verdict = validateRestRequest(
        message.route,
        { query: message.query, cpr: message.headers[CPR_HEADER.name], body: message.body },
        deps.schemaValidation,
      );
      if (!verdict.ok) return refused(call, verdict.violation);
      message.valid = verdict.value;
      const ignored = verdict.value.ignored;
      return passedWith(
        passed(
          'REQ-OPENAPI',
          ignored.length === 0
            ? `valid against ${message.route.operationId} in /v2/Indkaldelse/openapi.json`
            : `lenient mode: ${ignored.join(', ')} left out`,
        ),
      );
    },

    operate: async ({ res }, call, commit) => {
      const message = messageOf(call);
      const { route } = message;
      if (route.operationId === 'GetIndkaldelseOpenApi') {
        await commit(() => ({ cprs: [] }));
        send(res, call, 200, restOpenApiDocument());
        return;
      }
      const operation = INDKALDELSE_OPERATIONS[route.operationId];
      const metadata = metadataOf(call);
      if (!operation || !metadata || !call.caller || !message.valid)
        throw new Error(`${route.operationId} is not served, or reached step 7 unchecked`);
      const { caller } = call;
      const valid = message.valid;
      const outcome: RestOutcome = await commit(() =>
        operation(
          {
            actor: {
              activeOrganisation: metadata.activeOrganisation,
              user: metadata.requestUserMetadata,
              systemName: caller.systemName,
              referenceId: call.referenceId,
              citizen: call.citizen,
            },
            systemType: deps.store.certificates.find(caller.certificate.fingerprint)?.systemType ?? null,
            params: message.params,
            query: valid.query,
            cpr: valid.cpr ?? '',
            body: valid.body,
          },
          deps.operationDeps,
        ),
      );
      call.decisions.push(passed(route.operationId, 'every business rule passed; answered'));
      if (outcome.location) res.setHeader('Location', outcome.location);
      send(res, call, outcome.status, outcome.body);
    },

    answeredCode: (fault: DfdgFault) => restAnswerOf(fault.key).fejlkode,

    refuse: ({ res }, call, fault: DfdgFault) => {
      const answer = restErrorAnswer(
        restViolation(fault.key, fault.detail, felter.get(call)),
        call.referenceId,
        fault.spec,
      );
      if (res.headersSent) return;
      res.status(answer.status).set(answer.headers).send(JSON.stringify(answer.body));
      call.status = answer.status;
      call.response = `HTTP ${answer.status}\nX-DFDG-Rule: ${answer.headers['X-DFDG-Rule'] ?? ''}\n\n${JSON.stringify(answer.body)}`;
    },

    answerStatus: ({ res }, call, status, text) => {
      call.response = answerBareStatus(res, status, call.referenceId, REFERENCE_HEADER, text);
      call.status = res.statusCode;
    },

    drop: ({ req }, call) => {
      dropConnection(req);
      call.status = 0;
      call.response = '';
    },
  };
};

/**
 * REST-ORG-TYPE, in step 4 after the shared security model (REST.md §5): only an a-kasse, STAR, a
 * kommune or a jobcenter calls the service.
 */
const restOrgType: Stage = {
  step: 4,
  rules: ['REST-ORG-TYPE'],
  run: (face, _request, call) => {
    if (!face.bindsMetadata(call) || !call.activeOrganisation) return NOTHING_TO_JUDGE;
    const v = restOrgTypeRule(call.activeOrganisation);
    return v
      ? refusedBy(v)
      : passedWith(
          passed('REST-ORG-TYPE', `organisation type ${call.activeOrganisation.type} may call the service`),
        );
  },
};

/** RULES.md's stages with REST-ORG-TYPE after the security model (step 4) and before the schema. */
export const REST_STAGES: readonly Stage[] = [
  ...CALL_STAGES.filter((s) => s.step <= 4),
  restOrgType,
  ...CALL_STAGES.filter((s) => s.step > 4),
];
