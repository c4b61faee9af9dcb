/**
 * The name rule of job kinds and topics: lowercase letters, digits, `-` and `.`, starting with a
 * letter or digit, at most 63 characters (`order.created`). Names appear in routes, table keys and
 * connector operation ids, so nothing else is allowed.
 */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{0,62}$/;
