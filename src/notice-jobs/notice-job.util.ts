import type { Channel, FilingStatus } from '../filings/filing.entity';
import type { ItemState } from './notice-job-item.entity';

/**
 * Pure rules of a notice job's progress: what each item shows, and the job's counts. No I/O; the service reads the
 * items, their filings' deliveries and their job messages, and asks here.
 */

/**
 * What an item shows. `pending`: not filed yet (or being retried); `waiting-instruction`: the agreement needs the
 * controller's instruction first (Dotnet Internals 8.4, alfaview Clause 5); `sending`: filed, its delivery under way
 * or retried; `done`: delivered (or, manual, recorded as given); `failed`: not filed, or its delivery gave up.
 */
export const ITEM_STATUSES = ['pending', 'waiting-instruction', 'sending', 'done', 'failed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface Delivery {
  status: FilingStatus;
  channel: Channel;
  attempts: number;
  lastError: string | null;
}

export interface JobMessage {
  attempts: number;
  lastError: string | null;
}

export interface ItemView {
  status: ItemStatus;
  attempts: number;
  lastError: string | null;
}

/** An item as people read it: before it is filed, its job message's tries; after, its notice's delivery's. */
export function itemView(
  item: { state: ItemState; lastError: string | null },
  delivery: Delivery | undefined,
  message: JobMessage | undefined,
): ItemView {
  if (item.state === 'filed' && delivery) {
    const status: ItemStatus =
      delivery.status === 'delivered' ? 'done' : delivery.status === 'failed' ? 'failed' : 'sending';
    return { status, attempts: delivery.attempts, lastError: delivery.lastError };
  }
  const status: ItemStatus = item.state === 'filed' ? 'sending' : item.state;
  return {
    status,
    attempts: message?.attempts ?? 0,
    // The item's own reason (why it failed or waits) before the last failed try of a message that is retried.
    lastError: item.lastError ?? message?.lastError ?? null,
  };
}

export interface Progress {
  total: number;
  done: number;
  failed: number;
  /** Not filed yet, or filed and still being delivered. */
  pending: number;
  /** For the controller's instruction. */
  waiting: number;
  /** Share of the items done, 0–100, rounded down: 100 only when every controller has its notice. */
  percentDone: number;
  /** Nothing more happens by itself: every item is done or failed, or waits for an instruction. */
  settled: boolean;
}

export function progress(statuses: readonly ItemStatus[]): Progress {
  const count = (...s: ItemStatus[]) => statuses.filter((x) => s.includes(x)).length;
  const total = statuses.length;
  const done = count('done');
  const pending = count('pending', 'sending');
  return {
    total,
    done,
    failed: count('failed'),
    pending,
    waiting: count('waiting-instruction'),
    percentDone: total === 0 ? 100 : Math.floor((done * 100) / total),
    settled: pending === 0,
  };
}
