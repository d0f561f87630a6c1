// A C++ vendor's client: gSOAP's proxy for BookingService, generated from the served WSDL with
// `wsdl2h` (default settings: both headers marked mustUnderstand="1"; namespace prefixes from
// namespace-prefixes.dat) and `soapcpp2 -j -C`, over mutual TLS with OpenSSL (gsoap.test.ts builds it).
//
// Usage: booking_client <client key and certificate, PEM> <CA certificate, PEM>
//
// The endpoint is the WSDL's soap:address, compiled into the proxy. Calls CreateBooking,
// GetBookingDetails of the new booking, and GetBookingDetails with a RequestUserMetadata naming
// another organisation (refused), and prints one JSON document on stdout: for each call either
// {"ok": {...}} or {"fault": {...}} with the typed FaultDetails gSOAP deserialised from the SOAP
// Fault's detail. Exits non-zero only when it cannot run at all.

#include "soapBookingServiceBindingProxy.h"
#include "BookingServiceBinding.nsmap"

#include <cstdio>
#include <ctime>
#include <sstream>
#include <string>

namespace {

const char *const CPR = "0101575001";

std::string quoted(const std::string &text) {
  std::ostringstream out;
  out << '"';
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') out << '\\' << c;
    else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out << escaped;
    } else out << c;
  }
  out << '"';
  return out.str();
}

std::string quoted(const char *text) { return text ? quoted(std::string(text)) : "null"; }

std::string instant(time_t t) {
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return quoted(std::string(text));
}

std::string organisation(const aoh__ActiveOrganisationHeaderType *o) {
  if (!o) return "null";
  return "{\"OrganisationTypeIdentifier\":" + std::to_string(o->OrganisationTypeIdentifier) +
         ",\"OrganisationCode\":" + quoted(o->OrganisationCode) + "}";
}

// STAR's booking type: the originator's OrganisationCode is an int.
std::string originator(const bk__BookingOriginatorType *o) {
  if (!o) return "null";
  return "{\"OrganisationTypeIdentifier\":" + std::to_string(o->aoh__OrganisationTypeIdentifier) +
         ",\"OrganisationCode\":" + std::to_string(o->OrganisationCode) + "}";
}

// The fault as the client sees it: gSOAP puts the FaultDetails element declared by the WSDL's
// wsdl:fault into soap->fault->detail->fault__FaultDetails_, already typed.
std::string fault(BookingServiceBindingProxy &proxy) {
  const SOAP_ENV__Fault *f = proxy.soap_fault();
  const fault__FaultDetails *details = f && f->detail ? f->detail->fault__FaultDetails_ : nullptr;
  std::ostringstream out;
  out << "{\"fault\":{\"soapError\":" << proxy.soap->error
      << ",\"faultcode\":" << quoted(f ? f->faultcode : nullptr)
      << ",\"faultstring\":" << quoted(f ? f->faultstring : nullptr) << ",\"typedDetail\":";
  if (details) {
    out << "{\"ErrorCode\":" << (details->ErrorCode ? std::to_string(*details->ErrorCode) : "null")
        << ",\"Message\":" << (details->Message ? quoted(*details->Message) : "null")
        << ",\"Source\":" << (details->Source ? quoted(*details->Source) : "null") << "}";
  } else {
    out << "null";
  }
  out << "}}";
  return out.str();
}

struct Headers {
  aoh__ActiveOrganisationHeaderType active;
  rut__RequestUserTypeIdentifierType userType;
  rus__RequestUserStructureType user;
  otl__OrganisationTypeIdentifierType organisationType;
  ros__RequestOrganisationStructureType userOrganisation;
  rum__RequestUserMetadataType metadata;

  // ActiveOrganisation 8/75100 (the certificate's), a caseworker of the given organisation.
  Headers(int userOrganisationType, const std::string &userOrganisationCode) {
    active.OrganisationTypeIdentifier = 8;
    active.OrganisationCode = "75100";
    userType.CodeListItemIdentifier = 2;
    user.UserFullName = "Mette Hansen";
    user.rut__RequestUserTypeIdentifier = &userType;
    user.UserIdentifier = "CVR:12345678-RID:1234";
    organisationType.CodeListItemIdentifier = userOrganisationType;
    userOrganisation.OrganisationTypeIdentifier = &organisationType;
    userOrganisation.OrganisationCode = userOrganisationCode;
    metadata.rus__RequestUserStructure = &user;
    metadata.ros__RequestOrganisationStructure = &userOrganisation;
    metadata.RegistrationDateTime = std::time(nullptr);
  }
};

