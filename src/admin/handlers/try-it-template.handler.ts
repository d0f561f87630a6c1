import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Citizen } from '../../domain/booking';
import { isVisibleTo } from '../../domain/booking.rules';
import { aliveVerdict, organisationMayAccess } from '../../domain/citizen-access.rules';
import { formatOrganisation, sameOrganisation, type Organisation } from '../../domain/organisation';
import { INDKALDELSE_ROUTES, INDKALDELSE_SERVICE } from '../../rest/indkaldelse.routes';
import { SERVICE_CONTRACTS } from '../../soap/contracts';
import type { AdminContext } from '../admin-context';
import { adminEndpoint } from '../admin-endpoint';
import { cprInput, organisationQuery } from '../admin-inputs';
import { Problem } from '../problem';
import { OrganisationView } from '../views/organisation.view';
import type { TryItWorld } from './try-it-actor';
import { TryItRequest, TRY_IT_USERS } from './try-it-request';
import { restTemplate } from './try-it-rest-template';
import { soapTemplate, soapTemplateNotes } from './try-it-soap-template';
import { registeredWithFiles } from './try-it-certificate';

/** Every service the try-it tab offers, with its operations: the five SOAP services and the REST one. */
export const TRY_IT_SERVICES: ReadonlyArray<{ readonly service: string; readonly operations: string[] }> = [
  ...SERVICE_CONTRACTS.map((c) => ({ service: c.name, operations: [...c.operations] })),
  {
    service: INDKALDELSE_SERVICE,
    operations: INDKALDELSE_ROUTES.filter((r) => r.dtoHeaders).map((r) => r.operationId),
  },
];

const TemplateQuery = z.strictObject({
  certificate: z.string().min(1).max(64).describe('the name of a registered certificate'),
  organisation: organisationQuery
    .optional()
    .describe('TYPE:CODE, one the certificate may act as (default: its first)'),
  user: z.enum(TRY_IT_USERS).default('caseworker').describe('the RequestUserType: 2, 1 or 3'),
  service: z.string().min(1).max(64),
  operation: z.string().min(1).max(64),
  cpr: cprInput.optional().describe('the citizen (default: the first one the organisation may see)'),
});

/**
 * The citizen a template is about: the one asked for, or the first living citizen the organisation
 * may see now (ACC-OWN), so the call passes the access rules.
 */
const citizenFor = (ctx: AdminContext, organisation: Organisation, cpr: string | undefined): Citizen => {
  if (cpr !== undefined) {
    const citizen = ctx.store.citizens.find(cpr);
    if (!citizen) throw new Problem(404, `no citizen ${cpr}; see GET /admin/citizens`);
    return citizen;
  }
  const now = ctx.clock.now();
  const citizens = ctx.store.citizens.list().filter((c) => aliveVerdict(c, now) === null);
  const visible = citizens.find((c) => organisationMayAccess(organisation, c, now));
  const citizen = visible ?? citizens[0];
  if (!citizen) throw new Problem(404, 'there are no citizens; PUT /admin/citizens/{cpr} adds one');
  return citizen;
};

/** An active, future booking of the citizen the organisation may see, for operations naming one. */
const bookingFor = (ctx: AdminContext, organisation: Organisation, cpr: string): string | null => {
  const now = ctx.clock.now();
  const codeLists = ctx.store.codelists.current();
  const booking = ctx.store.bookings
    .listByCpr(cpr)
    .find(
      (b) =>
        b.status === 'Active' && b.start.getTime() > now.getTime() && isVisibleTo(organisation, b, codeLists),
    );
  return booking?.id ?? null;
};

const unknown = (what: string, value: string, known: readonly string[]): Problem =>
  new Problem(400, `unknown ${what} "${value}"`, [
    { path: `query.${what}`, message: `one of ${known.join(', ')}` },
  ]);

export const TemplateAnswer = z.object({
  certificate: z.string(),
  organisation: OrganisationView,
  user: z.enum(TRY_IT_USERS),
  service: z.string(),
  operation: z.string(),
  citizen: z.object({ cpr: z.string(), name: z.string() }),
  request: TryItRequest,
  notes: z.array(z.string()).describe('what the template could not know and you may want to change'),
});

/**
 * GET /admin/try-it/template: a request that passes every rule for the chosen certificate,
 * organisation, user, service and operation, built from the world as it is now (the fixtures and
 * whatever the admin API changed), for the dashboard's Try it tab and for scripts.
 */
export const tryItTemplateHandler = adminEndpoint({
  query: TemplateQuery,
  response: TemplateAnswer,
  problems: { 404: 'no certificate (with its files in the certificate folder) or citizen of that name' },
  handle: (ctx, { query }) => {
    const registration = registeredWithFiles(ctx, query.certificate);
    const organisation = query.organisation ?? registration.organisations[0];
    if (!organisation || !registration.organisations.some((o) => sameOrganisation(o, organisation)))
      throw new Problem(400, `certificate ${registration.name} may not act as that organisation`, [
        {
          path: 'query.organisation',
          message: `one of ${registration.organisations.map(formatOrganisation).join(', ') || '(none)'}`,
        },
      ]);
    const service = TRY_IT_SERVICES.find((s) => s.service === query.service);
    if (!service)
      throw unknown(
        'service',
        query.service,
        TRY_IT_SERVICES.map((s) => s.service),
      );
    if (!service.operations.includes(query.operation))
      throw unknown('operation', query.operation, service.operations);

    const citizen = citizenFor(ctx, organisation, query.cpr);
    const world: TryItWorld = {
      organisation,
      user: query.user,
      citizen: { cpr: citizen.cpr, name: citizen.name },
      bookingId: bookingFor(ctx, organisation, citizen.cpr),
      now: ctx.clock.now(),
      newId: randomUUID,
    };
    const meeting = { type: 8, code: citizen.jobcenter };
    const contract = SERVICE_CONTRACTS.find((c) => c.name === query.service);
    const route = INDKALDELSE_ROUTES.find((r) => r.operationId === query.operation);
    const request = contract
      ? soapTemplate(contract, query.operation, world, meeting)
      : restTemplate(route as NonNullable<typeof route>, world, meeting);
    const notes = contract ? soapTemplateNotes(contract.name, query.operation, world) : [];
    if (!organisationMayAccess(organisation, citizen, world.now) && query.user !== 'citizen')
      notes.push(`${formatOrganisation(organisation)} may not see ${citizen.cpr} (ACC-OWN)`);
    return {
      certificate: registration.name,
      organisation: { type: organisation.type, code: organisation.code },
      user: world.user,
      service: query.service,
      operation: query.operation,
      citizen: world.citizen,
      request,
      notes,
    };
  },
});
