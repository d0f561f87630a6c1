"""A Python vendor's client that signs its requests: zeep (Debian's python3-zeep) with WS-Security
(python3-xmlsec) against an emulator in identity mode wss.

Usage: zeep_wss_client.py <soapUrl> <certDir>

Connects over HTTPS WITHOUT a client certificate (the CA only), signs every request with the
certificate 8-75100 as a BinarySecurityToken (RSA-SHA256, SHA-256 digests, exclusive C14N) over the
Body, both DFDG headers and a wsu:Timestamp, calls BookingService.CreateBooking, GetBookingDetails
and CodelistService.GetInterviewTypes, then once with zeep's plain BinarySignature and its defaults
(no Timestamp, RSA-SHA1, Body only), which the emulator must refuse. Prints one JSON document on stdout; failures go to stderr.
"""

import datetime
import json
import os
import sys

AOH = "{http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/}ActiveOrganisationHeader"
RUM = "{http://service.bm.dk/RequestUserMetadata/2015/01/21/}RequestUserMetadataHeader"
DFDG_HEADER_NAMESPACES = {
    "http://rep.oio.dk/ams.dk/xml/schemas/2005/09/01/",
    "http://service.bm.dk/RequestUserMetadata/2015/01/21/",
}
FAULT_NS = "http://service.bm.dk/xml/schemas/2011/01/12/"
CPR = "0101575001"


def dfdg_signature_class():
    """zeep's BinarySignature signs the Body, and a Timestamp only if one is there; DFDG's emulator
    also wants a Timestamp and every DFDG header block signed. So this subclass adds the Timestamp
    and signs the header blocks too, as zeep's own _signature_prepare does for Body and Timestamp."""
    import xmlsec
    from lxml import etree
    from zeep import ns
    from zeep.utils import detect_soap_env
    from zeep.wsse import signature as zs
    from zeep.wsse.utils import WSU, ensure_id, get_security_header, get_timestamp

    class DfdgBinarySignature(zs.BinarySignature):
        def apply(self, envelope, headers):
            soap_env = detect_soap_env(envelope)
            security = get_security_header(envelope)
            now = datetime.datetime.utcnow()
            security.append(
                WSU.Timestamp(
                    WSU.Created(get_timestamp(now, zulu_timestamp=True)),
                    WSU.Expires(get_timestamp(now + datetime.timedelta(minutes=5), zulu_timestamp=True)),
                )
            )
            key = zs._make_sign_key(self.key_data, self.cert_data, self.password)
            signature = xmlsec.template.create(envelope, xmlsec.Transform.EXCL_C14N, self.signature_method)
            key_info = xmlsec.template.ensure_key_info(signature)
            x509_data = xmlsec.template.add_x509_data(key_info)
            xmlsec.template.x509_data_add_certificate(x509_data)
            security.insert(0, signature)

            ctx = xmlsec.SignatureContext()
            ctx.key = key
            header = envelope.find(etree.QName(soap_env, "Header"))
            targets = [envelope.find(etree.QName(soap_env, "Body"))]
            targets += [h for h in header if etree.QName(h).namespace in DFDG_HEADER_NAMESPACES]
            targets.append(security.find(etree.QName(ns.WSU, "Timestamp")))
            for target in targets:
                zs._sign_node(ctx, signature, target, self.digest_method)
            ctx.sign(signature)

            # As zeep's BinarySignature: the certificate moves into a BinarySecurityToken that
            # KeyInfo references through a SecurityTokenReference.
            token_ref = etree.SubElement(key_info, etree.QName(ns.WSSE, "SecurityTokenReference"))
            x509v3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
            reference = etree.SubElement(token_ref, etree.QName(ns.WSSE, "Reference"), {"ValueType": x509v3})
            token = etree.Element(
                etree.QName(ns.WSSE, "BinarySecurityToken"),
                {
                    "ValueType": x509v3,
                    "EncodingType": "http://docs.oasis-open.org/wss/2004/01/"
                    "oasis-200401-wss-soap-message-security-1.0#Base64Binary",
                },
            )
            reference.attrib["URI"] = "#" + ensure_id(token)
            token.text = x509_data.find(etree.QName(ns.DS, "X509Certificate")).text
            security.insert(1, token)
            key_info.remove(x509_data)
            return envelope, headers

        def verify(self, envelope):
            # The emulator signs no responses (its identity is the TLS server certificate).
            return envelope

    return DfdgBinarySignature


