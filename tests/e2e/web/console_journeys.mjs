// The console's journeys in Debian's Chromium against a real stack (started by
// console_web_e2e_test.cc, which passes the accounts and tokens in the environment).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { api, axe, check, figure, figures, gateway, launch, newPage, shoot, totp, waitFor } from './browser.mjs';

const accounts = JSON.parse(process.env.LASO_WEB_ACCOUNTS); // username → {password, secret}
const integration = process.env.LASO_WEB_INTEGRATION_TOKEN;
const resident = process.env.LASO_WEB_RESIDENT_TOKEN;
const consoleUrl = `${gateway}/console/`;
const NEW_PASSWORD = 'Mật-khẩu-riêng-2026';
// A 1×1 PNG: the photo a resident attaches.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const VEHICLE = '62C-246.80'; // the truck of the demo route tan-an-huu-co-1

// The first sign-in: the one-time password, a code, then a password of one's own and a new code.
async function signIn(page, username) {
  const account = accounts[username];
  await page.goto(consoleUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', account.password);
  await page.fill('input[name=totp]', await totp(account.secret));
  await page.click('button[type=submit]');
  const first = await Promise.race([
    page.waitForSelector('input[name=newPassword]').then(() => true),
    page.waitForSelector('header.topbar').then(() => false),
  ]);
  if (first) {
    await page.fill('input[name=newPassword]', NEW_PASSWORD);
    await page.fill('input[name=confirm]', NEW_PASSWORD);
    await page.fill('input[name=totp]', await totp(account.secret));
    await page.click('button[type=submit]');
    account.password = NEW_PASSWORD;
  }
  await page.waitForSelector('header.topbar');
}

const tokenOf = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('laso.console.session')).accessToken);

async function openReport(page, id) {
  await page.goto(`${consoleUrl}reports/${encodeURIComponent(id)}`);
  await page.waitForSelector(`#report-title:has-text("${id}")`);
}

