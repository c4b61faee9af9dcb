import { z } from 'zod';
import { NAME_PATTERN } from '../model/NAME_PATTERN';

/** An event topic, defined once: publish, both trigger kinds and the connector follow. */
export interface Topic<Data = unknown> {
  /** Lowercase letters, digits, `-` and `.` (`order.created`). */
  readonly name: string;
  /** The connector trigger's summary (at most 80 characters, no trailing punctuation). */
  readonly summary: string;
  /** Longer description for the connector. Default: the summary. */
  readonly description?: string;
  /** The event's data. */
  readonly schema: z.ZodType<Data>;
  /** Published by Longrun itself (job.completed): `POST /events/{topic}` refuses it. Default false. */
  readonly builtIn?: boolean;
}

/** Declares a topic; checks the name. */
export function defineTopic<D>(spec: Topic<D>): Topic<D> {
  if (!NAME_PATTERN.test(spec.name)) {
    throw new Error(`Topic name "${spec.name}" must be lowercase letters, digits, "-" and "."`);
  }
  return spec;
}
