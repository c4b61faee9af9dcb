/** A webhook trigger's subscription, whichever kind: it can be removed. */
export interface RemovableSubscription {
  unsubscribe(): Promise<number | undefined>;
}

/** The order of the two calls a save makes: both occur, the documentation does not say which first. */
export type ResubscribeOrder = 'subscribeThenRemove' | 'removeThenSubscribe';

/**
 * Saving a workflow whose webhook trigger is already subscribed: the engine subscribes again and
 * removes the previous subscription.
 * NOTE: logic-apps-workflow-actions-triggers ("Webhooks and subscriptions"): "The subscribe call
 * happens when the workflow changes in any way, for example, when credentials are renewed, or when
 * the input parameters change for a trigger or action"; "The unsubscribe call automatically happens
 * when an operation makes the trigger or action invalid". Whether a save also removes the previous
 * subscription, and in which order, is not documented: the platform is assumed to do both, in
 * either order (tests run both).
 */
export async function saveWorkflowAgain<S extends RemovableSubscription>(
  previous: S,
  subscribe: () => Promise<S>,
  order: ResubscribeOrder,
): Promise<{ readonly current: S; readonly removedStatus: number | undefined }> {
  if (order === 'removeThenSubscribe') {
    const removedStatus = await previous.unsubscribe();
    return { current: await subscribe(), removedStatus };
  }
  const current = await subscribe();
  return { current, removedStatus: await previous.unsubscribe() };
}
