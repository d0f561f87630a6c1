import { relative } from 'node:path';
import { DEFAULTS, OPTIONS, type Config } from '../config';
import { PROJECT_ROOT } from '../project-root';
import type { ParsedCommand } from './parse-command';

const USAGE = `dfdg-emulator: a local emulator of STAR's DFDG SOAP services (mutual TLS, SQLite)

Usage:
  dfdg-emulator [start] [options]     serve the SOAP services and the admin API (the default command)
  dfdg-emulator certs issue --org TYPE:CODE [--org TYPE:CODE ...] --name NAME [--replace] [--cert-dir DIR] [--db FILE] [--json]
  dfdg-emulator certs issue --server HOST [--server HOST ...] [--cert-dir DIR] [--json]
  dfdg-emulator fixtures load FILE [--db FILE] [--cert-dir DIR] [--fixtures DIR]
  dfdg-emulator sign --cert FILE --key FILE REQUEST.xml   sign a request for --identity-mode wss
  dfdg-emulator receive [--port 9443] [--host 127.0.0.1] [--status 200]   a push-message endpoint to try subscriptions
  dfdg-emulator <command> --help      help on one command
  dfdg-emulator --version
`;

const shown = (value: Config[keyof Config]): string => {
  if (value === null) return 'none';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && value.startsWith(PROJECT_ROOT)) return relative(PROJECT_ROOT, value);
  return String(value);
};

const startHelp = (): string => {
  const rows = OPTIONS.map((o) => ({
    left: `${o.flag} (${o.env})`,
    right: `${o.doc}; default ${shown(DEFAULTS[o.key])}`,
  }));
  const width = Math.max(...rows.map((r) => r.left.length));
  return `Usage: dfdg-emulator start [options]

Serves the SOAP services over mutual TLS and the admin API and dashboard over HTTP. On the first
start it creates the dev CA and certificates (--cert-dir) and the database (--db) with the fixtures.
Flags win over environment variables, which win over the defaults. Stop with Ctrl-C (SIGINT) or SIGTERM.

Options:
${rows.map((r) => `  ${r.left.padEnd(width)}  ${r.right}`).join('\n')}
`;
};

const CERTS_ISSUE = `Usage: dfdg-emulator certs issue --org TYPE:CODE [--org TYPE:CODE ...] --name NAME [options]

Issues a client certificate from the dev CA, writes <cert-dir>/clients/NAME.pem, .key and .p12
(password changeit), and registers it in the database for the organisations, so a running emulator
on that database lets it in at once. POST /admin/reset keeps the registration (unless called with
?certificates=forget). A name already in use (registered, or with files) is refused unless --replace
is given; the certificate issued before under that name is then no longer let in.

Options:
  --org TYPE:CODE   an organisation the certificate may act for, e.g. 8:75100 (repeatable, at least one)
  --name NAME       the certificate's name: its CN, file name and WSRM ClientSystemIdentifier
  --cert-dir DIR    folder of the dev CA (DFDG_CERT_DIR; default certs); created if absent
  --db FILE         the database to register in (DFDG_DB; default data/dfdg.sqlite)
  --replace         issue anew under a name in use, overwriting its files and dropping its registration
  --json            print the result as JSON (name, fingerprint, subject, organisations, files)

With --server HOST (repeatable) instead of --org and --name, it issues a server certificate for those
host names or IP addresses from the dev CA, written to <cert-dir>/servers/HOST.pem and .key: for a
push-message endpoint of your own, which the emulator then trusts (PUT /admin/subscriptions/{name}).
`;

const FIXTURES_LOAD = `Usage: dfdg-emulator fixtures load FILE [options]

Loads a JSON file into the database: an object with any of "organisations", "certificates",
"citizens" and "bookings", each an array in the form of the files in fixtures/ (dates may be relative:
"+14d", "+7d 10:00"). Citizens and organisations are replaced, bookings added, certificates issued
if their files are missing and registered. A new database gets the default fixtures first.

Options:
  --db FILE         the database (DFDG_DB; default data/dfdg.sqlite)
  --cert-dir DIR    folder of the dev CA and client certificates (DFDG_CERT_DIR; default certs)
  --fixtures DIR    the default fixtures for a new database (DFDG_FIXTURES; default fixtures)
`;

const SIGN = `Usage: dfdg-emulator sign --cert FILE --key FILE REQUEST.xml

Prints REQUEST.xml (a SOAP 1.1 envelope; "-" reads standard input) signed as the WS-Security
channel expects it: a wsse:Security header with the certificate as BinarySecurityToken, a
wsu:Timestamp (valid 5 minutes), and an RSA-SHA256 signature (exclusive C14N) over the Body, the
DFDG headers and the Timestamp. For trying --identity-mode wss by hand:

  dfdg-emulator sign --cert certs/clients/8-75100.pem --key certs/clients/8-75100.key req.xml |
    curl --cacert certs/ca.pem -H 'Content-Type: text/xml' --data-binary @- https://localhost:8443/BookingService
`;

const RECEIVE = `Usage: dfdg-emulator receive [--port 9443] [--host 127.0.0.1] [--status 200] [--cert-dir DIR]

Starts an HTTPS endpoint that receives push messages as a subscriber's must (mutual TLS, a server
certificate from the dev CA, client certificates from the dev CA), printing each message it gets on
stdout. Subscribe an organisation to it with PUT /admin/subscriptions/{name} and make a booking; the
emulator posts with certs/star/sys-org-star-test.pem. --status answers with another HTTP status, to
watch the retries in GET /admin/deliveries. Stop with Ctrl-C.
`;

/** The help text for `dfdg-emulator [topic] --help`. */
export const helpText = (topic: Extract<ParsedCommand, { kind: 'help' }>['topic']): string => {
  switch (topic) {
    case 'start':
      return startHelp();
    case 'certs issue':
    case 'certs':
      return CERTS_ISSUE;
    case 'fixtures load':
    case 'fixtures':
      return FIXTURES_LOAD;
    case 'sign':
      return SIGN;
    case 'receive':
      return RECEIVE;
    case null:
      return USAGE;
  }
};
