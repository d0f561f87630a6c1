import { copenhagenIsoString } from '../domain/copenhagen-time';
import { isWrite, type RestMethod } from './indkaldelse.routes';
import { restViolation, type RestViolation } from './rest-errors';
import { REQUEST_ID_HEADER, REQUEST_ID_MAX_LENGTH } from './rest-headers';

/**
 * REQ-REQUESTID (REST.md §5, §9; STAR P3): a write carries one x-requestId of 1..46 characters; one
 * seen within the last 7 days of emulator time is answered 412 and changes nothing. Pure: the store
 * says when an id was recorded, the caller gives the clock.
 */
export const REQUEST_ID_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

export type RequestIdForm =
  | { readonly ok: true; readonly requestId: string | null }
  | { readonly ok: false; readonly violation: RestViolation };

/** Its form (step 2): a read needs none and one sent is not looked at; a write needs exactly one. */
export const requestIdForm = (method: RestMethod, values: readonly string[] | undefined): RequestIdForm => {
  if (!isWrite(method)) return { ok: true, requestId: null };
  const felt = REQUEST_ID_HEADER.name;
  const refuse = (besked: string): RequestIdForm => ({
    ok: false,
    violation: restViolation('REQ-REQUESTID', `${felt}: ${besked}`, [{ felt, besked }]),
  });
  const [only, ...more] = values ?? [];
  if (only === undefined || only === '') return refuse('missing: every POST, PUT and DELETE carries one');
  if (more.length > 0) return refuse(`given ${more.length + 1} times; send it once`);
  if (only.length > REQUEST_ID_MAX_LENGTH) {
    return refuse(`${only.length} characters; at most ${REQUEST_ID_MAX_LENGTH}`);
  }
  return { ok: true, requestId: only };
};

/** When a request id was first recorded, and the reference of that call. */
export interface RecordedRequestId {
  readonly at: Date;
  readonly referenceId: string;
}

export interface RequestIdRepeatVerdict {
  readonly violation: RestViolation | null;
  /**
   * Whether to record the id now, with this call's time and reference: every well-formed id is
   * recorded whatever the call's outcome, but a repeat answered 412 does not renew its 7 days.
   */
  readonly record: boolean;
}

/** Its repeat (step 2, after its form): recorded less than 7 days before now is 412 (5300). */
export const requestIdRepeat = (
  requestId: string,
  recorded: RecordedRequestId | null,
  now: Date,
): RequestIdRepeatVerdict => {
  if (!recorded || now.getTime() - recorded.at.getTime() >= REQUEST_ID_KEPT_MS) {
    return { violation: null, record: true };
  }
  return {
    violation: restViolation(
      'REQ-REQUESTID-REPEAT',
      `x-requestId ${requestId} was first used at ${copenhagenIsoString(recorded.at)} by the call ` +
        `${recorded.referenceId}; an id is kept 7 days (emulator time)`,
    ),
    record: false,
  };
};
