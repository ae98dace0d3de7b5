// Taking a 1022 call: the caller's phone, what and where (a ward or an address is enough: no
// pin), the description; filed once even if the operator presses twice or the network drops.
import { html } from 'htm/preact';
import { useRef, useState } from 'preact/hooks';
import { channelLabels, priorityLabels } from '@laso/shared/labels';
import { fold } from '@laso/shared/text';
import { newIdempotencyKey } from '@laso/shared/api';
import { formatDateTime } from '@laso/shared/time';
import { api } from '../session.js';
import { href, follow } from '../router.js';
import { loadCatalog } from '../parts/catalog.js';
import { ErrorBox, Field, Notice, useLoad, useSubmit } from '../parts/ui.js';
import { Questions, answersOf } from '../parts/questions.js';

const empty = { phone: '', name: '', categoryCode: '', wardCode: '', address: '', lat: '', lng: '', description: '',
  priority: '', channel: 'HOTLINE' };

export function Hotline() {
  const catalog = useLoad(() => loadCatalog(), []);
  const [form, setForm] = useState(empty);
  const [search, setSearch] = useState('');
  const [created, setCreated] = useState(null);
  const [answers, setAnswers] = useState({});
  const key = useRef(newIdempotencyKey()); // one call, one key: a retry files nothing twice
  const first = useRef(null);
  const { busy, error, submit } = useSubmit();
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const cat = catalog.value || { categories: [], wards: [] };
  const categories = cat.categories.filter((c) => c.active &&
    (fold(c.nameVi).includes(fold(search)) || (c.keywords || []).some((k) => fold(k).includes(fold(search)))));
  const chosen = cat.categories.find((c) => c.code === form.categoryCode);

  const onSubmit = (e) => {
    e.preventDefault();
    submit(async () => {
      const body = {
        categoryCode: form.categoryCode, description: form.description, wardCode: form.wardCode, address: form.address,
        reporter: { phone: form.phone, name: form.name }, channel: form.channel, priority: form.priority || undefined,
        answers: answersOf(answers),
      };
      if (form.lat && form.lng) body.location = { latitude: Number(form.lat), longitude: Number(form.lng) };
      const answer = await api.call('createFeedback', body, { idempotencyKey: key.current });
      setCreated(answer);
      setForm(empty);
      setAnswers({});
      setSearch('');
      key.current = newIdempotencyKey();
      first.current && first.current.focus();
    });
  };

  return html`<section class="hotline" aria-labelledby="hotline-title">
    <h1 id="hotline-title">Nhận cuộc gọi 1022</h1>
    ${created ? html`<div class="notice" role="status">Đã tạo phản ánh
      <a href=${href(`/reports/${encodeURIComponent(created.id)}`)} onClick=${follow} data-created=${created.id}>${created.id}</a>,
      hạn trả lời ${formatDateTime(created.dueAt)}.</div>` : ''}
    <form class="panel grid" onSubmit=${onSubmit}>
      <${Field} label="Số điện thoại người gọi">${(id) => html`<input id=${id} ref=${first} name="phone" required inputmode="tel"
        autocomplete="off" placeholder="0987 654 321" value=${form.phone} onInput=${set('phone')} autofocus />`}<//>
      <${Field} label="Họ tên (nếu người gọi cho biết)">${(id) => html`<input id=${id} name="name" maxlength="100" value=${form.name} onInput=${set('name')} />`}<//>
      <${Field} label="Tìm lĩnh vực" hint="Gõ không dấu cũng được: «dien» tìm «Điện».">${(id) => html`<input id=${id} name="categorySearch" type="search"
        value=${search} onInput=${(e) => {
          setSearch(e.currentTarget.value);
          const match = cat.categories.filter((c) => c.active && fold(c.nameVi).includes(fold(e.currentTarget.value)));
          if (match.length === 1) setForm({ ...form, categoryCode: match[0].code });
        }} />`}<//>
      <${Field} label="Lĩnh vực">${(id) => html`<select id=${id} name="category" required value=${form.categoryCode} onChange=${set('categoryCode')}>
        <option value="">— chọn lĩnh vực (${categories.length}) —</option>
        ${categories.map((c) => html`<option value=${c.code}>${c.nameVi}</option>`)}</select>`}<//>
      ${chosen && chosen.notice ? html`<div class="notice wide" role="note">Thông báo của lĩnh vực: ${chosen.notice}</div>` : ''}
      <${Questions} category=${chosen} values=${answers} onChange=${setAnswers} />
      <${Field} label="Phường/xã">${(id) => html`<select id=${id} name="ward" value=${form.wardCode} onChange=${set('wardCode')}>
        <option value="">— chọn phường/xã —</option>${cat.wards.map((w) => html`<option value=${w.code}>${w.name}</option>`)}</select>`}<//>
      <${Field} label="Địa chỉ">${(id) => html`<input id=${id} name="address" maxlength="300" placeholder="số nhà, đường, ấp/khu phố"
        value=${form.address} onInput=${set('address')} />`}<//>
      <div class="row">
        <${Field} label="Vĩ độ (không bắt buộc)">${(id) => html`<input id=${id} name="lat" inputmode="decimal" value=${form.lat} onInput=${set('lat')} />`}<//>
        <${Field} label="Kinh độ">${(id) => html`<input id=${id} name="lng" inputmode="decimal" value=${form.lng} onInput=${set('lng')} />`}<//>
      </div>
      <${Field} label="Nội dung phản ánh (10–4.000 ký tự)">${(id) => html`<textarea id=${id} name="description" required minlength="10" maxlength="4000" rows="6"
        value=${form.description} onInput=${set('description')}></textarea>`}<//>
      <div class="row">
        <${Field} label="Mức ưu tiên">${(id) => html`<select id=${id} name="priority" value=${form.priority} onChange=${set('priority')}>
          <option value="">Theo lĩnh vực</option>${Object.entries(priorityLabels).map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>`}<//>
        <${Field} label="Kênh">${(id) => html`<select id=${id} name="channel" value=${form.channel} onChange=${set('channel')}>
          ${['HOTLINE', 'EMAIL', 'WEB'].map((v) => html`<option value=${v}>${channelLabels[v]}</option>`)}</select>`}<//>
      </div>
      <${ErrorBox} error=${error} />
      <${Notice} text=${!form.wardCode && !form.address && !(form.lat && form.lng) ? 'Cần phường/xã, địa chỉ hoặc vị trí (trừ phản ánh về thủ tục).' : ''} />
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Đang lưu…' : 'Tạo phản ánh (Enter)'}</button>
    </form>
  </section>`;
}
