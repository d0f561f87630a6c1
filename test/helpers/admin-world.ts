import type { Config } from '../../src/config';
import type { RunningEmulator } from '../../src/emulator';
import { adminClient, type AdminClient } from './admin-client';
import { startTestEmulator } from './emulator';
import { dfdgScenario, type DfdgScenario } from './scenario-dfdg';

/** What an admin API test drives: its emulator, SOAP calls on behalf of actors, and the admin API. */
export interface AdminWorld {
  readonly emulator: RunningEmulator;
  readonly dfdg: DfdgScenario;
  readonly admin: AdminClient;
}

export const startAdminWorld = async (overrides: Partial<Config> = {}): Promise<AdminWorld> => {
  const emulator = await startTestEmulator(overrides);
  return { emulator, dfdg: dfdgScenario(emulator), admin: adminClient(emulator.adminUrl) };
};

export const stopAdminWorld = async ({
  emulator,
  dfdg,
}: Pick<AdminWorld, 'emulator' | 'dfdg'>): Promise<void> => {
  dfdg.close();
  await emulator.stop();
};
