import type { JobKind } from './defineJob';
import { bake } from './kinds/bake';
import { reconcile } from './kinds/reconcile';

const kinds: JobKind[] = [bake, reconcile];

/** Every job kind the app serves. Add a kind here and every pattern, the connector and the tests follow. */
export const jobKinds: readonly JobKind[] = kinds;

/**
 * Adds a kind at start-up, before the first request: for apps that embed Longrun's functions
 * with kinds of their own (the end-to-end tests' fixture app does). Names must be unique.
 */
export function registerJobKind(kind: JobKind): void {
  if (findJobKind(kind.name)) throw new Error(`Job kind "${kind.name}" is already registered`);
  kinds.push(kind);
}

/** The kind of this name, or undefined. */
export function findJobKind(name: string, kinds: readonly JobKind[] = jobKinds): JobKind | undefined {
  return kinds.find((k) => k.name === name);
}
