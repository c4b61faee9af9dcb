import { getStorage } from '../storage/getStorage';
import { FanoutQueue } from '../storage/FanoutQueue';
import { QUEUES } from '../storage/names';

/** The app's `fanout` queue. */
export async function getFanoutQueue(): Promise<FanoutQueue> {
  return new FanoutQueue((await getStorage()).queue(QUEUES.fanout));
}
