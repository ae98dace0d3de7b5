// The console's frame: who is signed in, what their role may open, and the screen of the path.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { roleLabels } from '@laso/shared/labels';
import { session, signOut } from './session.js';
import { useRoute, href, follow, navigate } from './router.js';
import { SignIn } from './screens/signin.js';
import { Queue } from './screens/queue.js';
import { Report } from './screens/report.js';
import { Hotline } from './screens/hotline.js';
import { Admin } from './screens/admin.js';
import { Operations } from './screens/operations.js';
import { Audit } from './screens/audit.js';

const screens = [
  { path: '/', label: 'Hàng đợi phản ánh', roles: ['OPERATOR', 'SUPERVISOR', 'OFFICER', 'ADMIN'], view: Queue },
  { path: '/mine', label: 'Việc của tôi', roles: ['OFFICER', 'SUPERVISOR'], view: (p) => html`<${Queue} ...${p} mine />` },
  { path: '/hotline', label: 'Nhận cuộc gọi', roles: ['OPERATOR', 'ADMIN'], view: Hotline, key: 'n' },
  { path: '/operations', label: 'Trung tâm điều hành', roles: ['OPERATOR', 'SUPERVISOR', 'ADMIN'], view: Operations },
  { path: '/admin', label: 'Quản trị', roles: ['ADMIN'], view: Admin },
  { path: '/audit', label: 'Nhật ký truy cập', roles: ['ADMIN', 'DPO'], view: Audit },
];

function useSession() {
  const [current, setCurrent] = useState(session.get());
  useEffect(() => session.subscribe(setCurrent), []);
  return current;
}

export function App() {
  const current = useSession();
  const route = useRoute();
  if (!current) return html`<${SignIn} message=${session.endedMessage} />`;
  const role = current.staff.role;
  const allowed = screens.filter((s) => s.roles.includes(role));
  const report = route.path.match(/^\/reports\/([^/]+)$/);
  const screen = allowed.find((s) => s.path === route.path);
  let body;
  if (report) body = html`<${Report} id=${decodeURIComponent(report[1])} />`;
  else if (screen) body = html`<${screen.view} query=${route.query} />`;
  else if (allowed.length) body = html`<${allowed[0].view} query=${route.query} />`;
  else body = html`<p class="panel">Vai trò của bạn không có màn hình nào ở đây.</p>`;
  const wall = route.path === '/operations';
  return html`
    <div class=${wall ? 'shell wall' : 'shell'}>
      <a class="skip" href="#main">Bỏ qua thanh điều hướng</a>
      <header class="topbar">
        <span class="brand">laso · 1022</span>
        <nav aria-label="Màn hình">
          ${allowed.map((s) => html`<a href=${href(s.path)} onClick=${follow}
              aria-current=${(screen ? screen.path : allowed[0].path) === s.path && !report ? 'page' : undefined}>${s.label}</a>`)}
        </nav>
        <span class="who">
          <span>${current.staff.displayName || current.staff.username}</span>
          <span class="muted"> · ${roleLabels[role] || role}${current.staff.agency ? ` · ${current.staff.agency}` : ''}</span>
        </span>
        <button type="button" class="link" onClick=${() => signOut().then(() => navigate('/'))}>Đăng xuất</button>
      </header>
      <main id="main" tabindex="-1">${body}</main>
    </div>`;
}
