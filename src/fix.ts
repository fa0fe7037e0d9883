/** A remedy shown to the user. Lists of fixes are ordered: the first is the one to try first. */
export interface Fix {
  /** A copy-pasteable shell command, when the fix is one. */
  command?: string;
  /** What the fix does and why, in one or two sentences. */
  text: string;
  /** True when the fix turns off a protection (GOSUMDB=off, GONOSUMDB=*, GOINSECURE, GOFLAGS=-insecure). */
  weakensSecurity: boolean;
}

export type Severity = 'error' | 'warning' | 'info';
