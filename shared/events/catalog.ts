import type { Topic } from './defineTopic';
import { deliveryDead } from './topics/deliveryDead';
import { hookDisabled } from './topics/hookDisabled';
import { jobCompleted } from './topics/jobCompleted';
import { jobFailed } from './topics/jobFailed';
import { orderCreated } from './topics/orderCreated';

/** Every topic the app serves. Add a topic here and publish, both triggers and the connector follow. */
export const topics: readonly Topic[] = [jobCompleted, jobFailed, deliveryDead, hookDisabled, orderCreated];

/** The topic of this name, or undefined. */
export function findTopic(name: string, from: readonly Topic[] = topics): Topic | undefined {
  return from.find((t) => t.name === name);
}
