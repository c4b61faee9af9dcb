import type { Delivery, DeliveryTarget } from '../model/Delivery';
import type { ResolvedTarget } from './runDelivery';

/** The kinds of target a delivery can have: `callback` (a job's webhook action), `hook` (a webhook trigger). */
export type TargetKind = DeliveryTarget['kind'];

/** The target of one kind. */
export type TargetOfKind<K extends TargetKind> = Extract<DeliveryTarget, { readonly kind: K }>;

/** Turns a target of one kind into the request to send, or ends the delivery (its job or hook is gone). */
export type TargetResolver<K extends TargetKind> = (target: TargetOfKind<K>, deliveryId: string) => Promise<ResolvedTarget>;

/**
 * What delivery knows of its targets: a resolver per target kind, registered by the folder that
 * owns the kind (jobs the callback, events the hook) and assembled once by the app. First attempts
 * and retries resolve through the same resolvers, so one place turns a target into a request.
 */
export class DeliveryTargets {
  private readonly resolvers = new Map<TargetKind, (target: DeliveryTarget, deliveryId: string) => Promise<ResolvedTarget>>();

  /** Adds the resolver of one kind; a kind has one resolver, so a second registration throws. */
  register<K extends TargetKind>(kind: K, resolver: TargetResolver<K>): this {
    if (this.resolvers.has(kind)) throw new Error(`A resolver for "${kind}" delivery targets is registered already.`);
    // Keyed by kind: the resolver stored under K is only ever handed targets of kind K.
    this.resolvers.set(kind, (target, deliveryId) => resolver(target as TargetOfKind<K>, deliveryId));
    return this;
  }

  /** Resolves a delivery by its target's kind; rejects when no resolver is registered for that kind. */
  resolve(delivery: Delivery): Promise<ResolvedTarget> {
    const resolver = this.resolvers.get(delivery.target.kind);
    if (!resolver) return Promise.reject(new Error(`No resolver is registered for "${String(delivery.target.kind)}" delivery targets.`));
    return resolver(delivery.target, delivery.id);
  }
}
