import { INTERVIEW_TYPES } from '../domain/interview-types';
import { el } from '../soap/xml-writer';
import { referenceIdXml, type OperationHandler } from './call-context';

/** CodelistService: the interview types from the same table the rules read. */
const getInterviewTypes: OperationHandler = (call) => {
  const ns = call.service.schemaNamespace;
  return {
    response: [
      ...INTERVIEW_TYPES.map((t) =>
        el(ns, 'InterviewType', [
          el(ns, 'CodeListItemIdentifier', t.id),
          el(ns, 'Name', t.name),
          el(ns, 'VisibleToUnemploymentFund', t.visibleToUnemploymentFund),
        ]),
      ),
      referenceIdXml(call),
    ],
    cprs: [],
  };
};

export const codelistServiceHandlers: Readonly<Record<string, OperationHandler>> = {
  GetInterviewTypes: getInterviewTypes,
};
