// Every zmp-sdk call goes through here. Inside Zalo they ask Zalo; in a build made for tests
// (`vite build --mode test`) they answer with what the test injected as window.__LASO_TEST__
// (tokens minted by fake-zalo). In the production build `import.meta.env.MODE === 'test'` is false
// at build time, so none of the test path is in the bundle (checked by tests/e2e/web).
import { getAccessToken, getPhoneNumber, getLocation, scanQRCode, chooseImage, Payment } from 'zmp-sdk/apis';

const testing = import.meta.env.MODE === 'test';
// A test injects window.__LASO_TEST__; a desktop demo (tools/up) passes the same in the address:
// ?accessToken=…&phoneToken=…&locationToken=…&api=… (fake-zalo's demo tokens).
function injected() {
  if (!testing) return {};
  if (window.__LASO_TEST__) return window.__LASO_TEST__;
  const q = new URLSearchParams(location.search);
  const fromUrl = Object.fromEntries(['accessToken', 'phoneToken', 'locationToken', 'api'].filter((k) => q.get(k)).map((k) => [k, q.get(k)]));
  if (Object.keys(fromUrl).length) sessionStorage.setItem('laso.demo.zalo', JSON.stringify(fromUrl));
  return JSON.parse(sessionStorage.getItem('laso.demo.zalo') || '{}');
}

export async function zaloAccessToken() {
  if (testing) return injected().accessToken || '';
  return getAccessToken();
}

export async function zaloPhoneToken() {
  if (testing) return injected().phoneToken || '';
  const { token } = await getPhoneNumber();
  return token || '';
}

export async function zaloLocationToken() {
  if (testing) return injected().locationToken || '';
  const { token } = await getLocation();
  return token || '';
}

export async function scanDossierCode() {
  if (testing) return injected().qrContent || '';
  const { content } = await scanQRCode();
  return content || '';
}

// Photos from the album or the camera, as Blobs (Zalo gives paths the app can fetch); a test build
// takes window.__LASO_TEST__.photos (data: URLs).
export async function choosePhotos(count) {
  const paths = testing ? (injected().photos || []).slice(0, count) : (await chooseImage({ count, sourceType: ['album', 'camera'] })).filePaths || [];
  return Promise.all(paths.map(async (p) => (await fetch(p)).blob()));
}

// Zalo Checkout with the fields and mac laso's :checkout signed. In a test build the order is kept
// in window.__LASO_TEST__.orders for the test to pay (it then sends Zalo's callback itself).
export async function payWithZalo(order) {
  if (testing) {
    const box = injected();
    box.orders = [...(box.orders || []), order];
    return { orderId: `test-${box.orders.length}` };
  }
  return new Promise((resolve, reject) => {
    Payment.createOrder({ ...order, success: resolve, fail: reject });
  });
}

// The gateway this build talks to.
export function apiBase() {
  if (testing && injected().api) return injected().api;
  return import.meta.env.VITE_LASO_API || 'http://127.0.0.1:8080';
}
