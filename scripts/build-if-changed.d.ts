/** Types of build-if-changed.js, for the tests and the bench. */
export declare const STAMP: string;
export declare const MAIN: string;
export declare const digestOfInputs: (root: string) => string;
export declare const staleReason: (root: string, digest: string) => string | undefined;
export declare const buildIfChanged: (
  root: string,
  options?: { log?: (line: string) => void },
) => 'current' | 'built';
