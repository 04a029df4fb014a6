import type { Actor } from '../data/actor.js';

interface Entry {
  readonly actor: Actor;
  readonly checkedAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Remembers resolved tokens for a moment so a busy client does not cost a token lookup per
 * request. Revoking or signing out through this node forgets the token at once; another node
 * (PostgreSQL, several API nodes) stops accepting it within `ttlMs`.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs = 1000) {}

  get(token: string, now = Date.now()): Actor | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (now - entry.checkedAt > this.ttlMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.actor;
  }

  set(token: string, actor: Actor, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { actor, checkedAt: now });
  }

  /** Forgets a token by id (revoked, signed out). */
  forgetToken(tokenId: number): void {
    for (const [token, entry] of this.entries) if (entry.actor.tokenId === tokenId) this.entries.delete(token);
  }

  /** Forgets every token of a user (deactivated, password or roles changed). */
  forgetUser(userId: number): void {
    for (const [token, entry] of this.entries) if (entry.actor.userId === userId) this.entries.delete(token);
  }

  /** Forgets everything (team memberships changed: the team mates of many users did). */
  forgetAll(): void {
    this.entries.clear();
  }
}
