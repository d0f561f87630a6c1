import type { z } from 'zod';
import type { AuditFilter } from '../store/audit.repository';
import {
  cprInput,
  instantInput,
  operationInput,
  organisationQuery,
  outcomeInput,
  serviceInput,
} from './admin-inputs';

/**
 * Which calls of the audit log count (GET /admin/calls/count, POST /admin/verify): the audit log holds
 * every call, accepted or refused, so counting it is counting the calls. Every field is optional; a
 * call matches when it matches each one given.
 */
export const callMatchFields = {
  service: serviceInput.optional(),
  operation: operationInput.optional(),
  outcome: outcomeInput.optional(),
  organisation: organisationQuery.optional().describe('the ActiveOrganisation, TYPE:CODE'),
  cpr: cprInput.optional().describe('a CPR number the call was about'),
  since: instantInput
    .optional()
    .describe("calls at or after this instant, on the emulator's clock (the audit log's time)"),
};

export type CallMatch = {
  [K in keyof typeof callMatchFields]?: z.output<(typeof callMatchFields)[K]>;
};

export const auditFilterOf = (match: CallMatch): AuditFilter => ({
  service: match.service,
  operation: match.operation,
  outcome: match.outcome,
  organisation: match.organisation,
  cpr: match.cpr,
  from: match.since,
});

/** A match in words, for a diff a person reads: "CreateBooking, outcome ok, organisation 8:75100". */
export const describeMatch = (match: CallMatch): string => {
  const parts = [
    match.service && match.operation
      ? `${match.service}.${match.operation}`
      : (match.operation ?? match.service),
    match.outcome && `outcome ${match.outcome}`,
    match.organisation && `organisation ${match.organisation.type}:${match.organisation.code}`,
    match.cpr && `CPR ${match.cpr}`,
    match.since && `since ${match.since.toISOString()}`,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(', ') : 'any call';
};
