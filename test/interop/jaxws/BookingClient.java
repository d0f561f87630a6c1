import dk.bm.service.booking._2020._02._01.BookingOriginatorType;
import dk.bm.service.booking._2020._02._01.BookingReadType;
import dk.bm.service.booking._2020._02._01.BookingType;
import dk.bm.service.booking._2020._02._01.InterviewContactTypeIdentifierType;
import dk.bm.service.booking._2020._02._01.InterviewFormTypeIdentifierType;
import dk.bm.service.booking._2020._02._01.InterviewTypeIdentifierType;
import dk.bm.service.bookingservice._2020._02._01.CreateBookingRequestType;
import dk.bm.service.bookingservice._2020._02._01.CreateBookingResponseType;
import dk.bm.service.bookingservice._2020._02._01.GetBookingDetailsRequestType;
import dk.bm.service.bookingservice._2020._02._01.GetBookingDetailsResponseType;
import dk.bm.service.pjaktass._1.bookingservice.BookingService;
import dk.bm.service.pjaktass._1.bookingservice.BookingService_Service;
import dk.bm.service.pjaktass._2015._01._21.organisationtypeidentifiercodelist.OrganisationTypeIdentifierType;
import dk.bm.service.pjaktass._2015._01._21.requestorganisationstructure.RequestOrganisationStructureType;
import dk.bm.service.pjaktass._2015._01._21.requestusertypeidentifiercodelist.RequestUserTypeIdentifierType;
import dk.bm.service.pjaktass._2015._01._21.requestuserstructure.RequestUserStructureType;
import dk.bm.service.requestusermetadata._2015._01._21.RequestUserMetadataType;
import dk.oio.rep.ams_dk.xml.schemas._2005._09._01.ActiveOrganisationHeaderType;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URL;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.bind.JAXBElement;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * A Java vendor's client: the JAX-WS RI port for BookingService generated from the served WSDL with
 * {@code wsimport -XadditionalHeaders} (both DFDG headers become method parameters), over mutual TLS
 * with an SSLContext from the client's PKCS#12 that trusts the dev CA.
 *
 * <p>Usage: BookingClient &lt;wsdl URL&gt; &lt;client .p12&gt; &lt;.p12 password&gt; &lt;CA PEM&gt;
 *
 * <p>Calls CreateBooking, GetBookingDetails of the new booking, and GetBookingDetails with a
 * RequestUserMetadata naming another organisation (refused), and prints one JSON document on stdout:
 * for each call either {"ok": {...}} or {"fault": {...}} read from the generated fault exception's
 * getFaultInfo(). Exits non-zero only when it cannot run at all.
 */
