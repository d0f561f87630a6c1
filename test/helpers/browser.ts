import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's headless chromium (installed by .ci/run), quiet: no sandbox (CI runs as root), no
 * network of its own. `extraArgs` adds flags, e.g. --host-resolver-rules to give test names an address.
 */
export const launchChromium = (extraArgs: readonly string[] = []): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
