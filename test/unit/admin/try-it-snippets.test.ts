import { execFileSync } from 'node:child_process';
import { curlSnippet, zeepSnippet, type SnippetTarget } from '../../../src/admin/handlers/try-it-snippets';

/**
 * The copy-as text must survive the shell and Python whatever a caller wrote: a quote in a header, a
 * body line equal to the heredoc's delimiter, backslashes and non-ASCII. The curl text is run by bash
 * with a stand-in curl that prints the arguments and the body it was given.
 */
const target: SnippetTarget = {
  baseUrl: 'https://localhost:8443',
  service: 'Kontaktforloeb.IndkaldelseService',
  operation: 'CreateIndkaldelse',
  caPath: "/certs/o'brien/ca.pem",
  certificate: {
    name: '8-75100',
    certificatePath: '/certs/clients/8-75100.pem',
    privateKeyPath: '/certs/clients/8-75100.key',
    pkcs12Path: null,
  },
};

const runWithStandInCurl = (snippet: string): string =>
  execFileSync('bash', ['-c', `curl() { printf '<%s>\\n' "$@"; cat; }\n${snippet}`], { encoding: 'utf8' });

it('When a request has quotes, $ and the delimiter in it, then curl gets every header and the body byte for byte', () => {
  const body = '{\n  "navn": "O\'Brien $HOME `x` \\\\ Ærø"\n}\nDFDG_REQUEST\n';
  const out = runWithStandInCurl(
    curlSnippet(
      {
        method: 'POST',
        path: '/v2/Indkaldelse/1',
        headers: { 'X-RequestUserMetadata': '{"userFullName":"Sinéad O\'Brien"}', 'x-requestId': 'a$b' },
        body,
      },
      target,
    ),
  );
  expect(out).toContain("<--cacert>\n</certs/o'brien/ca.pem>\n");
  expect(out).toContain('<-H>\n<X-RequestUserMetadata: {"userFullName":"Sinéad O\'Brien"}>\n');
  expect(out).toContain('<-H>\n<x-requestId: a$b>\n');
  expect(out.endsWith(`<--data-binary>\n<@->\n${body}`)).toBe(true);
});

it('When a request has no body, then curl is given no data to send', () => {
  const out = runWithStandInCurl(
    curlSnippet({ method: 'GET', path: '/v2/Indkaldelse', headers: {}, body: '' }, target),
  );
  expect(out).not.toContain('--data-binary');
  expect(out).toContain('<https://localhost:8443/v2/Indkaldelse>');
});

it('When a SOAP call has booleans and code lists, then zeep gets Python values of the WSDL types', () => {
  const envelope =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>' +
    '<aoh:ActiveOrganisationHeader xmlns:aoh="urn:aoh"><aoh:OrganisationCode>75100</aoh:OrganisationCode></aoh:ActiveOrganisationHeader>' +
    '</soap:Header><soap:Body><s:CreateBookingRequest xmlns:s="urn:s"><s:Booking><s:SelfBooked>false</s:SelfBooked>' +
    "<s:CaseworkerName>Mette O'Hansen</s:CaseworkerName><s:Type><s:Id>7</s:Id></s:Type></s:Booking></s:CreateBookingRequest></soap:Body></soap:Envelope>";
  const zeep = zeepSnippet(
    { method: 'POST', path: '/BookingService', headers: { SOAPAction: '"x"' }, body: envelope },
    { ...target, service: 'BookingService', operation: 'CreateBooking' },
  );
  expect(zeep).toContain("client.get_element('{urn:aoh}ActiveOrganisationHeader')");
  expect(zeep).toContain("'SelfBooked': False,");
  expect(zeep).toContain("'CaseworkerName': 'Mette O\\'Hansen',");
  expect(zeep).toContain("'Type': {\n");
  expect(zeep).toContain('client.service.CreateBooking(');
  // Python itself reads it: every string closed, every quote escaped.
  expect(() =>
    execFileSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: zeep }),
  ).not.toThrow();
});
