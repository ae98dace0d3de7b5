// The web clients' shared code, without a browser: paths, queries, errors, search folding, times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillPath, queryString, ApiError } from '../../../tools/web/shared/src/api.js';
import { fold, matches } from '../../../tools/web/shared/src/text.js';
import { deadlineText, formatDateTime, vietnamDay, workingDaysUntil } from '../../../tools/web/shared/src/time.js';
import { routes } from '../../../tools/web/shared/src/routes.js';

test('path parameters are filled, escaped, and left out of the rest', () => {
  assert.deepEqual(fillPath('/v1/feedback/{id}:assign', { id: '1022-2026-000001', agencyCode: 'so-xd' }),
    { path: '/v1/feedback/1022-2026-000001:assign', rest: { agencyCode: 'so-xd' } });
  assert.equal(fillPath('/v1/waste/vehicles/{id}', { id: '62C-246.80/x' }).path, '/v1/waste/vehicles/62C-246.80%2Fx');
  // A dotted parameter lives in the body field and stays there.
  const { path, rest } = fillPath('/v1/feedback-categories/{category.code}', { category: { code: 'power', nameVi: 'Điện' } });
  assert.equal(path, '/v1/feedback-categories/power');
  assert.equal(rest.category.nameVi, 'Điện');
  assert.throws(() => fillPath('/v1/feedback/{id}', {}), /missing path parameter id/);
});

test('queries repeat arrays and drop empty values', () => {
  assert.equal(queryString({ status: ['RECEIVED', 'ASSIGNED'], text: 'đèn', overdueOnly: false, ward: '', pageSize: 50 }),
    '?status=RECEIVED&status=ASSIGNED&text=%C4%91%C3%A8n&pageSize=50');
  assert.equal(queryString({}), '');
});

test('the error body becomes an ApiError with its reason and fields', () => {
  const e = new ApiError(400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'Sai.',
    details: [{ reason: 'CATEGORY_CLOSED' }, { fieldViolations: [{ field: 'description', description: 'Quá ngắn.' }] }] } });
  assert.equal(e.message, 'Sai.');
  assert.equal(e.status, 'INVALID_ARGUMENT');
  assert.equal(e.reason, 'CATEGORY_CLOSED');
  assert.equal(e.fields[0].field, 'description');
  assert.equal(new ApiError(0, {}).status, 'NETWORK');
});

test('search ignores case and diacritics', () => {
  assert.equal(fold('Đèn đường TÂN AN'), 'den duong tan an');
  assert.ok(matches('Hư hỏng đường, ổ gà', 'hu hong duong'));
  assert.ok(!matches('Mất điện', 'nuoc'));
});

test('times read in Vietnam whatever the machine zone', () => {
  assert.match(formatDateTime('2026-12-01T17:30:00Z'), /02\/12\/2026/);
  assert.equal(vietnamDay(Date.parse('2026-12-01T17:30:00Z')), '2026-12-02');
});

test('deadlines read in hours the same day and in working days beyond', () => {
  const monday = Date.parse('2026-11-30T02:00:00Z'); // 09:00 in Vietnam
  assert.equal(deadlineText('2026-11-30T08:00:00Z', monday), 'còn 6 giờ');
  assert.equal(deadlineText('2026-11-30T00:00:00Z', monday), 'quá hạn 2 giờ');
  assert.equal(workingDaysUntil('2026-12-07T02:00:00Z', monday), 5); // Saturday and Sunday do not count
  assert.equal(deadlineText('2026-12-07T02:00:00Z', monday), 'còn 5 ngày làm việc');
});

test('every route names a method and a /v1 path', () => {
  for (const [name, [method, path]] of Object.entries(routes)) {
    assert.match(method, /^(GET|POST|PUT|PATCH|DELETE)$/, name);
    assert.match(path, /^\/v1\//, name);
  }
});

test('a signed-in call that meets an expired token renews once and is sent again', async () => {
  const seen = [];
  let tokenNow = 'old';
  globalThis.fetch = async (url, init) => {
    seen.push([url, init.headers.Authorization || '']);
    const ok = init.headers.Authorization === 'Bearer new';
    return { ok, status: ok ? 200 : 401, text: async () => (ok ? '{"items":[]}' : '{"error":{"code":401,"status":"UNAUTHENTICATED","message":"Hết hạn."}}') };
  };
  let ended = null;
  const { createClient } = await import('../../../tools/web/shared/src/api.js');
  const client = createClient({ token: () => tokenNow, renew: async () => { tokenNow = 'new'; return true; }, onUnauthenticated: (e) => { ended = e; } });
  assert.deepEqual(await client.call('listFeedback', { pageSize: 5 }), { items: [] });
  assert.deepEqual(seen.map((s) => s[1]), ['Bearer old', 'Bearer new']);
  assert.equal(ended, null);

  // Renewal refused: the session is over, once.
  tokenNow = 'old';
  const refusing = createClient({ token: () => tokenNow, renew: async () => false, onUnauthenticated: (e) => { ended = e; } });
  await assert.rejects(refusing.call('listFeedback', {}), (e) => e.httpStatus === 401);
  assert.equal(ended.status, 'UNAUTHENTICATED');
  // Sign-in sends no token at all.
  seen.length = 0;
  await refusing.call('staffSignIn', { username: 'a' }, { anonymous: true }).catch(() => {});
  assert.equal(seen[0][1], '');
});
