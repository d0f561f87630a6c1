"""A Python vendor's client: zeep (Debian's python3-zeep) against a running emulator.

Usage: zeep_client.py <soapUrl> <certDir>

Loads all five WSDLs from the server over mutual TLS (certificate 8-75100), builds both DFDG
headers from the WSDL's own header element types, calls BookingService.CreateBooking,
GetBookingDetails (one that must fault, and one refused for a RequestUserMetadata of another
organisation, its FaultDetails parsed with the WSDL's own element), CodelistService.GetInterviewTypes
and GetCodeList,
PersonStatusService.GetVariablePersonStatus, ExternalBookingService.RescheduleBooking and a WSRM
pickup (CreateSequence, GetBookings, TerminateSequence), and prints one
JSON document on stdout. Any failure goes to stderr with a non-zero exit status.
"""

import datetime
import json
import os
import sys
import warnings

SERVICES = [
    "BookingService",
    "ExternalBookingService",
    "BookingWsrmMessageService",
    "PersonStatusService",
    "CodelistService",
]
AOH = "{http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/}ActiveOrganisationHeader"
RUM = "{http://service.bm.dk/RequestUserMetadata/2015/01/21/}RequestUserMetadataHeader"
FAULT_NS = "http://service.bm.dk/xml/schemas/2011/01/12/"
CPR = "0101575001"
UNKNOWN_BOOKING = "0f0f0f0f-0000-4000-8000-0000000000ff"


def to_json(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value)


def describe(client):
    """Operations and soap:address of each port, as zeep read them from the WSDL."""
    ports = {}
    for service in client.wsdl.services.values():
        for port in service.ports.values():
            ports[port.name] = {
                "service": service.name,
                "address": port.binding_options.get("address"),
                "operations": sorted(port.binding.all().keys()),
            }
    return ports


def fault_details(fault):
    detail = fault.detail
    found = detail.find("{%s}FaultDetails" % FAULT_NS) if detail is not None else None
    text = lambda name: found.findtext("{%s}%s" % (FAULT_NS, name)) if found is not None else None
    error_code = text("ErrorCode")
    return {
        "faultcode": str(fault.code),
        "faultstring": fault.message,
        "ErrorCode": int(error_code) if error_code is not None else None,
        "Source": text("Source"),
    }


def typed_fault_details(client, fault):
    """zeep raises Fault with the raw detail; the WSDL's FaultDetails element parses it into its types."""
    found = fault.detail.find("{%s}FaultDetails" % FAULT_NS) if fault.detail is not None else None
    if found is None:
        return None
    details = client.get_element("{%s}FaultDetails" % FAULT_NS).parse(found, client.wsdl.types)
    return {"ErrorCode": details.ErrorCode, "Message": details.Message, "Source": details.Source}


