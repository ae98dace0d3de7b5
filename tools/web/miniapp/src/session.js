// The resident's laso session: signed in with Zalo (and their phone when a feature needs it),
// kept for this app run, renewed before it lapses, and the privacy notice accepted first.
import { createClient } from '@laso/shared/api';
import { useEffect, useState } from 'react';
import { apiBase, zaloAccessToken, zaloPhoneToken } from './zalo.js';

let current = null; // {sessionToken, expiresAt, user}
const listeners = new Set();
const set = (s) => {
  current = s;
  for (const fn of listeners) fn(current);
};

export const api = createClient({
  base: apiBase(),
  token: () => (current ? current.sessionToken : ''),
  renew: async () => {
    try {
      await signIn();
      return true;
    } catch {
      return false;
    }
  },
});

export async function signIn() {
  const accessToken = await zaloAccessToken();
  set(await api.call('zaloSignIn', { accessToken }, { anonymous: true }));
  return current;
}

export async function verifyPhone() {
  const accessToken = await zaloAccessToken();
  const phoneToken = await zaloPhoneToken();
  set(await api.call('zaloVerifyPhone', { accessToken, phoneToken }, { anonymous: true }));
  return current;
}

// Accepting the notice answers a new session whose token carries the consent.
export function useSessionAfterConsent(answer) {
  if (answer && answer.session) set(answer.session);
}

export function useSession() {
  const [s, setS] = useState(current);
  useEffect(() => {
    listeners.add(setS);
    return () => listeners.delete(setS);
  }, []);
  return s;
}

export const session = () => current;
export const adopt = set;
