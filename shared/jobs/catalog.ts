import type { JobKind } from './defineJob';
import { bake } from './kinds/bake';
import { reconcile } from './kinds/reconcile';

/** Every job kind the app serves. Add a kind here and every pattern, the connector and the tests follow. */
export const jobKinds: readonly JobKind[] = [bake, reconcile];

/** The kind of this name, or undefined. */
export function findJobKind(name: string, kinds: readonly JobKind[] = jobKinds): JobKind | undefined {
  return kinds.find((k) => k.name === name);
}