std::string getBookingDetails(BookingServiceBindingProxy &proxy, Headers &headers, const std::string &id) {
  proxy.soap_header(&headers.active, &headers.metadata);
  bksvc__GetBookingDetailsRequestType request;
  request.BookingIdentifier = id;
  bksvc__GetBookingDetailsResponseType response;
  if (proxy.GetBookingDetails(&request, response) != SOAP_OK) return fault(proxy);
  const bk__BookingReadType *b = response.Booking;
  const rum__RequestUserMetadataType *creator = b->CreatedByRequestUserMetadata;
  std::ostringstream out;
  out << "{\"ok\":{\"BookingIdentifier\":" << (b->BookingIdentifier ? quoted(*b->BookingIdentifier) : "null")
      << ",\"PersonCivilRegistrationIdentifier\":" << quoted(b->PersonCivilRegistrationIdentifier)
      << ",\"InterviewType\":" << b->InterviewTypeIdentifier->clb__CodeListItemIdentifier
      << ",\"InterviewContactType\":" << b->InterviewContactTypeIdentifier->clb__CodeListItemIdentifier
      << ",\"InterviewFormType\":" << b->InterviewFormTypeIdentifier->clb__CodeListItemIdentifier
      << ",\"BookingStartTime\":" << instant(b->BookingStartTime)
      << ",\"MeetingOrganisation\":" << organisation(b->MeetingOrganisation)
      << ",\"MeetingLocation\":" << (b->MeetingLocation ? quoted(*b->MeetingLocation) : "null")
      << ",\"CompulsoryAttendance\":" << (b->CompulsoryAttendance ? "true" : "false")
      << ",\"ReBookingPossible\":" << (b->ReBookingPossible ? "true" : "false")
      << ",\"CancellationPossible\":" << (b->CancellationPossible ? "true" : "false")
      << ",\"BookingStatus\":" << quoted(soap_bk__BookingStatusType2s(proxy.soap, b->BookingStatus))
      << ",\"BookingOriginator\":" << originator(b->BookingOriginator)
      << ",\"CreatedBy\":" << quoted(creator->rus__RequestUserStructure->UserFullName)
      << ",\"ServiceRequestLogReferenceIdentifier\":" << quoted(response.ServiceRequestLogReferenceIdentifier)
      << "}}";
  return out.str();
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <client key+certificate PEM> <CA PEM>\n", argv[0]);
    return 2;
  }
  BookingServiceBindingProxy proxy;
  proxy.soap->connect_timeout = proxy.soap->send_timeout = proxy.soap->recv_timeout = 20;
  // SOAP_SSL_DEFAULT: verify the server's certificate chain against the CA and its host name.
  if (soap_ssl_client_context(proxy.soap, SOAP_SSL_DEFAULT, argv[1], nullptr, argv[2], nullptr, nullptr) != SOAP_OK) {
    proxy.soap_print_fault(stderr);
    return 1;
  }

  Headers own(8, "75100");
  proxy.soap_header(&own.active, &own.metadata);
  aoh__ActiveOrganisationHeaderType meeting;
  meeting.OrganisationTypeIdentifier = 8;
  meeting.OrganisationCode = "75100";
  bk__InterviewTypeIdentifierType interviewType;
  interviewType.clb__CodeListItemIdentifier = 8;
  bk__InterviewContactTypeIdentifierType meetingForm;
  meetingForm.clb__CodeListItemIdentifier = 2;
  bk__InterviewFormTypeIdentifierType groupType;
  groupType.clb__CodeListItemIdentifier = 1;
  std::string location = "telefon";
  bk__BookingType booking;
  booking.PersonCivilRegistrationIdentifier = CPR;
  booking.InterviewTypeIdentifier = &interviewType;
  booking.InterviewContactTypeIdentifier = &meetingForm;
  booking.InterviewFormTypeIdentifier = &groupType;
  // gSOAP's default xsd:dateTime is a time_t: whole seconds, written in UTC.
  booking.BookingStartTime = std::time(nullptr) + 7 * 24 * 3600;
  booking.BookingEndTime = booking.BookingStartTime + 30 * 60;
  booking.MeetingOrganisation = &meeting;
  booking.MeetingLocation = &location;
  booking.CompulsoryAttendance = true;
  booking.SelfBooked = false;
  booking.ReBookingPossible = false;
  booking.CancellationPossible = true;
  bksvc__CreateBookingRequestType create;
  create.Booking = &booking;
  bksvc__CreateBookingResponseType created;

  std::string createResult, bookingId;
  if (proxy.CreateBooking(&create, created) == SOAP_OK) {
    bookingId = created.BookingIdentifier;
    createResult = "{\"ok\":{\"BookingIdentifier\":" + quoted(created.BookingIdentifier) +
                   ",\"ServiceRequestLogReferenceIdentifier\":" +
                   quoted(created.ServiceRequestLogReferenceIdentifier) + "}}";
  } else {
    createResult = fault(proxy);
  }
  // Without a created booking, ask for a well-formed id nobody has: the answer says why it failed.
  const std::string detailsId = bookingId.empty() ? "0f0f0f0f-0000-4000-8000-0000000000ff" : bookingId;
  const std::string details = getBookingDetails(proxy, own, detailsId);
  // A caseworker of an a-kasse (2/17) acting under jobcenter 8/75100: refused with 4413.
  Headers foreign(2, "17");
  const std::string refused = getBookingDetails(proxy, foreign, detailsId);

  std::printf("{\"sentStart\":%s,\"create\":%s,\"details\":%s,\"refused\":%s}\n",
              instant(booking.BookingStartTime).c_str(), createResult.c_str(), details.c_str(),
              refused.c_str());
  proxy.destroy();
  return 0;
}
