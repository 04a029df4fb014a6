/** One thing wrong with a definition, with the path where it is. */
export interface DefinitionProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown by `define*` when a definition is invalid; lists every problem at once. */
export class DefinitionError extends Error {
  readonly code = 'KITH_DEFINITION_INVALID';
  readonly problems: readonly DefinitionProblem[];

  constructor(what: string, problems: readonly DefinitionProblem[]) {
    super(`${what} is invalid:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'DefinitionError';
    this.problems = problems;
  }
}
