import { isCodeListName, type CodeListItem } from '../domain/codelists';
import { DfdgFault } from '../domain/errors';
import { el, type XmlNode } from '../soap/xml-writer';
import { referenceIdXml, type OperationHandler } from './call-context';
import { requiredText } from './xml-read';

/** Validity as STAR's code-list model writes it (P28): a start date, and an end date only when there is one. */
const validityXml = (ns: string, item: CodeListItem): XmlNode[] => [
  el(ns, 'ValidFrom', item.validFrom),
  ...(item.validTo === null ? [] : [el(ns, 'ValidTo', item.validTo)]),
];

/**
 * CodelistService.GetInterviewTypes: every interview type with its validity (a code list keeps its
 * expired values, P28), from the same data the rules read.
 */
const getInterviewTypes: OperationHandler = (call, deps) => {
  const ns = call.service.schemaNamespace;
  return {
    response: [
      ...deps.store.codelists
        .current()
        .InterviewType.map((t) =>
          el(ns, 'InterviewType', [
            el(ns, 'CodeListItemIdentifier', t.id),
            el(ns, 'Name', t.name),
            el(ns, 'VisibleToUnemploymentFund', t.visibleToUnemploymentFund ?? false),
            ...validityXml(ns, t),
          ]),
        ),
      referenceIdXml(call),
    ],
    cprs: [],
  };
};

/** CodelistService.GetCodeList: any list by name; an unknown name is DFDG's 2001. */
const getCodeList: OperationHandler = (call, deps) => {
  const ns = call.service.schemaNamespace;
  const name = requiredText(call.payload, ns, 'CodeListName').trim();
  if (!isCodeListName(name)) {
    throw new DfdgFault(
      'CL-UNKNOWN-LIST',
      `no code list "${name}"; the lists are InterviewType, InterviewContactType, InterviewFormType, ` +
        'InterviewDeadlineStatusType, OrganisationType and RequestUserType',
    );
  }
  return {
    response: [
      ...deps.store.codelists
        .current()
        [name].map((item) =>
          el(ns, 'CodeListItem', [
            el(ns, 'CodeListItemIdentifier', item.id),
            el(ns, 'Name', item.name),
            ...validityXml(ns, item),
          ]),
        ),
      referenceIdXml(call),
    ],
    cprs: [],
  };
};

export const codelistServiceHandlers: Readonly<Record<string, OperationHandler>> = {
  GetInterviewTypes: getInterviewTypes,
  GetCodeList: getCodeList,
};
