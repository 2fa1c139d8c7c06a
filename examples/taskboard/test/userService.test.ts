import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../src/server/db/store.js';
import { UserService, hashPassword, verifyPassword } from '../src/server/services/userService.js';

test('register normalises the email and authenticate checks the password', () => {
  const users = new UserService(createMemoryStore());
  const user = users.register(' Ada@Example.com ', 'Ada', 'correct horse battery');
  assert.equal(user.email, 'ada@example.com');
  assert.deepEqual(users.authenticate('ada@example.com', 'correct horse battery'), user);
  assert.equal(users.authenticate('ada@example.com', 'wrong password!'), null);
});

test('register refuses duplicate emails and short passwords', () => {
  const users = new UserService(createMemoryStore());
  users.register('a@example.com', 'A', 'long enough password');
  assert.throws(() => users.register('a@example.com', 'A2', 'long enough password'), /already registered/);
  assert.throws(() => users.register('b@example.com', 'B', 'short'), /at least 10/);
});

test('password hashes are salted', () => {
  const a = hashPassword('same password');
  const b = hashPassword('same password');
  assert.notEqual(a, b);
  assert.ok(verifyPassword('same password', a));
});
