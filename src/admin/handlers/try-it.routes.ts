import type { AdminRoute } from '../admin.routes';
import { tryItReplayHandler, tryItSendHandler } from './try-it-send.handler';
import { tryItSnippetsHandler } from './try-it-snippets.handler';
import { tryItTemplateHandler } from './try-it-template.handler';

/** The try-it endpoints (the dashboard's Try it tab, and "copy as" and "replay" on every call). */
export const TRY_IT_ROUTES: readonly AdminRoute[] = [
  {
    method: 'get',
    path: '/admin/try-it/template',
    summary:
      'A valid request for a certificate, organisation, user (caseworker, citizen, system), service and operation',
    ...tryItTemplateHandler,
  },
  {
    method: 'post',
    path: '/admin/try-it/send',
    summary:
      "Send a request through the mutual-TLS port with a certificate's key: the answer and its decisions",
    ...tryItSendHandler,
  },
  {
    method: 'post',
    path: '/admin/try-it/replay/:referenceId',
    summary: 'Send a journalled call again with the same certificate (a REST write with a fresh x-requestId)',
    ...tryItReplayHandler,
  },
  {
    method: 'get',
    path: '/admin/try-it/snippets/:referenceId',
    summary: 'A journalled call as a curl command, a Python zeep client and a C# WCF client',
    ...tryItSnippetsHandler,
  },
];
