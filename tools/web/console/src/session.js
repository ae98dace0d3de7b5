// The signed-in staff member: tokens kept for this tab (sessionStorage), renewed while the
// person works, dropped when the server says the session ended (signed out, disabled, revoked).
import { createClient } from '@laso/shared/api';

const KEY = 'laso.console.session';
const IDLE_MS = 30 * 60 * 1000; // no renewal after half an hour without a key or a click
let current = read();
let lastActivity = Date.now();
let timer = 0;
const listeners = new Set();

function read() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

function notify() {
  for (const fn of listeners) fn(current);
}

export const api = createClient({
  token: () => (current ? current.accessToken : ''),
  renew: async () => (await renewNow()) === true,
  onUnauthenticated: (error) => end(error.reason === 'SESSION_ENDED' || error.status === 'UNAUTHENTICATED'
    ? 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.'
    : error.message),
});

export const session = {
  get: () => current,
  subscribe(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  endedMessage: '',
};

export function start(pair) {
  current = pair;
  session.endedMessage = '';
  sessionStorage.setItem(KEY, JSON.stringify(pair));
  schedule();
  notify();
}

export function end(message = '') {
  clearTimeout(timer);
  current = null;
  session.endedMessage = message;
  sessionStorage.removeItem(KEY);
  notify();
}

export async function signOut() {
  if (!current) return;
  try {
    await api.call('staffSignOut', {});
  } catch {
    // the session is over on this side either way
  }
  end('');
}

function schedule() {
  clearTimeout(timer);
  if (!current) return;
  const due = new Date(current.expiresAt).getTime() - 60000 - Date.now();
  timer = setTimeout(renew, Math.max(1000, due));
}

// One renewal at a time, shared by whoever needs it (the timer, a call that met an expired token):
// true, or the error that refused it.
let renewing = null;
function renewNow() {
  if (!current) return Promise.resolve(new Error('signed out'));
  if (!renewing) {
    const refreshToken = current.refreshToken;
    renewing = api.call('staffRefresh', { refreshToken }, { anonymous: true })
      .then((pair) => { start(pair); return true; }, (e) => e)
      .finally(() => { renewing = null; });
  }
  return renewing;
}

async function renew() {
  if (!current) return;
  if (Date.now() - lastActivity > IDLE_MS) return end('Phiên đã hết hạn vì lâu không thao tác.');
  const result = await renewNow();
  if (result === true || !current) return;
  if (result.httpStatus === 0 || result.httpStatus >= 500) {
    timer = setTimeout(renew, 5000); // the network or a server hiccup: try again soon
  } else {
    end('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.');
  }
}

for (const type of ['keydown', 'pointerdown']) {
  addEventListener(type, () => { lastActivity = Date.now(); }, { passive: true, capture: true });
}
schedule();

export const role = () => (current && current.staff ? current.staff.role : '');
export const hasRole = (...roles) => roles.includes(role());
