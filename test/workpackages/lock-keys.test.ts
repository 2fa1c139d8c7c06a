import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DB_MIGRATION_SLOT_KEY,
  LockKeyBuildError,
  apiLockKey,
  checkLockKey,
  contractLockKey,
  dbSchemaLockKey,
  envLockKey,
  eventLockKey,
  featureLockKey,
  flagLockKey,
  lockKeyError,
  lockKeyNamespace,
} from '../../src/domain/workpackages/lock-keys.js';

describe('lock key namespaces', () => {
  it('detects namespaces longest first, by equality, colon or space', () => {
    assert.equal(lockKeyNamespace('db:migration-slot'), 'db:migration-slot');
    assert.equal(lockKeyNamespace('db:schema:users'), 'db:schema');
    assert.equal(lockKeyNamespace('db:schema'), 'db:schema');
    assert.equal(lockKeyNamespace('api GET /x'), 'api');
    assert.equal(lockKeyNamespace('feature:a:b'), 'feature');
    assert.equal(lockKeyNamespace('db:tables'), undefined);
    assert.equal(lockKeyNamespace('apis:x'), undefined);
    assert.equal(lockKeyNamespace('API:GET /x'), undefined);
  });

  it('accepts the canonical forms and names the failing rule otherwise', () => {
    for (const key of ['api:GET /v1/x', 'db:migration-slot', 'db:schema:a_1', 'event:a.b', 'flag:a/b.*', 'env:a-b_c', 'contract:anything at all', 'feature:X.y:z-1:pause']) {
      assert.equal(checkLockKey(key).ok, true, key);
    }
    assert.deepEqual(checkLockKey('flag:a-b'), { ok: false, reason: 'fails canonicalization', namespace: 'flag', pattern: '^flag:[a-z][a-z0-9/.*]*$' });
    assert.deepEqual(checkLockKey('topic:x'), { ok: false, reason: 'unrecognized namespace prefix' });
  });

  it('writes the check messages with package id and key', () => {
    assert.equal(lockKeyError('wp-a', 'topic:x'), "wp-a: key 'topic:x' has unrecognized namespace prefix");
    assert.equal(
      lockKeyError('wp-a', 'api:get /x'),
      "wp-a: key 'api:get /x' matches prefix 'api' but fails canonicalization (expected pattern: ^api:[A-Z]+ /.+$)",
    );
    assert.equal(lockKeyError('wp-a', 'api:GET /x'), undefined);
  });
});

describe('lock key builders', () => {
  it('build canonical keys', () => {
    assert.equal(apiLockKey('post', 'v1/login'), 'api:POST /v1/login');
    assert.equal(apiLockKey('GET', '/v1/users/{id}'), 'api:GET /v1/users/{id}');
    assert.equal(dbSchemaLockKey('Users'), 'db:schema:users');
    assert.equal(eventLockKey('User.Created'), 'event:user.created');
    assert.equal(flagLockKey('billing/*'), 'flag:billing/*');
    assert.equal(envLockKey('Shared-Fixtures'), 'env:shared-fixtures');
    assert.equal(contractLockKey('openapi/v1.yaml'), 'contract:openapi/v1.yaml');
    assert.equal(featureLockKey('add-login', 'Pause'), 'feature:add-login:pause');
    assert.equal(checkLockKey(DB_MIGRATION_SLOT_KEY).ok, true);
  });

  it('refuse parts that cannot be made canonical', () => {
    assert.throws(() => dbSchemaLockKey('user-accounts'), LockKeyBuildError);
    assert.throws(() => eventLockKey('user_created'), /fails canonicalization/);
    assert.throws(() => flagLockKey('dark-mode'), LockKeyBuildError);
    assert.throws(() => featureLockKey('add login', 'pause'), LockKeyBuildError);
    assert.throws(() => featureLockKey('add-login', 'pause2'), LockKeyBuildError);
    assert.throws(() => apiLockKey('', '/x'), LockKeyBuildError);
  });
});
