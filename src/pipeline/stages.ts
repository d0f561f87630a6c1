import { failed, passed, type ConformanceMode } from '../domain/decision';
import type { Violation } from '../domain/errors';
import {
  citizenDataVerdict,
  isCitizenCall,
  securityModelVerdict,
  type NamedBooking,
} from '../security/security-model';
import type { Store } from '../store/store';
import type { Clock } from '../domain/clock';
import { auditedCprs, metadataOf, type Call, type NamedInBody } from './call';
import { namedCitizensVerdict, type UnknownCitizensMode } from './citizen-access';
import type { Face } from './face';
import { NOTHING_TO_JUDGE, type Verdict } from './verdict';

/** What the stages read besides the call: the store, the clock and the modes the emulator runs in. */
export interface StageDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Commitments refuse (strict, when not given) or are journal warnings (dfdg): --conformance. */
  readonly conformance?: ConformanceMode;
  /** ACC-CPR: what an unknown well-formed CPR gets (--unknown-citizens; refuse when not given). */
  readonly unknownCitizens?: UnknownCitizensMode;
}

/** One step of RULES.md's order of checks: judges the call and says so in a Verdict. */
export interface Stage {
  /** The step's number in RULES.md's order of checks. */
  readonly step: number;
  /** The rules it judges, by id. */
  readonly rules: readonly string[];
  run<Request, Message>(
    face: Face<Request, Message>,
    request: Request,
    call: Call<Message>,
    deps: StageDeps,
  ): Verdict | Promise<Verdict>;
}

/** Applies `then` to a verdict now, or once it has come (only a face's body reading is asynchronous). */
const onVerdict = (
  verdict: Verdict | Promise<Verdict>,
  then: (v: Verdict) => Verdict,
): Verdict | Promise<Verdict> => (verdict instanceof Promise ? verdict.then(then) : then(verdict));

/** What the body names, read once per call (steps 2, 4 and 6 all ask). */
const namedOf = <M>(face: Face<unknown, M>, call: Call<M>): NamedInBody => (call.named ??= face.named(call));

/** The bookings the body names that exist, each looked up once per call (steps 4 and 6). */
const namedBookingsOf = <M>(face: Face<unknown, M>, call: Call<M>, store: Store): readonly NamedBooking[] =>
  (call.namedBookings ??= namedOf(face, call).bookingIds.flatMap((id) => store.bookings.citizenOf(id) ?? []));

const metadataRead = (call: Call) => {
  const metadata = metadataOf(call);
  if (!metadata || !call.caller) throw new Error('steps 4 and 6 run only after steps 1 and 3 have passed');
  return { metadata, caller: call.caller };
};

/** Step 1: who calls. */
const identify: Stage = {
  step: 1,
  rules: ['SEC-TLS', 'SEC-CERT'],
  run: (face, request, call) => face.identify(request, call),
};

/** Step 2: the request read and parsed; from here a refusal is audited with the CPRs the body names. */
const read: Stage = {
  step: 2,
  rules: ['REQ-XML', 'REQ-OP', 'REQ-MUSTUNDERSTAND'],
  run: (face, request, call) =>
    onVerdict(face.read(request, call), (verdict) => {
      if (!verdict.violation) call.cprs = auditedCprs(namedOf(face, call));
      return verdict;
    }),
};

/** Step 3: the caller's metadata, for every caller (STAR included) of a service that binds it. */
const metadata: Stage = {
  step: 3,
  rules: ['SEC-AO-PRESENT', 'SEC-RUM-PRESENT'],
  run: (face, _request, call) => (face.bindsMetadata(call) ? face.readMetadata(call) : NOTHING_TO_JUDGE),
};

/**
 * Step 4: the security model (pure: securityModelVerdict), then SEC-CITIZEN's data part for a
 * citizen's call, before the schema and the operation's rules: a citizen may name only its own CPR
 * and its own bookings.
 */
