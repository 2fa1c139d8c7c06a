import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { User } from '../../shared/types.js';
import type { Store } from '../db/store.js';
import { ValidationError } from './taskService.js';

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Registration and password login for user accounts. */
export class UserService {
  constructor(private readonly store: Store) {}

  register(email: string, displayName: string, password: string): User {
    const normalized = email.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(normalized)) throw new ValidationError('email is invalid');
    if (password.length < 10) throw new ValidationError('password must have at least 10 characters');
    for (const existing of this.store.users.values()) {
      if (existing.email === normalized) throw new ValidationError('email already registered');
    }
    const user = { id: this.store.nextId('users'), email: normalized, displayName, passwordHash: hashPassword(password) };
    this.store.users.set(user.id, user);
    return toPublicUser(user);
  }

  authenticate(email: string, password: string): User | null {
    const normalized = email.trim().toLowerCase();
    for (const user of this.store.users.values()) {
      if (user.email === normalized && verifyPassword(password, user.passwordHash)) return toPublicUser(user);
    }
    return null;
  }

  getUser(id: number): User | undefined {
    const user = this.store.users.get(id);
    return user ? toPublicUser(user) : undefined;
  }
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16).toString('hex');
  const key = scryptSync(password, salt, 32).toString('hex');
  return `${salt}:${key}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [salt, key] = stored.split(':');
  if (!salt || !key) return false;
  const candidate = scryptSync(password, salt, 32);
  return timingSafeEqual(candidate, Buffer.from(key, 'hex'));
}

function toPublicUser(user: User & { passwordHash: string }): User {
  return { id: user.id, email: user.email, displayName: user.displayName };
}
