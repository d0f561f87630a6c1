<?php
/*
 * A PHP vendor's client: SoapClient (php-soap) in WSDL mode on the served BookingService WSDL, with
 * its default options, over mutual TLS through a stream context (local_cert, local_pk, cafile).
 *
 * Usage: php booking_client.php <wsdl URL> <client certificate PEM> <client key PEM> <CA PEM>
 *
 * Sets both DFDG headers with __setSoapHeaders, calls CreateBooking, GetBookingDetails of the new
 * booking, and GetBookingDetails with a RequestUserMetadata naming another organisation (refused),
 * and prints one JSON document on stdout: for each call either {"ok": {...}} or {"fault": {...}} read
 * from SoapFault->detail. Exits non-zero only when it cannot run at all.
 */

const AOH_NS = 'http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/';
const RUM_NS = 'http://service.bm.dk/RequestUserMetadata/2015/01/21/';
const CPR = '0101575001';
const UNKNOWN_BOOKING = '0f0f0f0f-0000-4000-8000-0000000000ff';

if ($argc !== 5) {
    fwrite(STDERR, "usage: php booking_client.php <wsdl URL> <client certificate PEM> <client key PEM> <CA PEM>\n");
    exit(2);
}
[, $wsdl, $certificate, $key, $ca] = $argv;

$context = stream_context_create([
    'ssl' => [
        'local_cert' => $certificate,
        'local_pk' => $key,
        'cafile' => $ca,
        'verify_peer' => true,
        'verify_peer_name' => true,
    ],
]);
$client = new SoapClient($wsdl, ['stream_context' => $context]);

/** Both DFDG headers: ActiveOrganisation 8/75100, caseworker Mette Hansen of the given organisation. */
function headers(int $organisationType, string $organisationCode): array
{
    return [
        new SoapHeader(AOH_NS, 'ActiveOrganisationHeader', [
            'OrganisationTypeIdentifier' => 8,
            'OrganisationCode' => '75100',
        ]),
        new SoapHeader(RUM_NS, 'RequestUserMetadataHeader', [
            'RequestUserStructure' => [
                'UserFullName' => 'Mette Hansen',
                'RequestUserTypeIdentifier' => ['CodeListItemIdentifier' => 2],
                'UserIdentifier' => 'CVR:12345678-RID:1234',
            ],
            'RequestOrganisationStructure' => [
                'OrganisationTypeIdentifier' => ['CodeListItemIdentifier' => $organisationType],
                'OrganisationCode' => $organisationCode,
            ],
            'RegistrationDateTime' => gmdate('Y-m-d\TH:i:s\Z'),
        ]),
    ];
}

/** SoapFault->detail: SoapClient decodes the FaultDetails element there (as strings, not by its WSDL type). */
function fault(SoapFault $fault): array
{
    $details = $fault->detail->FaultDetails ?? null;
    return ['fault' => [
        'faultcode' => $fault->faultcode,
        'faultstring' => $fault->faultstring,
        'detail' => $details === null ? null : [
            'ErrorCode' => $details->ErrorCode ?? null,
            'Message' => $details->Message ?? null,
            'Source' => $details->Source ?? null,
        ],
    ]];
}

function organisation(object $o): array
{
    return ['OrganisationTypeIdentifier' => $o->OrganisationTypeIdentifier, 'OrganisationCode' => $o->OrganisationCode];
}

function getBookingDetails(SoapClient $client, string $id): array
{
    try {
        $response = $client->GetBookingDetails(['BookingIdentifier' => $id]);
    } catch (SoapFault $f) {
        return fault($f);
    }
    $b = $response->Booking;
    return ['ok' => [
        'BookingIdentifier' => $b->BookingIdentifier,
        'PersonCivilRegistrationIdentifier' => $b->PersonCivilRegistrationIdentifier,
        'InterviewType' => $b->InterviewTypeIdentifier->CodeListItemIdentifier,
        'InterviewContactType' => $b->InterviewContactTypeIdentifier->CodeListItemIdentifier,
        'InterviewFormType' => $b->InterviewFormTypeIdentifier->CodeListItemIdentifier,
        // SoapClient hands an xs:dateTime over as the text on the wire.
        'BookingStartTime' => $b->BookingStartTime,
        'MeetingOrganisation' => organisation($b->MeetingOrganisation),
        'MeetingLocation' => $b->MeetingLocation ?? null,
        'CompulsoryAttendance' => $b->CompulsoryAttendance,
        'ReBookingPossible' => $b->ReBookingPossible,
        'CancellationPossible' => $b->CancellationPossible,
        'BookingStatus' => $b->BookingStatus,
        // Its OrganisationCode is an xs:int (STAR's booking type): SoapClient reads it as a PHP int.
        'BookingOriginator' => organisation($b->BookingOriginator),
        'CreatedBy' => $b->CreatedByRequestUserMetadata->RequestUserStructure->UserFullName,
        'ServiceRequestLogReferenceIdentifier' => $response->ServiceRequestLogReferenceIdentifier,
    ]];
}

$start = time() + 7 * 24 * 3600;
/** A time as a .NET client writes it: wall-clock time at +01:00, seven fraction digits. */
function dotnetTime(int $t): string
{
    return gmdate('Y-m-d\TH:i:s', $t + 3600) . '.1234567+01:00';
}
$out = ['sentStart' => dotnetTime($start)];
$client->__setSoapHeaders(headers(8, '75100'));
$bookingId = null;
try {
    $created = $client->CreateBooking(['Booking' => [
        'PersonCivilRegistrationIdentifier' => CPR,
        'InterviewTypeIdentifier' => ['CodeListItemIdentifier' => 8],
        'InterviewContactTypeIdentifier' => ['CodeListItemIdentifier' => 2],
        'InterviewFormTypeIdentifier' => ['CodeListItemIdentifier' => 1],
        'BookingStartTime' => dotnetTime($start),
        'BookingEndTime' => dotnetTime($start + 30 * 60),
        'MeetingOrganisation' => ['OrganisationTypeIdentifier' => 8, 'OrganisationCode' => '75100'],
        'MeetingLocation' => 'telefon',
        'CompulsoryAttendance' => true,
        'SelfBooked' => false,
        'ReBookingPossible' => false,
        'CancellationPossible' => true,
    ]]);
    $bookingId = $created->BookingIdentifier;
    $out['create'] = ['ok' => [
        'BookingIdentifier' => $created->BookingIdentifier,
        'ServiceRequestLogReferenceIdentifier' => $created->ServiceRequestLogReferenceIdentifier,
    ]];
} catch (SoapFault $f) {
    $out['create'] = fault($f);
}
// Without a created booking, ask for a well-formed id nobody has: the answer says why it failed.
$detailsId = $bookingId ?? UNKNOWN_BOOKING;
$out['details'] = getBookingDetails($client, $detailsId);
// A caseworker of an a-kasse (2/17) acting under jobcenter 8/75100: refused with 4413.
$client->__setSoapHeaders(headers(2, '17'));
$out['refused'] = getBookingDetails($client, $detailsId);

echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR), "\n";
