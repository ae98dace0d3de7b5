// What the browser tests share: Debian's Chromium under playwright-core, TOTP codes for staff
// sign-ins, an axe-core check, screenshots into the build tree, and plain HTTP to the gateway.
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

// playwright-core and axe-core come from the web workspace's node_modules (npm ci).
const web = createRequire(path.join(env('LASO_WEB_DIR'), 'package.json'));
export const { chromium } = web('playwright-core');
const axeSource = web('axe-core').source;

export const gateway = env('LASO_WEB_GATEWAY');
export const screenshotsDir = env('LASO_WEB_SCREENSHOTS');
mkdirSync(screenshotsDir, { recursive: true });

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

export const figures = {};
export function figure(name, value) {
  figures[name] = value;
  console.log(`FIGURE ${name}=${value}`);
}

// RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits); each code is good once, so every sign-in takes the
// next step not yet used for that secret (the server accepts ±1 step).
const usedSteps = new Map();
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}
export async function totp(secretBase32) {
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const used = usedSteps.get(secretBase32) || -Infinity;
    const step = Math.max(now - 1, used + 1);
    if (step <= now + 1) {
      usedSteps.set(secretBase32, step);
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(step));
      const mac = createHmac('sha1', base32(secretBase32)).update(counter).digest();
      const offset = mac[mac.length - 1] & 0xf;
      const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
      return String(code).padStart(6, '0');
    }
    await new Promise((r) => setTimeout(r, 1000)); // every code of the window is spent: wait for the next
  }
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.LASO_WEB_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=vi-VN'],
  });
}

// A new person at the console: their own browser context (1366×768 unless told), CSP bypassed
// only so that axe-core can be injected; the page itself runs under the gateway's CSP otherwise.
export async function newPage(browser, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // 400/401/403 answers the console handles (the first sign-in's PASSWORD_CHANGE_REQUIRED, an ended session) are not problems.
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[013]/.test(m.text())) problems.push(`console: ${m.text()}`); });
  page.problems = problems;
  return page;
}

export async function axe(page, screen) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe ${screen}: ${result.length} violations, ${bad.length} serious or critical`);
  check(bad.length === 0, `axe on ${screen}: ${JSON.stringify(bad)}`);
}

export async function shoot(page, name) {
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
}

export async function api(method, route, { token, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (body !== undefined) h['Content-Type'] = 'application/json';
  const response = await fetch(gateway + route, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { json = { text }; }
  return { status: response.status, json };
}

export async function waitFor(what, fn, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
