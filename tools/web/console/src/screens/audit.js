// The audit log for the data protection officer and admins: who looked at or acted on what, when,
// from where and why, newest first; filters by person, resident, agency and window.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { formatDateTime } from '@laso/shared/time';
import { api } from '../session.js';
import { ErrorBox, Field, useLoad } from '../parts/ui.js';

const FILTERS = ['actor', 'subject', 'agency', 'from', 'to'];

export function Audit() {
  const [form, setForm] = useState(Object.fromEntries(FILTERS.map((k) => [k, ''])));
  const [applied, setApplied] = useState(form);
  const [tokens, setTokens] = useState(['']);
  const pageToken = tokens[tokens.length - 1];
  const list = useLoad(() => api.call('listAudit', { ...applied, pageSize: 100, pageToken }), [applied, pageToken]);
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const entries = (list.value && list.value.entries) || [];
  return html`<section aria-labelledby="audit-title">
    <h1 id="audit-title">Nhật ký truy cập dữ liệu cá nhân</h1>
    <form class="filters" onSubmit=${(e) => { e.preventDefault(); setTokens(['']); setApplied(form); }}>
      <${Field} label="Cán bộ">${(id) => html`<input id=${id} placeholder="staff:tongdai-01" value=${form.actor} onInput=${set('actor')} />`}<//>
      <${Field} label="Người dân (mã Zalo)">${(id) => html`<input id=${id} value=${form.subject} onInput=${set('subject')} />`}<//>
      <${Field} label="Cơ quan">${(id) => html`<input id=${id} value=${form.agency} onInput=${set('agency')} />`}<//>
      <${Field} label="Từ ngày">${(id) => html`<input id=${id} type="date" value=${form.from} onInput=${set('from')} />`}<//>
      <${Field} label="Đến ngày">${(id) => html`<input id=${id} type="date" value=${form.to} onInput=${set('to')} />`}<//>
      <button type="submit" class="primary">Lọc</button>
    </form>
    <${ErrorBox} error=${list.error} />
    <table class="audit"><caption class="sr-only">Nhật ký</caption>
      <thead><tr><th scope="col">#</th><th scope="col">Lúc</th><th scope="col">Cán bộ</th><th scope="col">Cơ quan</th><th scope="col">Việc</th>
        <th scope="col">Hồ sơ</th><th scope="col">Trường</th><th scope="col">Lý do</th><th scope="col">IP</th></tr></thead>
      <tbody>${entries.map((e) => html`<tr data-seq=${e.seq}>
        <td>${e.seq}</td><td>${formatDateTime(e.at)}</td><td>${e.actor}<br /><small class="muted">${e.actorRole}</small></td>
        <td>${e.agency || ''}</td><td>${e.action}</td><td>${e.record}</td><td>${(e.fields || []).join(', ')}</td><td>${e.reason || ''}</td><td>${e.ip || ''}</td>
      </tr>`)}
      ${!list.loading && entries.length === 0 ? html`<tr><td colspan="9" class="muted">Không có mục nào.</td></tr>` : ''}</tbody>
    </table>
    <div class="pager">
      <button type="button" disabled=${tokens.length < 2} onClick=${() => setTokens(tokens.slice(0, -1))}>‹ Trang trước</button>
      <button type="button" disabled=${!(list.value && list.value.nextPageToken)} onClick=${() => setTokens([...tokens, list.value.nextPageToken])}>Trang sau ›</button>
    </div>
    <p class="muted">Nhật ký được nối chuỗi băm: <code>laso audit verify</code> cho biết có mục nào bị sửa, xóa hay chèn thêm.</p>
  </section>`;
}