async function act(page, action, fill) {
  const details = page.locator(`details[data-action=${action}]`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await fill(details);
  await details.locator('button[type=submit]').click();
  // Done: its notice shows, or the report moved on and the action is no longer offered.
  await waitFor(`${action} to be done`, async () => {
    if ((await details.count()) === 0) return true;
    const error = details.locator('.error');
    if (await error.count()) throw new Error(`${action}: ${await error.textContent()}`);
    return (await details.locator('.notice').count()) > 0;
  }, 10000);
}

async function fileBulkReports(token, n) {
  const started = Date.now();
  let next = 0;
  const wards = ['phuong-tan-an', 'phuong-long-an', 'phuong-khanh-hau'];
  async function worker() {
    while (next < n) {
      const i = next++;
      const r = await api('POST', '/v1/feedback', {
        token,
        headers: { 'Idempotency-Key': `bulk-${i}` },
        body: {
          categoryCode: i % 3 ? 'road-damage' : 'street-light', wardCode: wards[i % 3], address: `Số ${i} đường Hùng Vương`,
          description: `Phản ánh thử số ${i}: ${i % 7 ? 'ổ gà giữa đường' : 'đèn đường không sáng'} gần chợ`,
          reporter: { phone: `09${String(10000000 + i).slice(-8)}` }, priority: i % 50 ? undefined : 'URGENT',
          answers: i % 3 ? [{ question: 'size', values: [['small', 'medium', 'large'][i % 3]] }] : [],
        },
      });
      check(r.status === 200, `bulk report ${i}: ${r.status} ${JSON.stringify(r.json)}`);
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker));
  figure('bulk_reports_per_s', Math.round((n * 1000) / (Date.now() - started)));
}

function consoleJsGzipBytes() {
  const dir = path.join(process.env.LASO_WEB_CONSOLE_DIR, 'assets');
  return readdirSync(dir).filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
}

// The console's API client names routes by method and path: each must be in the gateway's contract.
async function routesMatchTheContract() {
  const { routes } = await import(pathToFileURL(path.join(process.env.LASO_WEB_DIR, 'shared/src/routes.js')).href);
  const doc = (await api('GET', '/openapi.json')).json;
  for (const [name, [method, template]] of Object.entries(routes)) {
    const entry = doc.paths && doc.paths[template];
    check(entry && entry[method.toLowerCase()], `${name}: ${method} ${template} is not in /openapi.json`);
  }
  console.log(`${Object.keys(routes).length} routes of the API client are in /openapi.json`);
}

async function main() {
  await routesMatchTheContract();
  const gz = consoleJsGzipBytes();
  figure('console_js_gzip_kb', (gz / 1024).toFixed(1));
  check(gz <= 350 * 1024, `console JavaScript is ${gz} bytes gzipped, over 350 KB`);

  const browser = await launch();
  const pages = [];
  try {
    // The desk: an operator signs in; the queue of 5,000+ reports opens and filters.
    const operator = await newPage(browser);
    pages.push(operator);
    await signIn(operator, 'tongdai-01');
    const firstOperatorToken = await tokenOf(operator);
    await fileBulkReports(await tokenOf(operator), Number(process.env.LASO_WEB_BULK || 5000));
    let t = Date.now();
    await operator.goto(consoleUrl);
    await operator.waitForSelector('table.reports tbody tr[data-id]');
    await operator.waitForFunction(() => /\d/.test(document.querySelector('.tabs button b').textContent));
    const opened = Date.now() - t;
    figure('queue_open_ms', opened);
    // The reference in the same run: the API call the queue's first page makes, alone (median of 3).
    const alone = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      check((await api('GET', '/v1/feedback?withStatusCounts=true&pageSize=50', { token: await tokenOf(operator) })).status === 200, 'the list');
      alone.push(Date.now() - t0);
    }
    alone.sort((a, b) => a - b);
    figure('queue_api_alone_ms', alone[1]);
    figure('queue_open_vs_api_alone', (opened / Math.max(1, alone[1])).toFixed(1));
    const total = Number(await operator.textContent('.tabs button b'));
    check(total >= 5000, `the queue counts ${total} reports`);
    await axe(operator, 'queue');
    await shoot(operator, 'queue');
    t = Date.now();
    await operator.fill('input[type=search]', 'den duong');
    await operator.waitForFunction((all) => {
      const shown = Number((document.querySelector('.heading .muted').textContent.match(/\d+/) || [])[0]);
      return location.search.includes('text=') && shown > 0 && shown < all;
    }, total);
    figure('queue_filter_ms', Date.now() - t);
    // New reports appear without a reload: a resident files one with a photo and a point.
    await operator.goto(consoleUrl);
    await operator.waitForSelector('table.reports tbody tr[data-id]');
    const photo = await fetch(`${gateway}/v1/attachments`, {
      method: 'POST', body: PNG, headers: { Authorization: `Bearer ${resident}`, 'Content-Type': 'image/png', 'Idempotency-Key': 'web-photo' },
    }).then((r) => r.json());
    check(photo.id, `photo upload: ${JSON.stringify(photo)}`);
    const filed = await api('POST', '/v1/feedback', {
      token: resident, headers: { 'Idempotency-Key': 'web-resident-1' },
      body: { categoryCode: 'street-light', description: 'Đèn đường trước chợ phường Tân An tắt ba đêm nay, rất tối.',
        location: { latitude: 10.5372, longitude: 106.4123 }, attachmentIds: [photo.id] },
    });
    check(filed.status === 200, `resident report: ${filed.status} ${JSON.stringify(filed.json)}`);
    t = Date.now();
    await operator.waitForSelector(`tr.fresh[data-id="${filed.json.id}"]`, { timeout: 15000 });
    figure('new_report_in_queue_ms', Date.now() - t);
    // Its photo opens large; its place is on the map.
    await openReport(operator, filed.json.id);
    await operator.waitForSelector('.map .report-point');
    await axe(operator, 'report-with-photo');
    await shoot(operator, 'report-map');
    await operator.click('.thumb');
    await operator.waitForSelector('.lightbox img');
    // The viewer takes the focus when it is ready for keys; Esc then closes it.
    await operator.waitForFunction(() => document.activeElement && document.activeElement.closest('.lightbox'));
    await operator.keyboard.press('Escape');
    await operator.waitForSelector('.lightbox', { state: 'detached' });
    await operator.goto(consoleUrl);
    await operator.waitForSelector('table.reports tbody tr[data-id]');

    // Most urgent first: an URGENT report leads.
    await operator.getByLabel('Sắp xếp').selectOption('URGENCY');
    await operator.waitForSelector('table.reports tbody tr:first-child .badge.urgent');

    // A hotline call without a point: phone, category found by typing without diacritics, ward, description.
    await operator.goto(`${consoleUrl}hotline`);
    await operator.fill('input[name=phone]', '0901 234 567'); // fake-zalo's demo resident
    await operator.fill('input[name=name]', 'Nguyễn Văn An');
    await operator.fill('input[name=categorySearch]', 'hu hong duong');
    await operator.selectOption('select[name=category]', 'road-damage');
    await operator.selectOption('select[name=q-size]', 'large'); // the category's required question
    await operator.selectOption('select[name=ward]', 'phuong-tan-an');
    await operator.fill('input[name=address]', 'Trước số 12 đường Nguyễn Huệ');
    await operator.fill('textarea[name=description]', 'Người dân gọi báo ổ gà lớn trước số 12, xe máy đã té ngã hai lần trong tuần.');
    await axe(operator, 'hotline');
    await shoot(operator, 'hotline');
    await operator.click('form button[type=submit]');
    const id = await (await operator.waitForSelector('[data-created]')).getAttribute('data-created');
    console.log(`hotline report ${id}`);

    // The operator assigns it (to the Department of Construction, with a note) and reveals the caller.
    await openReport(operator, id);
    await act(operator, 'assign', async (form) => {
      await form.locator('select').first().selectOption('so-xd');
      await form.locator('input').last().fill('Đề nghị kiểm tra trong ngày, có người bị ngã.');
    });
    const reportShot = operator;
    await operator.fill('#reveal-reason', 'gọi lại xác minh địa chỉ');
    await operator.click('text=Hiện liên hệ');
    await operator.waitForSelector('a[href="tel:+84901234567"]');
    // The caller describes the place: the operator clicks it on the map and saves it with a reason.
    check((await operator.locator('.map .report-point').count()) === 0, 'the hotline report has no point yet');
    await operator.click('.map', { position: { x: 440, y: 140 } });
    await act(operator, 'move', async (form) => {
      check((await form.locator('input').first().inputValue()) !== '', 'the picked point fills the form');
      await form.locator('input').last().fill('Người gọi chỉ vị trí trên bản đồ');
    });
    await operator.waitForSelector('.map .report-point');
    await axe(operator, 'report');
    await shoot(reportShot, 'report');

    // The agency's supervisor hands it to an officer.
    const supervisor = await newPage(browser);
    pages.push(supervisor);
    await signIn(supervisor, 'truongphong-xd');
    await openReport(supervisor, id);
    await act(supervisor, 'assign', async (form) => {
      await waitFor('the officers to assign', async () => (await form.locator('select option').count()) > 1);
      await form.locator('select').first().selectOption('canbo-xd-01');
    });

    // The officer finds it in their own list, takes it on and answers with a template.
    const officer = await newPage(browser, { width: 1024, height: 768 }); // a tablet
    pages.push(officer);
    await signIn(officer, 'canbo-xd-01');
    await officer.goto(`${consoleUrl}mine`);
    await officer.waitForSelector(`tr[data-id="${id}"]`);
    await axe(officer, 'officer');
    await shoot(officer, 'officer');
    await openReport(officer, id);
    await act(officer, 'accept', async () => {});
    await act(officer, 'respond', async (form) => {
      await waitFor('the answer templates', async () => (await form.locator('select option').count()) > 1);
      await form.locator('select').first().selectOption({ index: 1 });
      check((await form.locator('textarea').inputValue()).length > 10, 'the template fills the answer');
    });

    // The resident sees the answer (API), by the phone they called from.
    const mine = await waitFor('the answer in the resident\'s reports', async () => {
      const r = await api('GET', '/v1/me/feedback', { token: resident });
      const it = (r.json.items || []).find((f) => f.id === id);
      return it && it.status === 'ANSWERED' && it.answer ? it : null;
    });
    console.log(`resident sees: ${mine.answer.slice(0, 60)}…`);

    // The admin: accounts, catalogue, templates; the reveal is in the audit log; disabling the
    // officer ends their open session within seconds.
    const admin = await newPage(browser);
    pages.push(admin);
    await signIn(admin, 'quantri');
    await admin.goto(`${consoleUrl}admin`);
    await admin.waitForSelector('tr[data-username="canbo-xd-01"]');
    await axe(admin, 'admin-accounts');
    await shoot(admin, 'admin');
    await admin.click('text=Lĩnh vực, phân công, thông báo');
    await admin.click('table.categories tbody tr:first-child button');
    await admin.waitForSelector('form[data-category]');
    await axe(admin, 'admin-categories');
    await admin.click('text=Mẫu trả lời');
    await admin.waitForSelector('table.templates tbody tr');
    await axe(admin, 'admin-templates');
    // The reveal is in the audit log, as the console's audit screen shows it.
    await admin.goto(`${consoleUrl}audit`);
    await admin.fill('input[placeholder="staff:tongdai-01"]', 'staff:tongdai-01');
    await admin.click('form.filters button[type=submit]');
    await admin.waitForSelector(`table.audit tr:has-text("feedback/${id}"):has-text("reporter.phone"):has-text("gọi lại xác minh địa chỉ")`);
    await axe(admin, 'audit');
    await shoot(admin, 'audit');

    await admin.goto(`${consoleUrl}admin`);
    await admin.click('tr[data-username="canbo-xd-01"] button[data-do=disable]');
    const disabledAt = Date.now();
    await admin.waitForSelector('tr[data-username="canbo-xd-01"] button[data-do=enable]');
    await waitFor('the officer\'s session to be refused', async () => {
      await officer.goto(`${consoleUrl}mine`);
      return officer.waitForSelector('#signin-title', { timeout: 1500 }).then(() => true, () => false);
    }, 15000);
    figure('disabled_session_refused_ms', Date.now() - disabledAt);

    // The operations centre: the simulated truck moves between two screenshots.
    const ioc = await newPage(browser, { width: 1920, height: 1080 });
    pages.push(ioc);
    await signIn(ioc, 'dieuhanh-01');
    // Two fixes 280 s apart, 2.7 km (~35 km/h: a jump faster than 150 km/h would be ignored as a bad fix).
    const fix = async (lat, lng, heading, secondsAgo) => {
      const r = await api('POST', `/v1/waste/vehicles/${encodeURIComponent(VEHICLE)}/positions`, {
        token: integration,
        body: { positions: [{ lat, lng, speed: 18, heading, recordedAt: new Date(Date.now() - secondsAgo * 1000).toISOString() }] },
      });
      check(r.status === 200, `positions: ${r.status} ${JSON.stringify(r.json)}`);
    };
    await fix(10.5300, 106.4050, 50, 280);
    await ioc.goto(`${consoleUrl}operations`);
    await ioc.bringToFront(); // the wall screen is the page in front (Chromium slows the timers of others)
    await ioc.waitForSelector('.leaflet-marker-pane .truck');
    await ioc.waitForSelector(`tr[data-vehicle="${VEHICLE}"]`);
    await ioc.waitForTimeout(500);
    const where = () => ioc.evaluate(() => { const r = document.querySelector('.leaflet-marker-pane .truck').getBoundingClientRect(); return [r.x, r.y]; });
    const before = await where();
    await shoot(ioc, 'operations-1');
    await fix(10.5450, 106.4250, 50, 0);
    await waitFor('the truck to move on the map', async () => {
      const now = await where();
      return Math.hypot(now[0] - before[0], now[1] - before[1]) > 15;
    }, 10000);
    await shoot(ioc, 'operations-2');
    await axe(ioc, 'operations');

    // The operator's session renewed itself while they worked (tokens live 70 s in this stack).
    await operator.goto(consoleUrl);
    await operator.waitForSelector('table.reports tbody tr[data-id]');
    check((await tokenOf(operator)) !== firstOperatorToken, 'the operator\'s session was renewed');

    // Signing out ends the session on the server too: its token is refused afterwards.
    const iocToken = await tokenOf(ioc);
    await ioc.click('text=Đăng xuất');
    await ioc.waitForSelector('#signin-title');
    await waitFor('the signed-out token to be refused', async () => (await api('GET', '/v1/waste/vehicles', { token: iocToken })).status === 401);

    const sign = await newPage(browser);
    pages.push(sign);
    await sign.goto(consoleUrl);
    await sign.waitForSelector('#signin-title');
    await axe(sign, 'sign-in');
    await shoot(sign, 'sign-in');

    for (const p of pages) check(p.problems.length === 0, `browser errors: ${p.problems.join('; ')}`);
  } catch (e) {
    // What each page showed when it went wrong, beside the screenshots.
    for (const [i, p] of pages.entries()) {
      await shoot(p, `failure-${i}`).catch(() => {});
      console.error(`page ${i} (${p.url()}): problems ${p.problems.join("; ")}`);
    }
    throw e;
  } finally {
    await browser.close();
  }
  console.log(`FIGURES ${JSON.stringify(figures)}`);
}

main().then(() => process.exit(0), (e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