const securityModel: Stage = {
  step: 4,
  rules: ['SEC-AO-CERT', 'SEC-STAR', 'SEC-CITIZEN', 'SEC-SAME-ORG', 'SEC-JOBCENTER', 'SEC-USERTYPE'],
  run: (face, _request, call, deps) => {
    if (!face.bindsMetadata(call)) return NOTHING_TO_JUDGE;
    const { metadata, caller } = metadataRead(call);
    const model = securityModelVerdict(
      caller,
      metadata.activeOrganisation,
      metadata.requestUserMetadata,
      call.service,
      deps.conformance ?? 'strict',
    );
    if (model.violation || !isCitizenCall(metadata)) return model;
    const data: Violation | null = citizenDataVerdict(
      metadata,
      namedOf(face, call).cprs,
      namedBookingsOf(face, call, deps.store),
    );
    // SEC-CITIZEN is one rule with two parts (the header here, the body's data above): one decision.
    const headerPart = model.decisions.find((d) => d.ruleId === 'SEC-CITIZEN');
    const others = model.decisions.filter((d) => d !== headerPart);
    const header = headerPart ? `${headerPart.why}; ` : '';
    if (data) {
      // Audited with the citizen's own CPR too, as a refusal by the operation would be.
      call.cprs = [...new Set([...call.cprs, metadata.requestUserMetadata.organisation.code])];
      return { decisions: [...others, failed('SEC-CITIZEN', `${header}${data.detail}`)], violation: data };
    }
    return {
      decisions: [
        ...others,
        passed(
          'SEC-CITIZEN',
          `${header}the body names only the citizen's own CPR and the citizen's own bookings`,
        ),
      ],
    };
  },
};

/** Step 5: the body against its schema (REQ-CODELIST is the operation's, in its savepoint). */
const schema: Stage = {
  step: 5,
  rules: ['REQ-SCHEMA'],
  run: (face, _request, call) => face.validate(call),
};

/**
 * Step 6: ACC-CPR and ACC-OWN for every citizen the call names. The citizen it reads is kept on the
 * call, so the operation need not read it again.
 */
const access: Stage = {
  step: 6,
  rules: ['ACC-CPR', 'ACC-OWN'],
  run: (face, _request, call, deps) => {
    if (!face.bindsMetadata(call)) return NOTHING_TO_JUDGE;
    const { metadata } = metadataRead(call);
    const verdict = namedCitizensVerdict(
      {
        operation: call.operation ?? '',
        headers: metadata,
        cprs: namedOf(face, call).cprs,
        bookings: namedBookingsOf(face, call, deps.store),
        now: deps.clock.now(),
      },
      deps.store,
      deps.unknownCitizens ?? 'refuse',
    );
    if (verdict.citizens.size === 1) call.citizen = verdict.citizens.values().next().value;
    return verdict;
  },
};

/**
 * RULES.md's order of checks, steps 1 to 6, as the core runs them for every face: the first stage
 * whose verdict holds a violation answers, and no later one runs. Step 7, the operation's own rules,
 * runs in the operation's savepoint (commitCall).
 */
export const CALL_STAGES: readonly Stage[] = [identify, read, metadata, securityModel, schema, access];

/**
 * Runs the stages in order, each verdict's decisions added to the call's; returns the violation
 * that refused the call, or null when every stage passed. Only a face's reading of the body waits
 * for I/O: from there to the operation's savepoint no I/O callback runs, so no other call writes in
 * between and what step 6 read is what the operation sees.
 */
export const runStages = async <Request, Message>(
  stages: readonly Stage[],
  face: Face<Request, Message>,
  request: Request,
  call: Call<Message>,
  deps: StageDeps,
): Promise<Violation | null> => {
  for (const stage of stages) {
    const pending = stage.run(face, request, call, deps);
    const verdict = pending instanceof Promise ? await pending : pending;
    call.decisions.push(...verdict.decisions);
    if (verdict.violation) return verdict.violation;
  }
  return null;
};
