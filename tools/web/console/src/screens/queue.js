// The work list: filters kept in the address (a reload or a shared link shows the same list),
// counts per status as tabs, newest or most urgent first, pages, new reports without a reload.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { statusLabels, channelLabels } from '@laso/shared/labels';
import { formatDateTime, deadlineText } from '@laso/shared/time';
import { api, session } from '../session.js';
import { navigate, href, follow } from '../router.js';
import { loadCatalog } from '../parts/catalog.js';
import { ErrorBox, Field, Flags, StatusBadge, options, priorityOptions, useEvery, useLoad } from '../parts/ui.js';

const FILTERS = ['status', 'category', 'ward', 'agency', 'minPriority', 'channel', 'overdueOnly', 'text', 'order'];
const LIVE_MS = 10000;

function filtersOf(query) {
  const f = {};
  for (const k of FILTERS) f[k] = query.get(k) || '';
  return f;
}

export function Queue({ query, mine = false }) {
  const filters = filtersOf(query);
  const [tokens, setTokens] = useState(['']); // page tokens: the pages behind and this one
  const [fresh, setFresh] = useState(new Set());
  const [selected, setSelected] = useState(0);
  const [announce, setAnnounce] = useState('');
  const [text, setText] = useState(filters.text);
  const seen = useRef(null);
  const searchBox = useRef(null);
  const staff = session.get().staff;
  const catalog = useLoad(() => loadCatalog(), []);
  const key = JSON.stringify(filters) + mine;
  const pageToken = tokens[tokens.length - 1];

  useEffect(() => { setTokens(['']); seen.current = null; }, [key]);

  const list = useLoad(async () => {
    const answer = await api.call('listFeedback', {
      status: filters.status || undefined,
      category: filters.category, ward: filters.ward, agency: filters.agency,
      minPriority: filters.minPriority, channel: filters.channel, overdueOnly: filters.overdueOnly === 'true',
      text: filters.text, order: filters.order || undefined,
      assignee: mine ? 'me' : undefined,
      withStatusCounts: true, pageSize: 50, pageToken,
    });
    const ids = (answer.items || []).map((r) => r.id);
    if (seen.current && pageToken === '') {
      const added = ids.filter((id) => !seen.current.has(id));
      if (added.length) {
        setFresh(new Set(added));
        setAnnounce(`Có ${added.length} phản ánh mới.`);
      }
    }
    if (pageToken === '') seen.current = new Set([...(seen.current || []), ...ids]);
    return answer;
  }, [key, pageToken]);

  // New reports appear by themselves on the first page.
  useEvery(LIVE_MS, () => { if (pageToken === '') list.reload(true); }, [key, pageToken]);

  useEffect(() => { const t = setTimeout(() => text !== filters.text && setFilter('text', text), 300); return () => clearTimeout(t); }, [text]);

  function setFilter(name, value) {
    const q = new URLSearchParams(query);
    if (value) q.set(name, value);
    else q.delete(name);
    const s = q.toString();
    navigate(`${mine ? '/mine' : '/'}${s ? `?${s}` : ''}`, { replace: true });
  }

  const items = (list.value && list.value.items) || [];
  const counts = (list.value && list.value.statusCounts) || [];
  const total = counts.reduce((n, c) => n + c.count, 0);

  // Keyboard: / search, j/k or arrows to move, Enter to open.
  useEffect(() => {
    const onKey = (e) => {
      const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement && document.activeElement.tagName);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchBox.current && searchBox.current.focus();
      } else if (!typing && (e.key === 'j' || e.key === 'ArrowDown')) {
        setSelected((s) => Math.min(items.length - 1, s + 1));
      } else if (!typing && (e.key === 'k' || e.key === 'ArrowUp')) {
        setSelected((s) => Math.max(0, s - 1));
      } else if (!typing && e.key === 'Enter' && items[selected]) {
        navigate(`/reports/${encodeURIComponent(items[selected].id)}`);
      } else if (!typing && e.key === 'n' && ['OPERATOR', 'ADMIN'].includes(staff.role)) {
        navigate('/hotline');
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [items, selected]);

  const cat = catalog.value || { categories: [], agencies: [], wards: [] };
  const officer = staff.role === 'OFFICER' || staff.role === 'SUPERVISOR';
  return html`
    <section class="queue" aria-labelledby="queue-title">
      <div class="heading">
        <h1 id="queue-title">${mine ? 'Phản ánh giao cho tôi' : officer ? `Phản ánh của cơ quan ${staff.agency}` : 'Hàng đợi phản ánh 1022'}</h1>
        <span class="muted">${list.loading ? 'Đang tải…' : `${list.value ? list.value.totalSize : 0} phản ánh`}</span>
        <span class="live" role="status" aria-live="polite">${announce}</span>
      </div>
      <div class="tabs" role="group" aria-label="Trạng thái">
        <button type="button" aria-pressed=${!filters.status} onClick=${() => setFilter('status', '')}>Tất cả <b>${total}</b></button>
        ${counts.map((c) => html`<button type="button" aria-pressed=${filters.status === c.status}
            onClick=${() => setFilter('status', c.status)}>${statusLabels[c.status] || c.label} <b>${c.count}</b></button>`)}
      </div>
      <form class="filters" onSubmit=${(e) => { e.preventDefault(); setFilter('text', text); }} role="search">
        <${Field} label="Tìm (mã, nội dung, địa chỉ)">${(id) => html`<input id=${id} ref=${searchBox} type="search"
          placeholder="vd. den duong tan an  (phím /)" value=${text} onInput=${(e) => setText(e.currentTarget.value)} />`}<//>
        <${Field} label="Lĩnh vực">${(id) => html`<select id=${id} value=${filters.category} onChange=${(e) => setFilter('category', e.currentTarget.value)}>
          <option value="">Tất cả</option>${cat.categories.map((c) => html`<option value=${c.code}>${c.nameVi}</option>`)}</select>`}<//>
        <${Field} label="Phường/xã">${(id) => html`<select id=${id} value=${filters.ward} onChange=${(e) => setFilter('ward', e.currentTarget.value)}>
          <option value="">Tất cả</option>${cat.wards.map((w) => html`<option value=${w.code}>${w.name}</option>`)}</select>`}<//>
        ${officer ? '' : html`<${Field} label="Cơ quan">${(id) => html`<select id=${id} value=${filters.agency} onChange=${(e) => setFilter('agency', e.currentTarget.value)}>
          <option value="">Tất cả</option>${cat.agencies.map((a) => html`<option value=${a.code}>${a.name}</option>`)}</select>`}<//>`}
        <${Field} label="Ưu tiên từ">${(id) => html`<select id=${id} value=${filters.minPriority} onChange=${(e) => setFilter('minPriority', e.currentTarget.value)}>
          ${priorityOptions('Mọi mức')}</select>`}<//>
        <${Field} label="Kênh">${(id) => html`<select id=${id} value=${filters.channel} onChange=${(e) => setFilter('channel', e.currentTarget.value)}>
          ${options(channelLabels, 'Mọi kênh')}</select>`}<//>
        <${Field} label="Sắp xếp">${(id) => html`<select id=${id} value=${filters.order} onChange=${(e) => setFilter('order', e.currentTarget.value)}>
          <option value="">Mới nhất trước</option><option value="URGENCY">Khẩn nhất trước</option></select>`}<//>
        <label class="check"><input type="checkbox" checked=${filters.overdueOnly === 'true'}
          onChange=${(e) => setFilter('overdueOnly', e.currentTarget.checked ? 'true' : '')} /> Chỉ quá hạn</label>
      </form>
      <${ErrorBox} error=${list.error} />
      <table class="reports">
        <caption class="sr-only">Danh sách phản ánh</caption>
        <thead><tr><th scope="col">Mã</th><th scope="col">Trạng thái</th><th scope="col">Lĩnh vực</th><th scope="col">Nơi</th>
          <th scope="col">Cơ quan</th><th scope="col">Kênh</th><th scope="col">Hạn</th><th scope="col">Nhận lúc</th></tr></thead>
        <tbody>
          ${items.map((r, i) => html`<tr class=${[fresh.has(r.id) ? 'fresh' : '', i === selected ? 'selected' : ''].join(' ')}
              data-id=${r.id}>
            <td><a href=${href(`/reports/${encodeURIComponent(r.id)}`)} onClick=${follow}>${r.id}</a> <${Flags} report=${r} /></td>
            <td><${StatusBadge} status=${r.status} /></td>
            <td>${r.categoryName}<br /><small class="muted">${(r.description || '').slice(0, 90)}${(r.description || '').length > 90 ? '…' : ''}</small></td>
            <td>${r.wardName || r.address || ''}</td>
            <td>${r.agencyName || html`<span class="muted">chưa chuyển</span>`}${r.assigneeName ? html`<br /><small>${r.assigneeName}</small>` : ''}</td>
            <td>${channelLabels[r.channel] || ''}</td>
            <td class=${r.overdue ? 'late' : ''}>${deadlineText(r.ackDueAt && !r.acknowledgedAt ? r.ackDueAt : r.dueAt)}</td>
            <td>${formatDateTime(r.receivedAt)}</td>
          </tr>`)}
          ${!list.loading && items.length === 0 ? html`<tr><td colspan="8" class="muted">Không có phản ánh nào khớp.</td></tr>` : ''}
        </tbody>
      </table>
      <div class="pager">
        <button type="button" disabled=${tokens.length < 2} onClick=${() => setTokens(tokens.slice(0, -1))}>‹ Trang trước</button>
        <span class="muted">Trang ${tokens.length}</span>
        <button type="button" disabled=${!(list.value && list.value.nextPageToken)}
          onClick=${() => setTokens([...tokens, list.value.nextPageToken])}>Trang sau ›</button>
      </div>
      <p class="muted keys">Phím tắt: <kbd>/</kbd> tìm · <kbd>j</kbd>/<kbd>k</kbd> chọn · <kbd>Enter</kbd> mở${['OPERATOR', 'ADMIN'].includes(staff.role) ? html` · <kbd>n</kbd> nhận cuộc gọi mới` : ''}</p>
    </section>`;
}