public final class BookingClient {
  private static final String CPR = "0101575001";
  private static final String UNKNOWN_BOOKING = "0f0f0f0f-0000-4000-8000-0000000000ff";

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: BookingClient <wsdl URL> <client .p12> <.p12 password> <CA PEM>");
      System.exit(2);
    }
    SSLContext tls = mutualTls(args[1], args[2].toCharArray(), args[3]);
    // The WSDL is read again at run time (its URL is the generated service's wsdlLocation) and the
    // calls go to its soap:address: both over this context.
    HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
    BookingService port = new BookingService_Service(new URL(args[0])).getBookingService();

    ActiveOrganisationHeaderType active = organisation(8, "75100");
    Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    BookingType booking = new BookingType();
    booking.setPersonCivilRegistrationIdentifier(CPR);
    InterviewTypeIdentifierType interviewType = new InterviewTypeIdentifierType();
    interviewType.setCodeListItemIdentifier(8);
    booking.setInterviewTypeIdentifier(interviewType);
    InterviewContactTypeIdentifierType meetingForm = new InterviewContactTypeIdentifierType();
    meetingForm.setCodeListItemIdentifier(2);
    booking.setInterviewContactTypeIdentifier(meetingForm);
    InterviewFormTypeIdentifierType groupType = new InterviewFormTypeIdentifierType();
    groupType.setCodeListItemIdentifier(1);
    booking.setInterviewFormTypeIdentifier(groupType);
    String sentStart = dotnetTime(start);
    booking.setBookingStartTime(DatatypeFactory.newInstance().newXMLGregorianCalendar(sentStart));
    booking.setBookingEndTime(
        DatatypeFactory.newInstance().newXMLGregorianCalendar(dotnetTime(start.plus(30, ChronoUnit.MINUTES))));
    booking.setMeetingOrganisation(organisation(8, "75100"));
    booking.setMeetingLocation("telefon");
    booking.setCompulsoryAttendance(true);
    booking.setSelfBooked(false);
    booking.setReBookingPossible(false);
    booking.setCancellationPossible(true);
    CreateBookingRequestType create = new CreateBookingRequestType();
    create.setBooking(booking);

    String createResult;
    String bookingId = null;
    try {
      CreateBookingResponseType created = port.createBooking(create, caseworker(8, "75100"), active);
      bookingId = created.getBookingIdentifier();
      createResult = "{\"ok\":{\"BookingIdentifier\":" + quoted(bookingId)
          + ",\"ServiceRequestLogReferenceIdentifier\":"
          + quoted(created.getServiceRequestLogReferenceIdentifier()) + "}}";
    } catch (dk.bm.service.pjaktass._1.bookingservice.FaultDetails fault) {
      createResult = fault(fault);
    }
    // Without a created booking, ask for a well-formed id nobody has: the answer says why it failed.
    String detailsId = bookingId != null ? bookingId : UNKNOWN_BOOKING;
    String details = getBookingDetails(port, detailsId, caseworker(8, "75100"), active);
    // A caseworker of an a-kasse (2/17) acting under jobcenter 8/75100: refused with 4413.
    String refused = getBookingDetails(port, detailsId, caseworker(2, "17"), active);

    System.out.println("{\"sentStart\":" + quoted(sentStart) + ",\"create\":" + createResult
        + ",\"details\":" + details + ",\"refused\":" + refused + "}");
  }

  private static String getBookingDetails(BookingService port, String id, RequestUserMetadataType user,
      ActiveOrganisationHeaderType active) {
    GetBookingDetailsRequestType request = new GetBookingDetailsRequestType();
    request.setBookingIdentifier(id);
    try {
      GetBookingDetailsResponseType response = port.getBookingDetails(request, user, active);
      BookingReadType b = response.getBooking();
      return "{\"ok\":{\"BookingIdentifier\":" + quoted(b.getBookingIdentifier())
          + ",\"PersonCivilRegistrationIdentifier\":" + quoted(b.getPersonCivilRegistrationIdentifier())
          + ",\"InterviewType\":" + b.getInterviewTypeIdentifier().getCodeListItemIdentifier()
          + ",\"InterviewContactType\":" + b.getInterviewContactTypeIdentifier().getCodeListItemIdentifier()
          + ",\"InterviewFormType\":" + b.getInterviewFormTypeIdentifier().getCodeListItemIdentifier()
          // The XMLGregorianCalendar JAXB read, in its lexical form: offset and every fraction digit.
          + ",\"BookingStartTime\":" + quoted(b.getBookingStartTime().toXMLFormat())
          + ",\"MeetingOrganisation\":" + organisationJson(b.getMeetingOrganisation())
          + ",\"MeetingLocation\":" + quoted(b.getMeetingLocation())
          + ",\"CompulsoryAttendance\":" + b.isCompulsoryAttendance()
          + ",\"ReBookingPossible\":" + b.isReBookingPossible()
          + ",\"CancellationPossible\":" + b.isCancellationPossible()
          + ",\"BookingStatus\":" + quoted(b.getBookingStatus().value())
          + ",\"BookingOriginator\":" + originatorJson(b.getBookingOriginator())
          + ",\"CreatedBy\":"
          + quoted(b.getCreatedByRequestUserMetadata().getRequestUserStructure().getUserFullName())
          + ",\"ServiceRequestLogReferenceIdentifier\":"
          + quoted(response.getServiceRequestLogReferenceIdentifier()) + "}}";
    } catch (dk.bm.service.pjaktass._1.bookingservice.FaultDetails fault) {
      return fault(fault);
    }
  }

  /** The typed fault: wsimport's exception for wsdl:fault "FaultDetails" carries the detail element. */
  private static String fault(dk.bm.service.pjaktass._1.bookingservice.FaultDetails fault) {
    dk.bm.service.xml.schemas._2011._01._12.FaultDetails info = fault.getFaultInfo();
    String typed = info == null ? "null"
        : "{\"ErrorCode\":" + info.getErrorCode() + ",\"Message\":" + quoted(text(info.getMessage()))
            + ",\"Source\":" + quoted(text(info.getSource())) + "}";
    return "{\"fault\":{\"exception\":" + quoted(fault.getClass().getName()) + ",\"faultstring\":"
        + quoted(fault.getMessage()) + ",\"typedDetail\":" + typed + "}}";
  }

  private static SSLContext mutualTls(String p12, char[] password, String caPem) throws Exception {
    KeyStore client = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(p12)) {
      client.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(client, password);
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = new FileInputStream(caPem)) {
      trusted.setCertificateEntry("dfdg-dev-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static ActiveOrganisationHeaderType organisation(int type, String code) {
    ActiveOrganisationHeaderType o = new ActiveOrganisationHeaderType();
    o.setOrganisationTypeIdentifier(type);
    o.setOrganisationCode(code);
    return o;
  }

  /** Caseworker Mette Hansen of the given organisation. */
  private static RequestUserMetadataType caseworker(int organisationType, String organisationCode)
      throws Exception {
    RequestUserTypeIdentifierType userType = new RequestUserTypeIdentifierType();
    userType.setCodeListItemIdentifier(2);
    RequestUserStructureType user = new RequestUserStructureType();
    user.setUserFullName("Mette Hansen");
    user.setRequestUserTypeIdentifier(userType);
    user.setUserIdentifier("CVR:12345678-RID:1234");
    OrganisationTypeIdentifierType type = new OrganisationTypeIdentifierType();
    type.setCodeListItemIdentifier(organisationType);
    RequestOrganisationStructureType organisation = new RequestOrganisationStructureType();
    organisation.setOrganisationTypeIdentifier(type);
    organisation.setOrganisationCode(organisationCode);
    RequestUserMetadataType metadata = new RequestUserMetadataType();
    metadata.setRequestUserStructure(user);
    metadata.setRequestOrganisationStructure(organisation);
    metadata.setRegistrationDateTime(dateTime(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    return metadata;
  }

  private static XMLGregorianCalendar dateTime(Instant instant) throws Exception {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    calendar.setTimeInMillis(instant.toEpochMilli());
    return DatatypeFactory.newInstance().newXMLGregorianCalendar(calendar);
  }

  /** A time as a .NET client writes it: wall-clock time at +01:00 with seven fraction digits. */
  private static String dotnetTime(Instant instant) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(instant.atOffset(ZoneOffset.ofHours(1)))
        + ".1234567+01:00";
  }

  private static String organisationJson(ActiveOrganisationHeaderType o) {
    return o == null ? "null"
        : "{\"OrganisationTypeIdentifier\":" + o.getOrganisationTypeIdentifier()
            + ",\"OrganisationCode\":" + quoted(o.getOrganisationCode()) + "}";
  }

  /** STAR's booking type: the originator's OrganisationCode is an int. */
  private static String originatorJson(BookingOriginatorType o) {
    return o == null ? "null"
        : "{\"OrganisationTypeIdentifier\":" + o.getOrganisationTypeIdentifier()
            + ",\"OrganisationCode\":" + o.getOrganisationCode() + "}";
  }

  private static String text(JAXBElement<String> element) {
    return element == null ? null : element.getValue();
  }

  private static String quoted(String text) {
    if (text == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  private BookingClient() {}
}
