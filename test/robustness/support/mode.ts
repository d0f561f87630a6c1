/**
 * Short CI mode by default; DFDG_ROBUSTNESS_LONG=1 runs the long local mode (more kills, longer
 * loads, more fuzz cases). Each test states both numbers where it uses them.
 */
export const LONG_MODE = process.env['DFDG_ROBUSTNESS_LONG'] === '1';

export const byMode = <T>(ci: T, long: T): T => (LONG_MODE ? long : ci);

/** Prints a measured number so a CI log shows it next to the test (jest keeps console output). */
export const report = (what: string, values: Record<string, unknown>): void => {
  process.stdout.write(`[robustness] ${what}: ${JSON.stringify(values)}\n`);
};
