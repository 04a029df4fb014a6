import type { DefinitionSource, JsonLogicExpression, Labels } from './metadata.js';

/**
 * A validation rule: an "error condition" over a record. A write is refused when the
 * condition is truthy on the record as it would be stored; the message is returned with a
 * pointer to each of `fields`.
 */
export interface ValidationRuleDefinition {
  /** Stable id: customisations refer to it. */
  readonly id: string;
  /** Unique per entity: camelCase letters, digits and dashes. */
  readonly name: string;
  /** The entity's name. */
  readonly entity: string;
  /** JsonLogic over the record (API shape: `{"var": "amount.amount"}`); truthy means the write is refused. */
  readonly condition: JsonLogicExpression;
  readonly message: Labels;
  /** The fields the error points at; empty for a record-level message. */
  readonly fields: readonly string[];
  /** Inactive rules are kept but not applied. */
  readonly active: boolean;
  readonly source: DefinitionSource;
}
