import { adminEndpoint } from '../admin-endpoint';
import { CertificateView, certificateView } from '../views/certificate.view';
import { itemsOf } from '../views/items.view';

/**
 * GET /admin/certificates: every registered client certificate (SEC-CERT), by name: the identities a
 * user can call as, with the organisations each may act for, its origin and its files.
 */
export const listCertificatesHandler = adminEndpoint({
  response: itemsOf(CertificateView),
  handle: ({ store, config }) => ({
    items: store.certificates.list().map((c) => certificateView(config.certDir, c)),
  }),
});
