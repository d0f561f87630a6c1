/** The five services of CONTRACT.md: paths, namespaces and operations, as the WSDLs in wsdl/ declare them. */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const ACTIVE_ORGANISATION_NS = 'http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/';
export const REQUEST_USER_METADATA_NS = 'http://service.bm.dk/RequestUserMetadata/2015/01/21/';
export const REQUEST_USER_STRUCTURE_NS = 'http://service.bm.dk/pjaktass/2015/01/21/RequestUserStructure/';
export const REQUEST_USER_TYPE_NS =
  'http://service.bm.dk/pjaktass/2015/01/21/RequestUserTypeIdentifierCodeList/';
export const REQUEST_ORGANISATION_STRUCTURE_NS =
  'http://service.bm.dk/pjaktass/2015/01/21/RequestOrganisationStructure/';
export const CODE_LIST_BASE_NS = 'http://service.bm.dk/pjaktass/2013/06/07/CodeListBase/';
export const FAULT_DETAILS_NS = 'http://service.bm.dk/xml/schemas/2011/01/12/';
/** WS-Security utility namespace: signers mark signed header blocks with its wsu:Id. */
export const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
/** WS-Security's own namespace: its wsse:Security header block carries a signed request's identity. */
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const BOOKING_NS = 'http://service.bm.dk/Booking/2020/02/01/';

export type ServiceName =
  | 'BookingService'
  | 'ExternalBookingService'
  | 'BookingWsrmMessageService'
  | 'PersonStatusService'
  | 'CodelistService';

export interface ServiceContract {
  readonly name: ServiceName;
  /** Namespace of the request and response elements. */
  readonly schemaNamespace: string;
  /** WSDL targetNamespace; SOAPAction is `<wsdlNamespace>#<operation>`. */
  readonly wsdlNamespace: string;
  /** CodelistService binds no DFDG headers and skips the organisation checks. */
  readonly bindsHeaders: boolean;
  readonly operations: readonly string[];
}

const contract = (
  name: ServiceName,
  operations: readonly string[],
  bindsHeaders = true,
): ServiceContract => ({
  name,
  schemaNamespace: `http://service.bm.dk/${name}/2020/02/01/`,
  wsdlNamespace: `http://service.bm.dk/pjaktass/1/${name}`,
  bindsHeaders,
  operations,
});

export const SERVICE_CONTRACTS: readonly ServiceContract[] = [
  contract('BookingService', [
    'CreateBooking',
    'UpdateBooking',
    'DeleteBooking',
    'GetBookingDetails',
    'GetBookings',
  ]),
  contract('ExternalBookingService', ['RescheduleBooking', 'CancelBooking']),
  contract('BookingWsrmMessageService', [
    'CreateSequence',
    'GetBookings',
    'TerminateSequence',
    'CloseSequence',
  ]),
  contract('PersonStatusService', ['GetVariablePersonStatus']),
  contract('CodelistService', ['GetInterviewTypes', 'GetCodeList'], false),
];

/** The XSD files (in wsdl/xsd/) a service's requests are validated against: its own and the headers'. */
export const schemaImportsOf = (service: ServiceContract): Array<{ namespace: string; file: string }> => [
  { namespace: service.schemaNamespace, file: `${service.name}.xsd` },
  { namespace: ACTIVE_ORGANISATION_NS, file: 'ActiveOrganisationHeader.xsd' },
  { namespace: REQUEST_USER_METADATA_NS, file: 'RequestUserMetadata.xsd' },
];
