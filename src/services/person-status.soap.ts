import type { Booking, SelfBookingDeadline } from '../domain/booking';
import { isStraksbookingRamt, interviewDateLimit, isVisibleTo } from '../domain/booking.rules';
import { currentAkasse } from '../domain/citizen-access.rules';
import { DEADLINE_STATUS_IDS, deadlineStatus } from '../domain/deadline-status.rules';
import { el } from '../soap/xml-writer';
import { bookingReadXml, codeListXml } from './booking-xml';
import { referenceIdXml, withHeaders, type OperationHandler } from './call-context';
import { requiredChild, requiredText, toBoolean } from './xml-read';

/**
 * PersonStatusService.GetVariablePersonStatus: only the collections asked for (STAR: the caller asks
 * for what it needs); a collection asked for is present even when empty. VIS-AKASSE applies to the
 * bookings and deadlines an a-kasse gets. ImmediateBookingRequired is BK-STRAKS's own predicate, which
 * only an open deadline can meet (BK-DEADLINE-STATUS).
 */
const getVariablePersonStatus: OperationHandler = (ctx, deps) => {
  const call = withHeaders(ctx);
  const ns = call.service.schemaNamespace;
  const cpr = requiredText(call.payload, ns, 'PersonCivilRegistrationIdentifier').trim();
  const asked = requiredChild(call.payload, ns, 'RequestVariableType');
  const wants = (name: string): boolean => toBoolean(requiredText(asked, ns, name), name);
  const ao = call.headers.activeOrganisation;
  // Read by step 6 (ACC-CPR, ACC-OWN) in this call already.
  const citizen = call.citizen?.cpr === cpr ? call.citizen : deps.store.citizens.find(cpr);
  const now = deps.clock.now();
  const codeLists = deps.store.codelists.current();

  const core = wants('Core') && citizen ? [el(ns, 'CoreInfo', [el(ns, 'PersonName', citizen.name)])] : [];
  const akasse = citizen ? currentAkasse(citizen, now) : null;
  const authority =
    wants('Authority') && citizen
      ? [
          el(ns, 'AuthorityInfo', [
            el(ns, 'MunicipalityCode', citizen.kommune),
            el(ns, 'JobcenterCode', citizen.jobcenter),
            ...(akasse ? [el(ns, 'UnemploymentFundCode', akasse)] : []),
          ]),
        ]
      : [];
  const bookingCollection = wants('Booking')
    ? [
        el(
          ns,
          'BookingCollection',
          deps.store.bookings
            .listByCpr(cpr)
            .filter((b) => isVisibleTo(ao, b, codeLists))
            .map((b) => bookingReadXml(ns, 'Booking', b, deps.starCvr)),
        ),
      ]
    : [];
  const deadlines = (citizen?.selfBookingDeadlines ?? []).filter((d) =>
    isVisibleTo(ao, { interviewType: d.interviewType }, codeLists),
  );
  const deadlineCollection = wants('InterviewDeadline')
    ? [
        el(ns, 'InterviewDeadlineCollection', [
          ...deadlines.map((d) =>
            el(ns, 'InterviewDeadline', [
              codeListXml(
                ns,
                'InterviewDeadlineStatusTypeIdentifier',
                DEADLINE_STATUS_IDS[deadlineStatus(d, now)],
              ),
              codeListXml(ns, 'InterviewTypeIdentifier', d.interviewType),
              el(ns, 'InterviewDeadlineDate', d.deadline),
              el(ns, 'InterviewDateLimit', interviewDateLimit(d)),
            ]),
          ),
          el(
            ns,
            'ImmediateBookingRequired',
            immediateBookingRequired(
              deadlines,
              deps.store.bookings.firstActiveAfter(
                cpr,
                now,
                deadlines.map((d) => d.interviewType),
              ),
              now,
            ),
          ),
        ]),
      ]
    : [];
  return {
    response: [
      el(ns, 'PersonCivilRegistrationIdentifier', cpr),
      ...core,
      ...authority,
      ...bookingCollection,
      ...deadlineCollection,
      referenceIdXml(call),
    ],
    cprs: [cpr],
  };
};

/**
 * BK-STRAKS's predicate for any of the deadlines. Only the citizen's future bookings decide it, so
 * the history is read only when the Booking collection is asked for.
 */
const immediateBookingRequired = (
  deadlines: readonly SelfBookingDeadline[],
  futureBookings: readonly Booking[],
  now: Date,
): boolean => deadlines.some((d) => isStraksbookingRamt(d, futureBookings, now));

export const personStatusServiceHandlers: Readonly<Record<string, OperationHandler>> = {
  GetVariablePersonStatus: getVariablePersonStatus,
};
