// Categories: names, deadlines, default priority, the desk's notice and closing, and the
// routing rules (ward → agency) that send a new report straight to its agency.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { priorityLabels } from '@laso/shared/labels';
import { api } from '../session.js';
import { loadCatalog } from '../parts/catalog.js';
import { ErrorBox, Field, Notice, options, useLoad, useSubmit } from '../parts/ui.js';

// datetime-local in Vietnam time ⇄ RFC 3339.
const toLocal = (t) => (t ? new Date(new Date(t).getTime() + 7 * 3600000).toISOString().slice(0, 16) : '');
const fromLocal = (v) => (v ? `${v}:00+07:00` : undefined);

function Editor({ category, catalog, onSaved }) {
  const [c, setC] = useState({ ...category, routing: [...(category.routing || [])], closedUntilLocal: toLocal(category.closedUntil) });
  const { busy, error, submit } = useSubmit();
  const [done, setDone] = useState('');
  const set = (k, number = false) => (e) => setC({ ...c, [k]: number ? Number(e.currentTarget.value) : e.currentTarget.value });
  const setRule = (i, k) => (e) => {
    const routing = c.routing.slice();
    routing[i] = { ...routing[i], [k]: e.currentTarget.value };
    setC({ ...c, routing });
  };
  const save = (e) => {
    e.preventDefault();
    submit(async () => {
      const body = { ...c, closedUntil: fromLocal(c.closedUntilLocal) };
      delete body.closedUntilLocal;
      if (!body.closedUntil) delete body.closedUntil;
      await api.call('putCategory', { category: body });
      setDone('Đã lưu lĩnh vực.');
      onSaved();
    });
  };
  return html`<form class="panel" onSubmit=${save} data-category=${c.code}>
    <h3>${c.code}</h3>
    <div class="row wrap">
      <${Field} label="Tên">${(id) => html`<input id=${id} required maxlength="200" value=${c.nameVi} onInput=${set('nameVi')} />`}<//>
      <${Field} label="Nhóm">${(id) => html`<input id=${id} maxlength="100" value=${c.group} onInput=${set('group')} />`}<//>
      <${Field} label="Số ngày làm việc để trả lời">${(id) => html`<input id=${id} type="number" min="1" max="60" value=${c.answerDays} onInput=${set('answerDays', true)} />`}<//>
      <${Field} label="Ưu tiên mặc định">${(id) => html`<select id=${id} value=${c.defaultPriority || ''} onChange=${set('defaultPriority')}>
        ${options(priorityLabels, 'Bình thường')}</select>`}<//>
      <label class="check"><input type="checkbox" checked=${c.active} onChange=${(e) => setC({ ...c, active: e.currentTarget.checked })} /> Đang nhận phản ánh</label>
    </div>
    <${Field} label="Thông báo hiện cùng lĩnh vực" hint="vd. «Mất điện diện rộng: gọi 1900 1006». Tối đa 500 ký tự.">${(id) => html`
      <textarea id=${id} rows="2" maxlength="500" value=${c.notice || ''} onInput=${set('notice')}></textarea>`}<//>
    <${Field} label="Tạm ngừng nhận đến (giờ Việt Nam)" hint="Trống: không ngừng. Trong thời gian này phản ánh mới bị từ chối kèm thông báo.">${(id) => html`
      <input id=${id} type="datetime-local" value=${c.closedUntilLocal}
        onInput=${(e) => setC({ ...c, closedUntilLocal: e.currentTarget.value })} />`}<//>
    <h4>Phân công tự động (phường/xã → cơ quan)</h4>
    <table class="rules"><caption class="sr-only">Quy tắc phân công</caption>
      <thead><tr><th scope="col">Phường/xã</th><th scope="col">Cơ quan</th><th scope="col"><span class="sr-only">Xóa</span></th></tr></thead>
      <tbody>${c.routing.map((r, i) => html`<tr>
        <td><select aria-label="Phường/xã" value=${r.wardCode || ''} onChange=${setRule(i, 'wardCode')}>
          <option value="">Mọi phường/xã</option>${catalog.wards.map((w) => html`<option value=${w.code}>${w.name}</option>`)}</select></td>
        <td><select aria-label="Cơ quan" value=${r.agencyCode} onChange=${setRule(i, 'agencyCode')}>
          ${catalog.agencies.map((a) => html`<option value=${a.code}>${a.name}</option>`)}</select></td>
        <td><button type="button" onClick=${() => setC({ ...c, routing: c.routing.filter((_, j) => j !== i) })}>Xóa</button></td>
      </tr>`)}</tbody>
    </table>
    <button type="button" onClick=${() => setC({ ...c, routing: [...c.routing, { wardCode: '', agencyCode: (catalog.agencies[0] || {}).code }] })}>Thêm quy tắc</button>
    <${ErrorBox} error=${error} />
    <${Notice} text=${done} />
    <button type="submit" class="primary" disabled=${busy}>Lưu lĩnh vực</button>
  </form>`;
}

export function Categories() {
  const catalog = useLoad(() => loadCatalog({ fresh: true }), []);
  const [open, setOpen] = useState('');
  if (!catalog.value) return html`<${ErrorBox} error=${catalog.error} />`;
  const chosen = catalog.value.categories.find((c) => c.code === open);
  return html`<section aria-label="Lĩnh vực">
    <table class="categories"><caption class="sr-only">Lĩnh vực</caption>
      <thead><tr><th scope="col">Mã</th><th scope="col">Tên</th><th scope="col">Hạn (ngày)</th><th scope="col">Phân công</th><th scope="col">Thông báo</th><th scope="col"></th></tr></thead>
      <tbody>${catalog.value.categories.map((c) => html`<tr>
        <td>${c.code}</td><td>${c.nameVi}${c.active ? '' : ' (ngừng)'}</td><td>${c.answerDays}</td><td>${(c.routing || []).length} quy tắc</td>
        <td>${c.notice || ''}</td><td><button type="button" onClick=${() => setOpen(c.code)}>Sửa</button></td></tr>`)}</tbody>
    </table>
    ${chosen ? html`<${Editor} key=${chosen.code} category=${chosen} catalog=${catalog.value} onSaved=${() => catalog.reload(true)} />` : ''}
  </section>`;
}