def main(soap_url, cert_dir):
    import requests
    import zeep
    from zeep.exceptions import Fault
    from zeep.helpers import serialize_object
    from zeep.transports import Transport

    session = requests.Session()
    # Without this, REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the environment override
    # session.verify (requests issue #3829), and proxy variables could catch localhost.
    session.trust_env = False
    session.cert = (
        os.path.join(cert_dir, "clients", "8-75100.pem"),
        os.path.join(cert_dir, "clients", "8-75100.key"),
    )
    session.verify = os.path.join(cert_dir, "ca.pem")
    transport = Transport(session=session, timeout=20, operation_timeout=20)
    settings = zeep.Settings(strict=True)

    out = {"zeep": zeep.__version__, "warnings": [], "services": {}}
    clients = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for name in SERVICES:
            clients[name] = zeep.Client(f"{soap_url}/{name}?wsdl", transport=transport, settings=settings)
            out["services"][name] = describe(clients[name])

        booking = clients["BookingService"]
        active_organisation = booking.get_element(AOH)(OrganisationTypeIdentifier=8, OrganisationCode="75100")
        registered = datetime.datetime(2026, 11, 23, 10, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))

        def caseworker(organisation_type, organisation_code):
            return booking.get_element(RUM)(
                RequestUserStructure={
                    "UserFullName": "Mette Hansen",
                    "RequestUserTypeIdentifier": {"CodeListItemIdentifier": 2},
                    "UserIdentifier": "CVR:12345678-RID:1234",
                },
                RequestOrganisationStructure={
                    "OrganisationTypeIdentifier": {"CodeListItemIdentifier": organisation_type},
                    "OrganisationCode": organisation_code,
                },
                RegistrationDateTime=registered,
            )

        headers = [caseworker(8, "75100"), active_organisation]

        # A week ahead, Danish wall-clock time with its offset and microseconds: zeep writes all six
        # fraction digits, and must read back the same time.
        copenhagen = datetime.timezone(datetime.timedelta(hours=1))
        start = (datetime.datetime.now(copenhagen) + datetime.timedelta(days=7)).replace(microsecond=123456)
        created = booking.service.CreateBooking(
            Booking={
                "PersonCivilRegistrationIdentifier": CPR,
                "InterviewTypeIdentifier": {"CodeListItemIdentifier": 8},
                "InterviewContactTypeIdentifier": {"CodeListItemIdentifier": 2},
                "InterviewFormTypeIdentifier": {"CodeListItemIdentifier": 1},
                "BookingStartTime": start,
                "BookingEndTime": start + datetime.timedelta(minutes=30),
                "MeetingOrganisation": {"OrganisationTypeIdentifier": 8, "OrganisationCode": "75100"},
                "MeetingLocation": "telefon",
                "CompulsoryAttendance": True,
                "SelfBooked": False,
                "ReBookingPossible": False,
                "CancellationPossible": True,
            },
            _soapheaders=headers,
        )
        out["create"] = serialize_object(created)
        out["sentStart"] = start.isoformat()
        out["sentRegistrationDateTime"] = registered.isoformat()

        details = booking.service.GetBookingDetails(BookingIdentifier=created.BookingIdentifier, _soapheaders=headers)
        out["details"] = serialize_object(details)

        try:
            booking.service.GetBookingDetails(BookingIdentifier=UNKNOWN_BOOKING, _soapheaders=headers)
            out["unknownBooking"] = {"fault": None}
        except Fault as fault:
            out["unknownBooking"] = {"fault": fault_details(fault)}

        # A caseworker of a-kasse 2/17 acting under jobcenter 8/75100: refused (4413).
        try:
            booking.service.GetBookingDetails(
                BookingIdentifier=created.BookingIdentifier, _soapheaders=[caseworker(2, "17"), active_organisation]
            )
            out["refused"] = {"fault": None}
        except Fault as fault:
            out["refused"] = {"fault": {"faultstring": fault.message, "typedDetail": typed_fault_details(booking, fault)}}

        types = clients["CodelistService"].service.GetInterviewTypes()
        out["interviewTypes"] = serialize_object(types)
        forms = clients["CodelistService"].service.GetCodeList(CodeListName="InterviewContactType")
        out["meetingForms"] = serialize_object(forms)
        try:
            clients["CodelistService"].service.GetCodeList(CodeListName="NoSuchList")
            out["unknownCodeList"] = {"fault": None}
        except Fault as fault:
            out["unknownCodeList"] = {"fault": fault_details(fault)}

        # One call of each remaining service, with the same headers.
        status = clients["PersonStatusService"].service.GetVariablePersonStatus(
            PersonCivilRegistrationIdentifier=CPR,
            RequestVariableType={"Core": True, "Authority": True, "Booking": True, "InterviewDeadline": True},
            _soapheaders=headers,
        )
        out["personStatus"] = serialize_object(status)

        later = start + datetime.timedelta(days=1)
        rescheduled = clients["ExternalBookingService"].service.RescheduleBooking(
            BookingIdentifier=created.BookingIdentifier,
            BookingStartTime=later,
            BookingEndTime=later + datetime.timedelta(minutes=30),
            _soapheaders=headers,
        )
        out["reschedule"] = serialize_object(rescheduled)

        wsrm = clients["BookingWsrmMessageService"].service
        sequence = wsrm.CreateSequence(_soapheaders=headers)
        messages = wsrm.GetBookings(Identifier=sequence.Identifier, _soapheaders=headers)
        wsrm.TerminateSequence(Identifier=sequence.Identifier, _soapheaders=headers)
        out["wsrm"] = {
            "messageCount": sequence.MessageCount,
            "messages": serialize_object(messages),
        }

        out["warnings"] = [f"{w.category.__name__}: {w.message}" for w in caught]
    json.dump(out, sys.stdout, default=to_json, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
