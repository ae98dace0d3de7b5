// Answer templates: Vietnamese texts with placeholders the service fills for a report.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../session.js';
import { loadCatalog } from '../parts/catalog.js';
import { ErrorBox, Field, Notice, useLoad, useSubmit } from '../parts/ui.js';

const blank = { code: '', categoryCode: '', title: '', body: '', active: true };

export function Templates() {
  const list = useLoad(async () => {
    const [t, catalog] = await Promise.all([api.call('listTemplates', { includeInactive: true }), loadCatalog()]);
    return { templates: t.templates || [], catalog };
  }, []);
  const [edit, setEdit] = useState(blank);
  const [done, setDone] = useState('');
  const { busy, error, submit } = useSubmit();
  const set = (k) => (e) => setEdit({ ...edit, [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const value = list.value || { templates: [], catalog: { categories: [] } };
  return html`<section aria-label="Mẫu trả lời">
    <${ErrorBox} error=${list.error} />
    <table class="templates"><caption class="sr-only">Mẫu trả lời</caption>
      <thead><tr><th scope="col">Mã</th><th scope="col">Lĩnh vực</th><th scope="col">Tiêu đề</th><th scope="col"></th></tr></thead>
      <tbody>${value.templates.map((t) => html`<tr><td>${t.code}</td><td>${t.categoryCode || 'mọi lĩnh vực'}</td><td>${t.title}${t.active ? '' : ' (ngừng)'}</td>
        <td><button type="button" onClick=${() => setEdit({ ...blank, ...t })}>Sửa</button></td></tr>`)}</tbody>
    </table>
    <form class="panel" onSubmit=${(e) => {
      e.preventDefault();
      setDone('');
      submit(async () => {
        await api.call('putTemplate', { template: { code: edit.code, categoryCode: edit.categoryCode, title: edit.title, body: edit.body, active: edit.active } });
        setDone(`Đã lưu mẫu ${edit.code}.`);
        setEdit(blank);
        list.reload(true);
      });
    }}>
      <h3>${edit.code && value.templates.some((t) => t.code === edit.code) ? `Sửa mẫu ${edit.code}` : 'Mẫu mới'}</h3>
      <div class="row wrap">
        <${Field} label="Mã">${(id) => html`<input id=${id} required pattern="[a-z0-9._\\-]{2,64}" value=${edit.code} onInput=${set('code')} />`}<//>
        <${Field} label="Lĩnh vực">${(id) => html`<select id=${id} value=${edit.categoryCode} onChange=${set('categoryCode')}>
          <option value="">Mọi lĩnh vực</option>${value.catalog.categories.map((c) => html`<option value=${c.code}>${c.nameVi}</option>`)}</select>`}<//>
        <${Field} label="Tiêu đề">${(id) => html`<input id=${id} required maxlength="200" value=${edit.title} onInput=${set('title')} />`}<//>
        <label class="check"><input type="checkbox" checked=${edit.active} onChange=${set('active')} /> Đang dùng</label>
      </div>
      <${Field} label="Nội dung" hint="Chỗ trống: {id} {category} {agency} {agency_phone} {ward} {address} {received_date} {due_date}">${(id) => html`
        <textarea id=${id} required rows="6" maxlength="4000" value=${edit.body} onInput=${set('body')}></textarea>`}<//>
      <${ErrorBox} error=${error} />
      <${Notice} text=${done} />
      <button type="submit" class="primary" disabled=${busy}>Lưu mẫu</button>
    </form>
  </section>`;
}