class Unsigned:
    """zeep verifies responses with its wsse plugin; the emulator's responses are not signed."""

    def __init__(self, inner):
        self.inner = inner

    def apply(self, envelope, headers):
        return self.inner.apply(envelope, headers)

    def verify(self, envelope):
        return envelope


def fault_details(fault):
    detail = fault.detail
    found = detail.find("{%s}FaultDetails" % FAULT_NS) if detail is not None else None
    text = lambda name: found.findtext("{%s}%s" % (FAULT_NS, name)) if found is not None else None
    code = text("ErrorCode")
    return {
        "faultstring": fault.message,
        "ErrorCode": int(code) if code is not None else None,
        "Source": text("Source"),
        "InnerException": text("InnerException"),
    }


def main(soap_url, cert_dir):
    import requests
    import xmlsec
    import zeep
    from zeep.exceptions import Fault
    from zeep.helpers import serialize_object
    from zeep.transports import Transport
    from zeep.wsse.signature import BinarySignature

    session = requests.Session()
    # Without this, REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the environment override
    # session.verify (requests issue #3829), and proxy variables could catch localhost.
    session.trust_env = False
    session.verify = os.path.join(cert_dir, "ca.pem")  # no session.cert: no TLS client certificate
    transport = Transport(session=session, timeout=20, operation_timeout=20)
    key_file = os.path.join(cert_dir, "clients", "8-75100.key")
    cert_file = os.path.join(cert_dir, "clients", "8-75100.pem")
    signed = dfdg_signature_class()(
        key_file,
        cert_file,
        signature_method=xmlsec.Transform.RSA_SHA256,
        digest_method=xmlsec.Transform.SHA256,
    )

    out = {"zeep": zeep.__version__, "xmlsec": xmlsec.__version__}
    booking = zeep.Client(f"{soap_url}/BookingService?wsdl", transport=transport, wsse=signed)
    headers = [
        booking.get_element(RUM)(
            RequestUserStructure={
                "UserFullName": "Mette Hansen",
                "RequestUserTypeIdentifier": {"CodeListItemIdentifier": 2},
                "UserIdentifier": "CVR:12345678-RID:1234",
            },
            RequestOrganisationStructure={
                "OrganisationTypeIdentifier": {"CodeListItemIdentifier": 8},
                "OrganisationCode": "75100",
            },
            RegistrationDateTime=datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0),
        ),
        booking.get_element(AOH)(OrganisationTypeIdentifier=8, OrganisationCode="75100"),
    ]
    start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=7)).replace(microsecond=0)
    booking_fields = {
        "PersonCivilRegistrationIdentifier": CPR,
        "InterviewTypeIdentifier": {"CodeListItemIdentifier": 8},
        "InterviewContactTypeIdentifier": {"CodeListItemIdentifier": 1},
        "InterviewFormTypeIdentifier": {"CodeListItemIdentifier": 1},
        "BookingStartTime": start,
        "BookingEndTime": start + datetime.timedelta(minutes=30),
        "MeetingOrganisation": {"OrganisationTypeIdentifier": 8, "OrganisationCode": "75100"},
        "CompulsoryAttendance": True,
        "SelfBooked": False,
        "ReBookingPossible": False,
        "CancellationPossible": True,
    }
    created = booking.service.CreateBooking(Booking=booking_fields, _soapheaders=headers)
    out["create"] = serialize_object(created)
    details = booking.service.GetBookingDetails(BookingIdentifier=created.BookingIdentifier, _soapheaders=headers)
    out["details"] = serialize_object(details)

    codelist = zeep.Client(f"{soap_url}/CodelistService?wsdl", transport=transport, wsse=signed)
    out["interviewTypeCount"] = len(codelist.service.GetInterviewTypes().InterviewType)

    # zeep's own BinarySignature with its defaults: no Timestamp, RSA-SHA1, SHA-1 digests, Body only.
    defaults = zeep.Client(
        f"{soap_url}/BookingService?wsdl", transport=transport, wsse=Unsigned(BinarySignature(key_file, cert_file))
    )
    try:
        defaults.service.CreateBooking(Booking=booking_fields, _soapheaders=headers)
        out["zeepDefaults"] = {"fault": None}
    except Fault as fault:
        out["zeepDefaults"] = {"fault": fault_details(fault)}

    json.dump(out, sys.stdout, default=str, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
