import { readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { Server } from 'node:https';
import { join } from 'node:path';
import type { Config } from './config';
import { configuredClock, type ControllableClock } from './domain/clock';
import { adminUrlOf, startAdminServer } from './admin/admin-server';
import { ensureDevCertificates, type DevCertificates } from './pki/dev-certificates';
import { PushWorker } from './push/push-worker';
import { identityPolicy } from './security/identity-policy';
import { bookingServiceHandlers } from './services/booking.soap';
import type { OperationHandler } from './services/call-context';
import { codelistServiceHandlers } from './services/codelist.soap';
import { externalBookingServiceHandlers } from './services/external-booking.soap';
import { personStatusServiceHandlers } from './services/person-status.soap';
import { wsrmServiceHandlers } from './services/wsrm.soap';
import { schemaImportsOf, SERVICE_CONTRACTS, type ServiceName } from './soap/contracts';
import { loadLibxml } from './soap/libxml';
import { hostService } from './soap/soap-host';
import { soapFace } from './soap/soap-face';
import { restFace } from './rest/rest-face';
import { createSchemaValidator, type SchemaValidator } from './soap/xsd-validator';
import { loadFixturesIntoEmptyStore, readFixtures } from './store/fixtures';
import { registerFixtureCertificates } from './store/register-fixture-certificates';
import { startAuditPruner } from './store/audit-pruner';
import { startCheckpointer } from './store/checkpointer';
import { damagedFileMessage } from './store/db';
import { checkIntegrityInBackground } from './store/integrity-check';
import { openStore, type Store } from './store/store';
import { readCodeListsFile } from './store/codelists-file';
import { listenFailure, StartupError } from './startup-error';
import { isStoreFull } from './store/store-health';
import { createSoapApp, finishSoapApp } from './transport/app';
import type { CallDeps } from './pipeline/run-call';
import { FaultRules } from './pipeline/fault-rules';
import { Journal } from './transport/journal';
import { httpUrlOf, listenHttpLoopback, LOOPBACK_HOST } from './transport/http-loopback-server';
import { jsonLogger, neverThrows, type Logger } from './transport/logger';
import { answerPlainHttp } from './transport/plain-http-hint';
import { listenTls, portOf } from './transport/tls-server';

export interface RunningEmulator {
  /** https://<publicHost>:<port> */
  readonly soapUrl: string;
  /** http://127.0.0.1:<port>: the test-control API and dashboard. */
  readonly adminUrl: string;
  /** http://127.0.0.1:<port> for a TLS-terminating proxy (--http-port), or null. */
  readonly httpUrl: string | null;
  readonly port: number;
  readonly store: Store;
  readonly clock: ControllableClock;
  readonly certificates: DevCertificates;
  readonly journal: Journal;
  /** Delivers push messages (REST.md §7). */
  readonly push: PushWorker;
  stop(): Promise<void>;
}

const HANDLERS: Readonly<Record<ServiceName, Readonly<Record<string, OperationHandler>>>> = {
  BookingService: bookingServiceHandlers,
  CodelistService: codelistServiceHandlers,
  ExternalBookingService: externalBookingServiceHandlers,
  BookingWsrmMessageService: wsrmServiceHandlers,
  PersonStatusService: personStatusServiceHandlers,
};

/** The one place that wires the emulator together: store, certificates, fixtures, contracts, TLS. */
export const startEmulator = async (
  config: Config,
  options: { logger?: Logger } = {},
): Promise<RunningEmulator> => {
  const logger = neverThrows(options.logger ?? jsonLogger(undefined, config.logLevel));
  const clock = configuredClock(config.clockStart, config.clockFrozen);

  const libxml = await loadLibxml();
  const fixtures = readFixtures(config.fixturesDir);
  // A bad code-list file stops the start here, naming every problem, before anything listens.
  const codeLists = readCodeListsFile(config.codelistsPath ?? join(config.fixturesDir, 'codelists.json'));
  const certificates = ensureDevCertificates(
    config.certDir,
    fixtures.certificates.map((c) => c.name),
  );
  const store = openStore(
    config.dbPath,
    config.sync,
    (error) => logger.error('a SOAP call could not be answered', { error }),
    codeLists,
    logger,
  );
  try {
    registerFixtureCertificates(store, fixtures.certificates, certificates.clients, clock.now());
    loadFixturesIntoEmptyStore(store, fixtures, clock.now(), config.starCvr);
  } catch (error) {
    store.close();
    throw isStoreFull(error)
      ? new StartupError(
          `the database file ${config.dbPath} cannot be written: the disk is full (SQLITE_FULL); free space and start again`,
          { cause: error },
        )
      : error;
  }

  const validators = new Map<ServiceName, SchemaValidator>(
    SERVICE_CONTRACTS.map((s) => [s.name, createSchemaValidator(libxml, config.wsdlDir, schemaImportsOf(s))]),
  );
  const journal = new Journal(config.journalSize);
  let publicBaseUrl = '';
  const faults = new FaultRules();
  const core: CallDeps = {
    store,
    clock,
    logger,
    journal,
    faults,
    unknownCitizens: config.unknownCitizens,
    conformance: config.conformance,
  };
  const identity = identityPolicy(config, readFileSync(certificates.caPath, 'utf8'));
  const faces = SERVICE_CONTRACTS.map((service) => ({
    service,
    face: soapFace(service, {
      core,
      libxml,
      store,
      logger,
      limits: { maxDepth: config.maxXmlDepth },
      strictSchema: config.schemaValidation === 'strict',
      validator: validators.get(service.name) as SchemaValidator,
      identity,
      maxBodyBytes: config.maxBodyBytes,
      handlers: HANDLERS[service.name],
      operationDeps: { store, clock, starCvr: config.starCvr },
    }),
  }));
  const rest = restFace({
    store,
    logger,
    json: { maxBytes: config.maxBodyBytes, maxDepth: config.maxXmlDepth },
    schemaValidation: config.schemaValidation,
    operationDeps: { store, clock, starCvr: config.starCvr },
  });
  const app = createSoapApp(faces, {
    ...core,
    rest,
    wsdlDir: config.wsdlDir,
    publicBaseUrl: () => publicBaseUrl,
  });
  await Promise.all(
    faces.map(({ service, face }) => hostService(app, config.wsdlDir, service, face.methods, face.responded)),
  );
  finishSoapApp(app, core);

  let server: Server;
  try {
    server = await listenTls(
      app,
      {
        key: readFileSync(certificates.serverKeyPath, 'utf8'),
        cert: readFileSync(certificates.serverCertPath, 'utf8'),
        ca: readFileSync(certificates.caPath, 'utf8'),
      },
      config.port,
      config.host,
      config,
    );
  } catch (error) {
    store.close();
    throw listenFailure(error, 'port', config.port, config.host);
  }
  const port = portOf(server);
  publicBaseUrl = `https://${config.publicHost}:${port}`;
  answerPlainHttp(server, logger, () => publicBaseUrl);
  let plain: HttpServer | null = null;
  try {
    if (config.httpPort !== null) plain = await listenHttpLoopback(app, config.httpPort);
  } catch (error) {
    server.close();
    store.close();
    throw listenFailure(error, 'httpPort', config.httpPort ?? 0, LOOPBACK_HOST);
  }
  const push = new PushWorker({
    store,
    clock,
    identity: {
      certificatePem: readFileSync(certificates.star.certPath, 'utf8'),
      privateKeyPem: readFileSync(certificates.star.keyPath, 'utf8'),
    },
    devCaPem: readFileSync(certificates.caPath, 'utf8'),
    onError: (error) => logger.error('push delivery failed', { error }),
  });
  let admin: HttpServer;
  try {
    admin = await startAdminServer({
      config,
      store,
      clock,
      journal,
      fixtures,
      certificates,
      logger,
      push,
      faults,
      soapUrl: () => publicBaseUrl,
    });
  } catch (error) {
    server.close();
    plain?.close();
    store.close();
    throw listenFailure(error, 'adminPort', config.adminPort, config.adminHost);
  }
  const adminUrl = adminUrlOf(admin, config.adminHost);
  // Started once the emulator serves: a start that fails before leaves no thread behind.
  const checkpointer = startCheckpointer(store.db, config.dbPath, config.sync);
  push.start();
  const integrity = store.checkedAtOpen
    ? null
    : checkIntegrityInBackground(config.dbPath, (findings) => {
        const reason = damagedFileMessage(config.dbPath, findings);
        store.health.noteDamaged(reason);
        logger.error(reason, { db: config.dbPath });
      });
  const pruner = startAuditPruner(store, {
    retention: config.auditRetention,
    onError: (error) => logger.error('audit pruning failed', { error }),
  });
  logger.info('dfdg-emulator listening', {
    soapUrl: publicBaseUrl,
    adminUrl,
    httpUrl: plain && httpUrlOf(plain),
    db: config.dbPath,
    certDir: config.certDir,
  });

  return {
    soapUrl: publicBaseUrl,
    adminUrl,
    httpUrl: plain && httpUrlOf(plain),
    port,
    store,
    clock,
    certificates,
    journal,
    push,
    stop: async () => {
      pruner.stop();
      await Promise.all([
        closeServer(server),
        closeServer(admin),
        ...(plain ? [closeServer(plain)] : []),
        push.stop(),
      ]);
      await Promise.all([checkpointer?.stop(), integrity?.stop()]);
      store.close();
    },
  };
};

const closeServer = (server: HttpServer | Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
