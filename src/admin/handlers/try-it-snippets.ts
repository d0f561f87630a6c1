import { DOMParser } from '@xmldom/xmldom';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_PKCS12_PASSWORD } from '../../pki/issue-certificate';
import { SOAP_ENV_NS } from '../../soap/contracts';
import type { TryItRequest } from './try-it-request';

/**
 * A call as text a vendor pastes into their own tools: a curl command, a Python zeep client and a
 * C# WCF client, each with this installation's URL and the certificate's files in the cert folder.
 */
export interface SnippetTarget {
  /** https://host:port of the SOAP port. */
  readonly baseUrl: string;
  readonly service: string;
  readonly operation: string | null;
  readonly caPath: string;
  readonly certificate: {
    readonly name: string;
    readonly certificatePath: string;
    readonly privateKeyPath: string;
    readonly pkcs12Path: string | null;
  };
}

export interface Snippets {
  readonly curl: string;
  readonly zeep: string;
  readonly csharp: string;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A heredoc delimiter the body does not contain as a line of its own. */
const delimiterFor = (body: string): string => {
  let delimiter = 'DFDG_REQUEST';
  while (body.split('\n').includes(delimiter)) delimiter += '_';
  return delimiter;
};

export const curlSnippet = (req: TryItRequest, t: SnippetTarget): string => {
  const lines = [
    `curl --silent --show-error -X ${req.method} ${shellQuote(`${t.baseUrl}${req.path}`)}`,
    `  --cacert ${shellQuote(t.caPath)}`,
    `  --cert ${shellQuote(t.certificate.certificatePath)} --key ${shellQuote(t.certificate.privateKeyPath)}`,
    ...Object.entries(req.headers).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`),
  ];
  if (req.body === '') return `${lines.join(' \\\n')}\n`;
  const delimiter = delimiterFor(req.body);
  // The body from a quoted heredoc: sent byte for byte, nothing in it expanded by the shell.
  lines.push(`  --data-binary @- <<'${delimiter}'`);
  return `${lines.join(' \\\n')}\n${req.body.replace(/\n$/, '')}\n${delimiter}\n`;
};

// ---- Python ----

const pyString = (text: string): string =>
  `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;

type PyValue = string | boolean | { readonly [name: string]: PyValue } | readonly PyValue[];

const isPyList = (value: PyValue): value is readonly PyValue[] => Array.isArray(value);

const pyLiteral = (value: PyValue, depth: number): string => {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return pyString(value);
  const pad = '    '.repeat(depth + 1);
  const close = '    '.repeat(depth);
  if (isPyList(value))
    return `[\n${value.map((v) => `${pad}${pyLiteral(v, depth + 1)},`).join('\n')}\n${close}]`;
  const entries = Object.entries(value as Record<string, PyValue>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${pad}${pyString(k)}: ${pyLiteral(v, depth + 1)},`).join('\n')}\n${close}}`;
};

interface XmlElement {
  readonly namespaceURI: string | null;
  readonly localName: string | null;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<XmlElement & { readonly nodeType: number }>;
}

const elementChildren = (e: XmlElement): XmlElement[] =>
  Array.from(e.childNodes).filter((n) => n.nodeType === 1);

/** An element as zeep takes it: nested elements as dicts (repeated ones as lists), booleans as bools. */
const pyValueOf = (e: XmlElement): PyValue => {
  const children = elementChildren(e);
  if (children.length === 0) {
    const text = (e.textContent ?? '').trim();
    return text === 'true' ? true : text === 'false' ? false : text;
  }
  const out: Record<string, PyValue> = {};
  for (const c of children) {
    const name = c.localName ?? '';
    const value = pyValueOf(c);
    const seen = out[name];
    out[name] =
      seen === undefined ? value : Array.isArray(seen) ? [...(seen as PyValue[]), value] : [seen, value];
  }
  return out;
};

/** The envelope's header blocks and request element, or null when it is not a SOAP 1.1 envelope. */
const envelopeParts = (xml: string): { headers: XmlElement[]; request: XmlElement } | null => {
  let root: XmlElement | null = null;
  try {
    root = new DOMParser({ errorHandler: () => undefined }).parseFromString(xml, 'text/xml')
      .documentElement as unknown as XmlElement | null;
  } catch {
    return null;
  }
  if (!root || root.namespaceURI !== SOAP_ENV_NS) return null;
  const part = (name: string): XmlElement | undefined =>
    elementChildren(root).find((c) => c.namespaceURI === SOAP_ENV_NS && c.localName === name);
  const request = part('Body') && elementChildren(part('Body') as XmlElement)[0];
  if (!request) return null;
  return { headers: part('Header') ? elementChildren(part('Header') as XmlElement) : [], request };
};

const pySession = (t: SnippetTarget): string[] => [
  'import requests',
  '',
  'session = requests.Session()',
  'session.trust_env = False  # no proxy or CA bundle from the environment',
  `session.cert = (${pyString(t.certificate.certificatePath)}, ${pyString(t.certificate.privateKeyPath)})`,
  `session.verify = ${pyString(t.caPath)}`,
];

export const zeepSnippet = (req: TryItRequest, t: SnippetTarget): string => {
  const parts = req.method === 'POST' && t.operation ? envelopeParts(req.body) : null;
  if (!parts) {
    // REST (or no envelope): the same session, with requests alone.
    return [
      `# ${t.service} ${t.operation ?? ''}: zeep speaks SOAP; this call is plain HTTPS`,
      ...pySession(t),
      `response = session.request(${pyString(req.method)}, ${pyString(`${t.baseUrl}${req.path}`)},`,
      `    headers=${pyLiteral(req.headers, 1)},`,
      `    data=${pyString(req.body)}.encode('utf-8'),`,
      ')',
      'print(response.status_code, response.headers.get("X-ServiceRequestLogReferenceIdentifier"))',
      'print(response.text)',
      '',
    ].join('\n');
  }
  const headers = parts.headers.map(
    (h) =>
      `    client.get_element(${pyString(`{${h.namespaceURI ?? ''}}${h.localName ?? ''}`)})(**${pyLiteral(pyValueOf(h), 1)}),`,
  );
  const args = pyValueOf(parts.request);
  return [
    '# pip install zeep (or apt install python3-zeep)',
    'import zeep',
    'from zeep.transports import Transport',
    ...pySession(t),
    '',
    `client = zeep.Client(${pyString(`${t.baseUrl}/${t.service}?wsdl`)}, transport=Transport(session=session))`,
    `headers = [\n${headers.join('\n')}\n]`,
    `response = client.service.${t.operation}(`,
    `    **${pyLiteral(typeof args === 'object' && !Array.isArray(args) ? args : {}, 1)},`,
    '    _soapheaders=headers,',
    ')',
    'print(response)',
    '',
  ].join('\n');
};

// ---- C# (WCF) ----

/** The certificate's SHA-1 thumbprint, as Windows' certificate store and WCF's findValue name it. */
const thumbprintOf = (certificatePath: string): string => {
  try {
    return new X509Certificate(readFileSync(certificatePath, 'utf8')).fingerprint.replace(/:/g, '');
  } catch {
    return '<thumbprint of the certificate>';
  }
};

const xmlAttr = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const csString = (text: string): string => `@"${text.replace(/"/g, '""')}"`;

/** A REST call from C#: HttpClient with the .p12 as its client certificate (WCF is for SOAP). */
const csharpHttpClient = (req: TryItRequest, t: SnippetTarget, p12: string): string =>
  [
    'using System.Net.Http;',
    'using System.Security.Cryptography.X509Certificates;',
    '',
    'var handler = new HttpClientHandler();',
    `handler.ClientCertificates.Add(new X509Certificate2(${csString(p12)}, "${DEFAULT_PKCS12_PASSWORD}"));`,
    "// The emulator's CA: trust ca.pem in the machine store, or check it here.",
    'using var http = new HttpClient(handler);',
    `var request = new HttpRequestMessage(new HttpMethod("${req.method}"), ${csString(`${t.baseUrl}${req.path}`)});`,
    ...Object.entries(req.headers)
      .filter(([name]) => name.toLowerCase() !== 'content-type')
      .map(
        ([name, value]) => `request.Headers.TryAddWithoutValidation(${csString(name)}, ${csString(value)});`,
      ),
    ...(req.body === ''
      ? []
      : [
          `request.Content = new StringContent(${csString(req.body)}, System.Text.Encoding.UTF8, "application/json");`,
        ]),
    'var response = await http.SendAsync(request);',
    'System.Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");',
    '',
  ].join('\n');

export const csharpSnippet = (req: TryItRequest, t: SnippetTarget): string => {
  const url = `${t.baseUrl}${req.path}`;
  const p12 = t.certificate.pkcs12Path ?? `${t.certificate.name}.p12`;
  if (!req.headers.SOAPAction) return csharpHttpClient(req, t, p12);
  const soapAction = (req.headers.SOAPAction ?? '').replace(/^"|"$/g, '');
  return [
    '<!-- app.config: the endpoint over HTTPS with the client certificate (import the .p12 into',
    `     CurrentUser\\My first: certutil -user -p ${DEFAULT_PKCS12_PASSWORD} -importPFX "${p12}") -->`,
    '<system.serviceModel>',
    '  <bindings>',
    '    <basicHttpBinding>',
    '      <binding name="dfdg" maxReceivedMessageSize="10485760">',
    '        <security mode="Transport"><transport clientCredentialType="Certificate" /></security>',
    '      </binding>',
    '    </basicHttpBinding>',
    '  </bindings>',
    '  <behaviors>',
    '    <endpointBehaviors>',
    '      <behavior name="dfdgCertificate">',
    '        <clientCredentials>',
    `          <clientCertificate findValue="${thumbprintOf(t.certificate.certificatePath)}" x509FindType="FindByThumbprint"`,
    '                             storeLocation="CurrentUser" storeName="My" />',
    '        </clientCredentials>',
    '      </behavior>',
    '    </endpointBehaviors>',
    '  </behaviors>',
    '  <client>',
    `    <endpoint name="${xmlAttr(t.service)}" address="${xmlAttr(url)}" binding="basicHttpBinding"`,
    `              bindingConfiguration="dfdg" behaviorConfiguration="dfdgCertificate" contract="${xmlAttr(t.service)}.I${xmlAttr(t.service)}" />`,
    '  </client>',
    '</system.serviceModel>',
    '',
    `// C#: the exact request of this call through that endpoint (the client generated with`,
    `// dotnet-svcutil ${t.baseUrl}/${t.service}?wsdl offers typed methods for the same).`,
    'using System.ServiceModel;',
    'using System.ServiceModel.Channels;',
    'using System.Xml;',
    '',
    '[ServiceContract] public interface IRawSoap {',
    '  [OperationContract(Action = "*", ReplyAction = "*")] Message Send(Message request);',
    '}',
    '',
    `var factory = new ChannelFactory<IRawSoap>(${csString(t.service)});`,
    'var channel = factory.CreateChannel();',
    `var envelope = ${csString(req.body)};`,
    'using var reader = XmlReader.Create(new System.IO.StringReader(envelope));',
    'var request = Message.CreateMessage(reader, int.MaxValue, MessageVersion.Soap11);',
    `request.Headers.Action = ${csString(soapAction)};`,
    'var response = channel.Send(request);',
    'System.Console.WriteLine(response.ToString());',
    '',
  ].join('\n');
};

export const snippetsOf = (req: TryItRequest, t: SnippetTarget): Snippets => ({
  curl: curlSnippet(req, t),
  zeep: zeepSnippet(req, t),
  csharp: csharpSnippet(req, t),
});
