// The naming rules a custom connector must follow. Source: learn.microsoft.com/connectors/
// custom-connectors/connector-string-guidance (summary, operationId, title), /faq (1 MB) and
// certification-submission (summaries of letters, digits and parentheses; descriptions as sentences).

/** Longest operation summary the designer accepts. */
export const MAX_SUMMARY_LENGTH = 80;
/** Longest connector title. */
export const MAX_TITLE_LENGTH = 30;
/** Largest definition file a custom connector may import, in bytes (1 MB). */
export const MAX_DEFINITION_BYTES = 1_000_000;

const OPERATION_ID = /^[A-Z][A-Za-z0-9]*$/;
const ENDS_ALPHANUMERIC = /[\p{L}\p{N}]$/u;
const SUMMARY_CHARACTERS = /^[\p{L}\p{N} ()]*$/u;
const WORD_API = /\bAPI\b/i;

/** A definition that the Power Platform would refuse, with the rule it breaks. */
export class ConnectorRuleError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConnectorRuleError';
  }
}

/** What is wrong with an operation summary; empty when it is fine. */
export function summaryViolations(summary: string): string[] {
  const found: string[] = [];
  if (summary.trim() === '') found.push('is empty');
  if (summary.length > MAX_SUMMARY_LENGTH) {
    found.push(`has ${summary.length} characters, more than ${MAX_SUMMARY_LENGTH}`);
  }
  if (summary.includes('/')) found.push('contains "/"');
  else if (!SUMMARY_CHARACTERS.test(summary)) found.push('contains characters other than letters, digits, spaces and parentheses');
  if (summary !== '' && !ENDS_ALPHANUMERIC.test(summary)) {
    found.push(`ends with "${summary.slice(-1)}", not a letter or digit`);
  }
  return found;
}

/** What is wrong with a description (operation, parameter, response, header); empty when it is fine. */
export function descriptionViolations(description: string | undefined): string[] {
  if (description === undefined || description.trim() === '') return ['is empty'];
  return description.endsWith('.') ? [] : ['is not a sentence ending in a full stop'];
}

/** What is wrong with an operationId; empty when it is fine. */
export function operationIdViolations(operationId: string): string[] {
  return OPERATION_ID.test(operationId)
    ? []
    : ['is not PascalCase letters and digits (no "-", "_", spaces or punctuation)'];
}

/** What is wrong with the connector title; empty when it is fine. */
export function titleViolations(title: string): string[] {
  const found: string[] = [];
  if (title.trim() === '') found.push('is empty');
  if (title.length > MAX_TITLE_LENGTH) {
    found.push(`has ${title.length} characters, more than ${MAX_TITLE_LENGTH}`);
  }
  if (WORD_API.test(title)) found.push('contains the word "API"');
  return found;
}

/** What is wrong with the connector description; empty when it is fine. */
export function connectorDescriptionViolations(description: string): string[] {
  return WORD_API.test(description) ? ['contains the word "API"'] : [];
}

/**
 * Throws ConnectorRuleError naming the value, where it comes from and every rule it breaks.
 * `what` reads as the subject of the message, e.g. `The summary of job kind "bake"`.
 */
export function assertRules(what: string, value: string, violations: string[]): void {
  if (violations.length > 0) {
    throw new ConnectorRuleError(`${what} ("${value}") ${violations.join(', ')}`);
  }
}
