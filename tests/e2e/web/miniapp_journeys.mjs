// The Mini App's journeys in Debian's Chromium on a 360×800 phone, against a real stack and
// fake-zalo (started by miniapp_web_e2e_test.cc). The test build is served here on localhost, with
// gzip as Zalo's CDN serves it; the Zalo tokens the app's adapter would get from Zalo are minted at
// fake-zalo and injected as window.__LASO_TEST__ (a test-build-only path).
import { createServer } from 'node:http';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { api, axe, check, figure, figures, gateway, launch, shoot as shootNow, waitFor } from './browser.mjs';

// After zmp-ui's page transition (about 300 ms) has settled.
const shoot = async (page, name) => { await page.waitForTimeout(500); await shootNow(page, name); };

const appDir = process.env.LASO_WEB_MINIAPP_DIR;
const prodDir = process.env.LASO_WEB_MINIAPP_PROD_DIR;
const port = Number(process.env.LASO_WEB_MINIAPP_PORT);
const zalo = process.env.LASO_WEB_ZALO;
const officers = JSON.parse(process.env.LASO_WEB_OFFICERS); // agency → access token
const integration = process.env.LASO_WEB_INTEGRATION_TOKEN;
const appUrl = `http://localhost:${port}/`;
const PLACE = { latitude: 10.5372, longitude: 106.4123 }; // Chợ phường Tân An, on the demo routes
const VEHICLE = '62C-246.80'; // the truck of tan-an-huu-co-1
// A 1×1 PNG: the photo chooseImage gives in the test build.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };

function serve(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, appUrl);
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir) || !existsSync(file) || url.pathname === '/') file = path.join(dir, 'index.html');
    let body = readFileSync(file);
    const headers = { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' };
    if (/gzip/.test(req.headers['accept-encoding'] || '') && body.length > 1024) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) => server.listen(port, 'localhost', () => resolve(server)));
}

function jsGzipBytes(dir) {
  const assets = path.join(dir, 'assets');
  return readdirSync(assets).filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length, 0);
}

function productionBundleHasNoTestPath() {
  const assets = path.join(prodDir, 'assets');
  for (const f of readdirSync(assets).filter((x) => x.endsWith('.js'))) {
    const text = readFileSync(path.join(assets, f), 'utf8');
    check(!text.includes('__LASO_TEST__'), `the production bundle ${f} carries the test adapter`);
  }
}

// The callback Zalo sends once the resident has paid, signed with the app's Checkout key.
function zaloCallback(order, transId) {
  const key = process.env.LASO_WEB_CHECKOUT_KEY;
  const data = { appId: '3068034467539094765', amount: Number(order.amount), description: order.desc, orderId: `o-${transId}`,
    message: 'Giao dịch thành công', resultCode: 1, transId, extradata: order.extradata };
  const signed = ['appId', 'amount', 'description', 'orderId', 'message', 'resultCode', 'transId'].map((k) => `${k}=${data[k]}`).join('&');
  const overall = Object.keys(data).sort().map((k) => `${k}=${data[k]}`).join('&');
  const hmac = (text) => createHmac('sha256', key).update(text).digest('hex');
  return { data, mac: hmac(signed), overallMac: hmac(overall) };
}

async function newPhone(browser, injected) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP: true,
    geolocation: PLACE, permissions: ['geolocation'],
  });
  await context.addInitScript((value) => { window.__LASO_TEST__ = value; }, injected);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  return page;
}

