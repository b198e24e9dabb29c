/** A requirement's comparison operators (its `op`): the engine grades with them, and so does the practice scorecard. */
export const REQUIREMENT_OPS = {
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
  '>': (a: number, b: number) => a > b,
  '>=': (a: number, b: number) => a >= b,
  '==': (a: number, b: number) => a === b,
} as const;
