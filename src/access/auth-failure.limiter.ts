import { Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { AppConfig } from '../config/config';

const THROTTLER = 'auth-failures';

/**
 * Counts failed authentications per client address (in this instance's memory). Past the limit, the address is
 * refused for a window, even with a good key: guessing keys gets nowhere.
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    private readonly storage: ThrottlerStorageService,
    private readonly config: AppConfig,
  ) {}

  isBlocked(address: string): boolean {
    const record = this.storage.storage.get(this.key(address));
    return !!record && record.isBlocked && record.blockExpiresAt > Date.now();
  }

  async recordFailure(address: string): Promise<void> {
    const windowMs = this.config.AUTH_FAILURE_WINDOW_SECONDS * 1000;
    await this.storage.increment(
      this.key(address),
      windowMs,
      this.config.AUTH_FAILURE_LIMIT,
      windowMs,
      THROTTLER,
    );
  }

  private key(address: string): string {
    return `${THROTTLER}:${address}`;
  }
}