async function main() {
  productionBundleHasNoTestPath();
  const gz = jsGzipBytes(prodDir);
  figure('miniapp_js_gzip_kb', (gz / 1024).toFixed(1));
  check(gz <= 250 * 1024, `the Mini App's JavaScript is ${gz} bytes gzipped, over 250 KB`);

  // A Zalo user of fake-zalo's, with the demo resident's phone (the demo dossiers are theirs) and a place.
  const minted = await fetch(`${zalo}/_test/users`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Nguyễn Văn An', phone: '84901234567', ...PLACE }),
  }).then((r) => r.json());
  check(minted.accessToken && minted.locationToken, `fake-zalo user: ${JSON.stringify(minted)}`);
  const injected = { api: gateway, accessToken: minted.accessToken, phoneToken: minted.phoneToken, locationToken: minted.locationToken,
    photos: [`data:image/png;base64,${PNG}`] };

  const server = await serve(appDir);
  const browser = await launch();
  let phone;
  try {
    // First screen on a slow 3G network (400 ms, 400 kbit/s), as Chrome's DevTools define it.
    phone = await newPhone(browser, injected);
    const cdp = await phone.context().newCDPSession(phone);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50000, uploadThroughput: 50000 });
    let t = Date.now();
    await phone.goto(appUrl);
    await phone.waitForSelector('text=Thông báo xử lý dữ liệu cá nhân', { timeout: 30000 });
    figure('miniapp_first_screen_slow3g_ms', Date.now() - t);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await axe(phone, 'miniapp-consent');
    await shoot(phone, 'miniapp-consent');
    // Every optional purpose granted: Zalo messages and the truck-approaching warning.
    for (const sw of await phone.locator('input[name^="consent-"]').all()) await sw.check({ force: true });
    await phone.click('text=Đồng ý và tiếp tục');
    await phone.waitForSelector('text=Phản ánh 1022');
    await axe(phone, 'miniapp-home');
    await shoot(phone, 'miniapp-home');

    // A report with the phone's location: the point stored is the one fake-zalo's token stands for.
    await phone.click('text=Phản ánh 1022');
    await phone.fill('input[name=categorySearch]', 'den chieu sang');
    await phone.click('[data-category="street-light"]');
    await phone.fill('textarea[name=description]', 'Đèn đường trước chợ tắt ba đêm nay, đi lại rất tối và nguy hiểm.');
    await phone.click('text=Dùng vị trí hiện tại');
    await phone.waitForSelector(`[data-point="${PLACE.latitude},${PLACE.longitude}"]`);
    await phone.fill('input[name=address]', 'Trước cổng chợ phường Tân An');
    await phone.click('text=Thêm ảnh');
    await phone.waitForSelector('[data-photo]:not([data-photo=uploading])');
    await axe(phone, 'miniapp-report');
    await shoot(phone, 'miniapp-report');
    await phone.click('button[type=submit]');
    const id = await (await phone.waitForSelector('[data-filed]')).getAttribute('data-filed');
    await phone.waitForSelector(`[data-report="${id}"]`);
    await shoot(phone, 'miniapp-report-filed');
    console.log(`filed ${id}`);
    const stored = (await api('GET', `/v1/feedback/${id}`)).json;
    check((stored.attachments || []).length === 1, `the photo is on the report: ${JSON.stringify(stored.attachments)}`);
    check(stored.location && Math.abs(stored.location.latitude - PLACE.latitude) < 1e-6 &&
      Math.abs(stored.location.longitude - PLACE.longitude) < 1e-6, `stored point: ${JSON.stringify(stored.location)}`);

    // The agency answers (API); the answer shows in my reports and the inbox gets it.
    const officer = officers[stored.agencyCode];
    check(officer, `an officer of ${stored.agencyCode}`);
    check((await api('POST', `/v1/feedback/${id}:accept`, { token: officer, body: {} })).status === 200, 'accept');
    const answered = await api('POST', `/v1/feedback/${id}:respond`, {
      token: officer, body: { public: true, message: 'Đã thay bóng đèn trước cổng chợ, cảm ơn bạn đã phản ánh.' },
    });
    check(answered.status === 200, `respond: ${JSON.stringify(answered.json)}`);
    await phone.click('text=‹ Trang chủ');
    await phone.click('text=Phản ánh 1022');
    await phone.waitForSelector(`[data-report="${id}"] .answer`);
    // Five stars for the answer.
    await phone.click(`[data-report="${id}"] button[aria-label="5 sao"]`);
    await phone.waitForSelector(`[data-report="${id}"] >> text=Bạn đã chấm 5 sao.`);
    await phone.click('text=‹ Trang chủ');
    await phone.waitForSelector('text=Hộp thư');
    await waitFor('the inbox to tell the answer', async () => {
      await phone.click('text=Hộp thư');
      const seen = await phone.waitForSelector('[data-notification]', { timeout: 2000 }).then(() => true, () => false);
      if (!seen) await phone.click('text=‹ Trang chủ');
      return seen;
    }, 20000);
    await axe(phone, 'miniapp-inbox');
    await shoot(phone, 'miniapp-inbox');
    // Notification settings: no Zalo messages about bills.
    await phone.click('text=Cài đặt thông báo');
    await phone.waitForSelector('[data-kind="bill"]');
    await phone.locator('input[name="zalo-bill"]').uncheck({ force: true });
    await phone.click('button:has-text("Lưu")');
    await phone.waitForSelector('text=Đã lưu.');
    await axe(phone, 'miniapp-settings');
    await shoot(phone, 'miniapp-settings');
    await phone.click('text=‹ Trang chủ');

    // My dossiers (the verified phone's), and one looked up by its code and the phone.
    await phone.click('text=Hồ sơ của tôi');
    const first = await (await phone.waitForSelector('[data-dossier]')).getAttribute('data-dossier');
    await phone.fill('input[name=code]', first);
    await phone.fill('input[name=verifier]', '0901234567');
    await phone.click('text=Tra cứu');
    await waitFor('the looked-up dossier', async () => (await phone.locator(`[data-dossier="${first}"]`).count()) >= 2);
    await axe(phone, 'miniapp-dossiers');
    await shoot(phone, 'miniapp-dossiers');
    await phone.click('text=‹ Trang chủ');

    // Collection: the next pickup day at the place, and the truck's ETA once it drives today.
    const fix = await api('POST', `/v1/waste/vehicles/${encodeURIComponent(VEHICLE)}/positions`, {
      token: integration, body: { positions: [{ lat: 10.534, lng: 106.41, speed: 15, heading: 30, recordedAt: new Date().toISOString() }] },
    });
    check(fix.status === 200, `truck position: ${fix.status}`);
    await phone.click('text=Lịch thu gom rác');
    await phone.waitForSelector('[data-route] .next-pickup');
    await phone.waitForSelector('[data-eta]');
    // The truck-approaching warning here, then cancelled.
    await phone.click('text=Nhắc tôi ở vị trí này');
    const subscription = await (await phone.waitForSelector('[data-subscription]')).getAttribute('data-subscription');
    await axe(phone, 'miniapp-waste');
    await shoot(phone, 'miniapp-waste');
    await phone.click(`[data-subscription="${subscription}"] button`);
    await phone.waitForSelector('text=Nhắc tôi ở vị trí này');

    // A missed pickup from the route's card: the report comes prefilled and goes to the route's operator.
    await phone.click('[data-route="tan-an-huu-co-1"] >> text=Báo xe không thu gom');
    await phone.waitForSelector('[data-category="missed-pickup"][aria-checked=true]');
    await phone.click('form button[type=submit]');
    const missed = await (await phone.waitForSelector('[data-filed]')).getAttribute('data-filed');
    const missedReport = (await api('GET', `/v1/feedback/${missed}`)).json;
    check(missedReport.categoryCode === 'missed-pickup' && missedReport.agencyCode === 'cty-moi-truong' &&
      JSON.stringify(missedReport.answers || []).includes('tan-an-huu-co-1'), `missed pickup: ${JSON.stringify(missedReport).slice(0, 400)}`);

    // Bills: link the demo account, pay the bill with Zalo Checkout, Zalo's callback, PAID.
    await phone.click('text=‹ Trang chủ');
    await phone.click('text=Hóa đơn điện nước');
    await phone.waitForSelector('select[name=provider] option:nth-child(2)', { state: 'attached' });
    await phone.selectOption('select[name=provider]', { index: 1 });
    await phone.fill('input[name=customerCode]', 'PB06010000000');
    await phone.fill('input[name=alias]', 'Nhà ở Tân An');
    await phone.click('form.card button[type=submit]');
    const billId = await (await phone.waitForSelector('[data-bill]:not([data-status=PAID])')).getAttribute('data-bill');
    await axe(phone, 'miniapp-bills');
    await phone.click(`[data-bill="${billId}"] button`);
    const order = await waitFor('the Zalo Checkout order', () => phone.evaluate(() => (window.__LASO_TEST__.orders || [])[0]));
    check(JSON.parse(order.extradata).billId === billId && order.mac, `order: ${JSON.stringify(order)}`);
    const paid = await api('POST', '/v1/payments/zalo/callback', { body: zaloCallback(order, 'web-t-1') });
    check(paid.json.returnCode === 1, `callback: ${JSON.stringify(paid.json)}`);
    await phone.waitForSelector(`[data-bill="${billId}"][data-status=PAID]`, { timeout: 10000 });
    await shoot(phone, 'miniapp-bills');

    check(phone.problems.length === 0, `browser errors: ${phone.problems.join('; ')}`);
  } catch (e) {
    if (phone) await shoot(phone, 'miniapp-failure').catch(() => {});
    throw e;
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`FIGURES ${JSON.stringify(figures)}`);
}

main().then(() => process.exit(0), (e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
