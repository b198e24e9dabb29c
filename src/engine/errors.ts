/** Errors the engine raises, with stable codes (what the CLI and the app show is the message). */
export type EngineErrorCode = 'invalid-design';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'EngineError';
  }
}

/** The design has structural errors (a dangling reference, a cycle …): it cannot run. */
export function invalidDesign(problems: { where: string; message: string }[]): EngineError {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new EngineError('invalid-design', `the design cannot run: ${first.where}: ${first.message}${more}`);
}
