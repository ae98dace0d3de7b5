// What the signed-in person may do with a report, as the feedback service's rules have it:
// the desk routes and corrects; the agency takes it on, answers, notes and hands back.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { rejectLabels, priorityLabels, openStatuses } from '@laso/shared/labels';
import { api } from '../session.js';
import { ErrorBox, Field, Notice, options, useLoad, useSubmit } from '../parts/ui.js';

// One action: a titled form; `run(values)` calls the API; the report reloads after it.
// `external`: values from outside the form (a point picked on the map), applied when they change.
function Action({ title, name, initial, fields, run, onDone, submitLabel, open = false, external }) {
  const [values, setValues] = useState(initial);
  const details = useRef(null);
  useEffect(() => {
    if (!external) return;
    setValues((old) => ({ ...old, ...external }));
    if (details.current) details.current.open = true;
  }, [external]);
  const [done, setDone] = useState('');
  const { busy, error, submit } = useSubmit();
  const patch = (changes) => setValues((old) => ({ ...old, ...changes }));
  const set = (k) => (e) => patch({ [k]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const onSubmit = (e) => {
    e.preventDefault();
    setDone('');
    submit(async () => {
      await run(values);
      setDone(`${title}: đã xong.`);
      setValues(initial);
      onDone();
    });
  };
  return html`<details class="action" open=${open} data-action=${name} ref=${details}>
    <summary>${title}</summary>
    <form onSubmit=${onSubmit}>
      ${fields(values, set, patch)}
      <${ErrorBox} error=${error} />
      <${Notice} text=${done} />
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Đang gửi…' : submitLabel || title}</button>
    </form>
  </details>`;
}

function Officers({ agency, value, onChange, id }) {
  const list = useLoad(async () => (agency ? (await api.call('listStaff', { agency })).staff || [] : []), [agency]);
  const people = (list.value || []).filter((s) => s.active && (s.role === 'OFFICER' || s.role === 'SUPERVISOR'));
  return html`<select id=${id} value=${value} onChange=${onChange}>
    <option value="">— cả cơ quan —</option>
    ${people.map((p) => html`<option value=${p.username}>${p.displayName || p.username}</option>`)}
  </select>`;
}

function displayNameOf(select) {
  const option = select && select.selectedOptions && select.selectedOptions[0];
  return option && option.value ? option.textContent : '';
}

function Respond({ report, onDone }) {
  const drafts = useLoad(async () => (await api.call('answerDrafts', { id: report.id })).templates || [], [report.id]);
  return html`<${Action} title="Trả lời, ghi chú" name="respond" initial=${{ message: '', public: true }} onDone=${onDone}
    run=${(v) => api.call('respondFeedback', { id: report.id, message: v.message, public: v.public })}
    fields=${(v, set, patch) => html`
      <${Field} label="Mẫu trả lời">${(id) => html`<select id=${id} onChange=${(e) => {
        const t = (drafts.value || []).find((d) => d.code === e.currentTarget.value);
        if (t) patch({ message: t.body });
      }}><option value="">— chọn mẫu —</option>
        ${(drafts.value || []).map((t) => html`<option value=${t.code}>${t.title}</option>`)}</select>`}<//>
      <${Field} label="Nội dung">${(id) => html`<textarea id=${id} rows="6" required minlength="2" maxlength="4000"
        value=${v.message} onInput=${set('message')}></textarea>`}<//>
      <label class="check"><input type="checkbox" checked=${v.public} onChange=${set('public')} />
        Trả lời công khai (bỏ chọn: ghi chú nội bộ)</label>`} />`;
}

export function Actions({ report, catalog, staff, picked, onDone }) {
  const role = staff.role;
  const desk = role === 'OPERATOR' || role === 'ADMIN';
  const ofAgency = (role === 'OFFICER' || role === 'SUPERVISOR') && staff.agency === report.agencyCode;
  const open = openStatuses.includes(report.status);
  if (!desk && !ofAgency) return html`<p class="panel muted">Phản ánh không thuộc cơ quan của bạn.</p>`;
  const id = report.id;
  const agencies = catalog.agencies;
  const forms = [];

  if (desk || (role === 'SUPERVISOR' && ofAgency)) {
    forms.push(html`<${Action} title=${report.agencyCode ? 'Chuyển, giao cán bộ' : 'Chuyển xử lý'} name="assign" open=${desk && !report.agencyCode && open}
      initial=${{ agencyCode: report.agencyCode || '', assignee: '', note: '' }} onDone=${onDone}
      run=${(v) => api.call('assignFeedback', { id, agencyCode: v.agencyCode, assignee: v.assignee, assigneeName: v.assigneeName, note: v.note })}
      fields=${(v, set, patch) => html`
        ${desk ? html`<${Field} label="Cơ quan xử lý">${(fid) => html`<select id=${fid} required value=${v.agencyCode} onChange=${set('agencyCode')}>
          <option value="">— chọn cơ quan —</option>${agencies.map((a) => html`<option value=${a.code}>${a.name}</option>`)}</select>`}<//>` : ''}
        <${Field} label="Cán bộ (không bắt buộc)">${(fid) => html`<${Officers} id=${fid} agency=${v.agencyCode} value=${v.assignee}
          onChange=${(e) => patch({ assignee: e.currentTarget.value, assigneeName: displayNameOf(e.currentTarget) })} />`}<//>
        <${Field} label="Ghi chú cho cơ quan">${(fid) => html`<input id=${fid} maxlength="500" value=${v.note} onInput=${set('note')} />`}<//>`} />`);
  }
  if (ofAgency) {
    if (['ASSIGNED', 'REOPENED'].includes(report.status)) {
      forms.push(html`<${Action} title="Nhận xử lý" name="accept" initial=${{}} onDone=${onDone} open
        run=${() => api.call('acceptFeedback', { id })} fields=${() => html`<p class="muted">Cơ quan nhận phản ánh và bắt đầu xử lý.</p>`} />`);
    }
    forms.push(html`<${Respond} report=${report} onDone=${onDone} />`);
    forms.push(html`<${Action} title="Trả lại tổng đài" name="transfer" initial=${{ reason: '' }} onDone=${onDone}
      run=${(v) => api.call('transferFeedback', { id, reason: v.reason })}
      fields=${(v, set) => html`<${Field} label="Lý do (bắt buộc)">${(fid) => html`<input id=${fid} required minlength="5" maxlength="500"
        value=${v.reason} onInput=${set('reason')} />`}<//>`} />`);
  }
  if (desk || (role === 'SUPERVISOR' && ofAgency)) {
    forms.push(html`<${Action} title="Đổi mức ưu tiên" name="prioritize" initial=${{ priority: report.priority || 'NORMAL', reason: '' }} onDone=${onDone}
      run=${(v) => api.call('prioritizeFeedback', { id, priority: v.priority, reason: v.reason })}
      fields=${(v, set) => html`
        <${Field} label="Mức ưu tiên">${(fid) => html`<select id=${fid} value=${v.priority} onChange=${set('priority')}>${options(priorityLabels)}</select>`}<//>
        <${Field} label="Lý do">${(fid) => html`<input id=${fid} required maxlength="500" value=${v.reason} onInput=${set('reason')} />`}<//>`} />`);
  }
  if (desk) {
    forms.push(html`<${Action} title="Từ chối, gộp trùng" name="reject" initial=${{ reason: 'DUPLICATE_OF', message: '', duplicateOf: '' }} onDone=${onDone}
      run=${(v) => api.call('rejectFeedback', { id, reason: v.reason, message: v.message, duplicateOf: v.reason === 'DUPLICATE_OF' ? v.duplicateOf : '' })}
      fields=${(v, set) => html`
        <${Field} label="Lý do">${(fid) => html`<select id=${fid} value=${v.reason} onChange=${set('reason')}>${options(rejectLabels)}</select>`}<//>
        ${v.reason === 'DUPLICATE_OF' ? html`<${Field} label="Gộp vào phản ánh (mã)">${(fid) => html`<input id=${fid} required
          placeholder="1022-2026-000123" value=${v.duplicateOf} onInput=${set('duplicateOf')} />`}<//>` : ''}
        <${Field} label="Lời nhắn cho người phản ánh">${(fid) => html`<textarea id=${fid} rows="3" maxlength="2000" value=${v.message} onInput=${set('message')}></textarea>`}<//>`} />`);
    forms.push(html`<${Action} title="Đổi lĩnh vực" name="recategorize" initial=${{ categoryCode: report.categoryCode, reason: '' }} onDone=${onDone}
      run=${(v) => api.call('recategorizeFeedback', { id, categoryCode: v.categoryCode, reason: v.reason })}
      fields=${(v, set) => html`
        <${Field} label="Lĩnh vực">${(fid) => html`<select id=${fid} value=${v.categoryCode} onChange=${set('categoryCode')}>
          ${catalog.categories.filter((c) => c.active).map((c) => html`<option value=${c.code}>${c.nameVi}</option>`)}</select>`}<//>
        <${Field} label="Lý do">${(fid) => html`<input id=${fid} required maxlength="500" value=${v.reason} onInput=${set('reason')} />`}<//>`} />`);
  }
  if (desk || ofAgency) {
    const p = report.location || {};
    forms.push(html`<${Action} title="Đổi vị trí" name="move" onDone=${onDone} external=${picked}
      initial=${{ lat: p.latitude || '', lng: p.longitude || '', wardCode: '', address: report.address || '', reason: '' }}
      run=${(v) => api.call('moveFeedback', { id, location: { latitude: Number(v.lat), longitude: Number(v.lng) }, wardCode: v.wardCode, address: v.address, reason: v.reason })}
      fields=${(v, set) => html`
        <div class="row">
          <${Field} label="Vĩ độ">${(fid) => html`<input id=${fid} required inputmode="decimal" value=${v.lat} onInput=${set('lat')} />`}<//>
          <${Field} label="Kinh độ">${(fid) => html`<input id=${fid} required inputmode="decimal" value=${v.lng} onInput=${set('lng')} />`}<//>
        </div>
        <${Field} label="Phường/xã (trống: theo vị trí)">${(fid) => html`<select id=${fid} value=${v.wardCode} onChange=${set('wardCode')}>
          <option value="">— theo vị trí —</option>${catalog.wards.map((w) => html`<option value=${w.code}>${w.name}</option>`)}</select>`}<//>
        <${Field} label="Địa chỉ">${(fid) => html`<input id=${fid} maxlength="300" value=${v.address} onInput=${set('address')} />`}<//>
        <${Field} label="Lý do">${(fid) => html`<input id=${fid} required maxlength="500" value=${v.reason} onInput=${set('reason')} />`}<//>`} />`);
  }
  return html`<section class="panel actions"><h2>Xử lý</h2>${forms}</section>`;
}
