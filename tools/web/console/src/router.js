// Paths under /console/ as the console's own routes (the gateway answers each with the page).
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

export function currentRoute() {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

export function navigate(to, { replace = false } = {}) {
  const url = to.startsWith(BASE) ? to : BASE + to;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new Event('laso:navigate'));
}

export function useRoute() {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    addEventListener('popstate', update);
    addEventListener('laso:navigate', update);
    return () => {
      removeEventListener('popstate', update);
      removeEventListener('laso:navigate', update);
    };
  }, []);
  return route;
}

// <a href=${href('/reports/x')} onClick=${follow}>: a real link (new tab works) that stays in the page.
export const href = (to) => BASE + to;
export function follow(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const a = event.currentTarget;
  event.preventDefault();
  navigate(a.getAttribute('href'));
}
