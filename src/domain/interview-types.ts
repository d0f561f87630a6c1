/**
 * The interview-type code list (CONTRACT.md; names exactly as in epic 950.8). The one table that the
 * rules (BK-VALID, VIS-AKASSE) and CodelistService.GetInterviewTypes read.
 */
export interface InterviewType {
  readonly id: number;
  readonly name: string;
  /** VIS-AKASSE: whether an a-kasse may see bookings of this type. */
  readonly visibleToUnemploymentFund: boolean;
}

const row = (id: number, name: string, visibleToUnemploymentFund: boolean): InterviewType => ({
  id,
  name,
  visibleToUnemploymentFund,
});

export const INTERVIEW_TYPES: readonly InterviewType[] = [
  row(1, '1. henvendelse til kommunen', false),
  row(2, 'supplerende samtale', false),
  row(3, '1. opfølgningssamtale', false),
  row(4, 'Opfølgningssamtale', false),
  row(5, 'fleksjobopfølgningssamtale', false),
  row(6, 'sygeopfølgningssamtale', false),
  row(7, 'Jobsamtale', true),
  row(8, 'Henvisning', true),
  row(9, 'Informationsmøde', true),
  row(10, 'CV samtale', true),
  row(11, 'Formidlingssamtale', true),
  row(12, 'Anden samtale', true),
  row(13, 'Informationsmøde uden mødepligt', true),
  row(14, 'Anden samtale ifm. opfølgning', false),
  row(15, 'Rådighedssamtale', true),
  row(16, 'Samtale om kontrakten efter integrationsloven', false),
  row(17, 'Fælles Jobsamtale med dagpengemodtager', true),
  row(18, 'Samtale i rehabiliteringsteam', false),
];

const BY_ID: ReadonlyMap<number, InterviewType> = new Map(INTERVIEW_TYPES.map((t) => [t.id, t]));

export const interviewType = (id: number): InterviewType | undefined => BY_ID.get(id);
