import { itemView, progress } from './notice-job.util';

describe('notice job progress', () => {
  describe(itemView.name, () => {
    it('shows a filed item by its delivery: sending, done, failed with the delivery’s error and attempts', () => {
      const item = { state: 'filed' as const, lastError: null };
      const delivery = { channel: 'webhook' as const, attempts: 2, lastError: 'HTTP 500' };
      expect(itemView(item, { ...delivery, status: 'pending' }, undefined)).toEqual({
        status: 'sending',
        attempts: 2,
        lastError: 'HTTP 500',
      });
      expect(itemView(item, { ...delivery, status: 'delivered', lastError: null }, undefined).status).toBe(
        'done',
      );
      expect(itemView(item, { ...delivery, status: 'failed', attempts: 3 }, undefined)).toEqual({
        status: 'failed',
        attempts: 3,
        lastError: 'HTTP 500',
      });
    });

    it('shows an item not filed yet by its job message, its own reason first', () => {
      expect(
        itemView({ state: 'pending', lastError: null }, undefined, { attempts: 1, lastError: 'deadlock' }),
      ).toEqual({ status: 'pending', attempts: 1, lastError: 'deadlock' });
      expect(
        itemView({ state: 'waiting-instruction', lastError: 'clause 8.4' }, undefined, {
          attempts: 1,
          lastError: null,
        }),
      ).toEqual({ status: 'waiting-instruction', attempts: 1, lastError: 'clause 8.4' });
      expect(
        itemView({ state: 'failed', lastError: 'reasonsForDelay required' }, undefined, undefined),
      ).toEqual({ status: 'failed', attempts: 0, lastError: 'reasonsForDelay required' });
    });
  });

  describe(progress.name, () => {
    it('counts each status; percentDone rounds down, so 100 means every controller has its notice', () => {
      expect(progress(['done', 'done', 'sending', 'pending', 'failed', 'waiting-instruction'])).toEqual({
        total: 6,
        done: 2,
        failed: 1,
        pending: 2,
        waiting: 1,
        percentDone: 33,
        settled: false,
      });
      expect(progress([...Array<'done'>(199).fill('done'), 'failed']).percentDone).toBe(99);
    });

    it('is settled when nothing is pending or sending, also with items waiting for an instruction', () => {
      expect(progress(['done', 'failed', 'waiting-instruction']).settled).toBe(true);
      expect(progress(['done', 'sending']).settled).toBe(false);
      expect(progress([])).toMatchObject({ total: 0, percentDone: 100, settled: true });
    });
  });
});
