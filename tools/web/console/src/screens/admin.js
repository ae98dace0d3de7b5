// Administration: staff accounts, the catalogue's categories with routing rules and notices,
// and answer templates. Every change here is recorded in the audit log by the service.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { roleLabels } from '@laso/shared/labels';
import { formatDateTime } from '@laso/shared/time';
import { api } from '../session.js';
import { ErrorBox, Field, Notice, options, useLoad, useSubmit } from '../parts/ui.js';
import { Categories } from './admin_categories.js';
import { Templates } from './admin_templates.js';

function Enrolment({ enrolment, onClose }) {
  return html`<div class="notice enrolment" role="status">
    <p><strong>${enrolment.staff.username}</strong>: mật khẩu dùng một lần <code data-otp>${enrolment.oneTimePassword}</code></p>
    <p>Khóa TOTP (nhập vào ứng dụng xác thực): <code data-totp>${enrolment.totpSecret}</code></p>
    <p class="muted">Chỉ hiện một lần. Trao tận tay người dùng; lần đăng nhập đầu họ sẽ đổi mật khẩu.</p>
    <button type="button" onClick=${onClose}>Đã ghi lại</button>
  </div>`;
}

function Accounts() {
  const list = useLoad(async () => (await api.call('listStaff', { pageSize: 200, includeDisabled: true })).staff || [], []);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'OPERATOR', agency: '' });
  const [enrolment, setEnrolment] = useState(null);
  const [done, setDone] = useState('');
  const create = useSubmit();
  const act = useSubmit();
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const run = (label, fn) => act.submit(async () => {
    setDone('');
    const answer = await fn();
    if (answer && answer.oneTimePassword) setEnrolment(answer);
    setDone(label);
    list.reload(true);
  });
  return html`<section aria-labelledby="accounts-title">
    <h2 id="accounts-title">Tài khoản cán bộ</h2>
    ${enrolment ? html`<${Enrolment} enrolment=${enrolment} onClose=${() => setEnrolment(null)} />` : ''}
    <form class="panel row wrap" onSubmit=${(e) => {
      e.preventDefault();
      create.submit(async () => {
        setEnrolment(await api.call('createStaff', { ...form, agency: form.agency || undefined }));
        setForm({ username: '', displayName: '', role: 'OPERATOR', agency: '' });
        list.reload(true);
      });
    }}>
      <${Field} label="Tên đăng nhập">${(id) => html`<input id=${id} name="username" required pattern="[a-z0-9._\\-]{3,32}" value=${form.username} onInput=${set('username')} />`}<//>
      <${Field} label="Họ tên">${(id) => html`<input id=${id} name="displayName" required maxlength="100" value=${form.displayName} onInput=${set('displayName')} />`}<//>
      <${Field} label="Vai trò">${(id) => html`<select id=${id} name="role" value=${form.role} onChange=${set('role')}>${options(roleLabels)}</select>`}<//>
      <${Field} label="Cơ quan (cán bộ, lãnh đạo)">${(id) => html`<input id=${id} name="agency" maxlength="64" value=${form.agency} onInput=${set('agency')} />`}<//>
      <button type="submit" class="primary" disabled=${create.busy}>Tạo tài khoản</button>
      <${ErrorBox} error=${create.error} />
    </form>
    <${ErrorBox} error=${list.error || act.error} />
    <${Notice} text=${done} />
    <table class="staff">
      <caption class="sr-only">Tài khoản</caption>
      <thead><tr><th scope="col">Tên đăng nhập</th><th scope="col">Họ tên</th><th scope="col">Vai trò</th><th scope="col">Cơ quan</th>
        <th scope="col">Đăng nhập gần nhất</th><th scope="col">Trạng thái</th><th scope="col">Thao tác</th></tr></thead>
      <tbody>${(list.value || []).map((s) => html`<tr data-username=${s.username}>
        <td>${s.username}</td><td>${s.displayName}</td><td>${roleLabels[s.role] || s.role}</td><td>${s.agency || ''}</td>
        <td>${formatDateTime(s.lastSignInAt)}</td>
        <td>${s.active ? (s.passwordChangeRequired ? 'chờ đổi mật khẩu' : 'hoạt động') : html`<span class="late">đã khóa</span>`}</td>
        <td class="buttons">
          ${s.active
            ? html`<button type="button" data-do="disable" onClick=${() => run(`Đã khóa ${s.username}.`, () => api.call('updateStaff', { username: s.username, active: false }))}>Khóa</button>`
            : html`<button type="button" data-do="enable" onClick=${() => run(`Đã mở khóa ${s.username}.`, () => api.call('updateStaff', { username: s.username, active: true }))}>Mở khóa</button>`}
          <button type="button" data-do="reset" onClick=${() => run(`Đã cấp lại mật khẩu cho ${s.username}.`, () => api.call('resetStaff', { username: s.username }))}>Cấp lại mật khẩu</button>
          <button type="button" data-do="revoke" onClick=${() => run(`Đã đăng xuất ${s.username} khỏi mọi nơi.`, () => api.call('revokeStaffSessions', { username: s.username }))}>Đăng xuất mọi nơi</button>
          <select aria-label=${`Đổi vai trò của ${s.username}`} value=${s.role}
            onChange=${(e) => { const role = e.currentTarget.value; run(`Đã đổi vai trò của ${s.username}.`, () => api.call('updateStaff', { username: s.username, role })); }}>
            ${options(roleLabels)}</select>
        </td></tr>`)}</tbody>
    </table>
  </section>`;
}

const tabs = [
  { key: 'accounts', label: 'Tài khoản', view: Accounts },
  { key: 'categories', label: 'Lĩnh vực, phân công, thông báo', view: Categories },
  { key: 'templates', label: 'Mẫu trả lời', view: Templates },
];

export function Admin({ query }) {
  const [tab, setTab] = useState(query.get('tab') || 'accounts');
  const current = tabs.find((t) => t.key === tab) || tabs[0];
  return html`<section class="admin" aria-labelledby="admin-title">
    <h1 id="admin-title">Quản trị</h1>
    <div class="tabs" role="group" aria-label="Mục quản trị">
      ${tabs.map((t) => html`<button type="button" aria-pressed=${t.key === current.key} onClick=${() => setTab(t.key)}>${t.label}</button>`)}
    </div>
    <${current.view} />
  </section>`;
}
