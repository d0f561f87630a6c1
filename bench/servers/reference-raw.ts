import { createServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { readReferenceConfig, serverTlsOptions } from '../lib/reference-config';

/**
 * Reference (b), the floor of the transport: node's https over the same mutual TLS, reading the
 * whole request and answering the canned SOAP response of its SOAPAction. No XML is even looked at.
 */
const { port, config } = readReferenceConfig(process.argv.slice(2));
const answers = new Map(Object.entries(config.canned).map(([action, xml]) => [action, Buffer.from(xml)]));

const server = createServer(serverTlsOptions(config.tls), (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const action = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
    const answer = answers.get(action);
    if (!(req.socket as TLSSocket).authorized || !answer) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('no canned answer or no client certificate');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': answer.length });
    res.end(answer);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
