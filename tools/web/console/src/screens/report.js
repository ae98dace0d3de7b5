// One report as the desk and the agency work it: what, where, who (masked until "show", which
// the audit log records), the timeline, nearby reports, and the actions the person's role allows.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { channelLabels, priorityLabels, actionLabels, roleLabels } from '@laso/shared/labels';
import { formatDateTime, deadlineText } from '@laso/shared/time';
import { api, session } from '../session.js';
import { href, follow } from '../router.js';
import { loadCatalog } from '../parts/catalog.js';
import { ErrorBox, Flags, StatusBadge, useLoad } from '../parts/ui.js';
import { MapView } from '../parts/map.js';
import { Actions } from './report_actions.js';

// A photo over the page: Esc, a click or the button closes it, and focus goes back to the thumbnail.
function Lightbox({ photo, onClose }) {
  const close = useRef(null);
  useEffect(() => {
    const opener = document.activeElement;
    close.current && close.current.focus();
    const onKey = (e) => e.key === 'Escape' && onClose();
    addEventListener('keydown', onKey);
    return () => {
      removeEventListener('keydown', onKey);
      opener && opener.focus && opener.focus();
    };
  }, []);
  return html`<div class="lightbox" role="dialog" aria-modal="true" aria-label="Ảnh phóng to" onClick=${onClose}>
    <img src=${photo.url} alt="Ảnh phóng to" />
    <button type="button" class="primary" ref=${close} onClick=${onClose}>Đóng (Esc)</button>
  </div>`;
}

function Photos({ attachments }) {
  const [open, setOpen] = useState(null);
  const shown = (attachments || []).filter((a) => !a.redacted && a.contentType && a.contentType.startsWith('image/'));
  if (!shown.length) return html`<p class="muted">Không có ảnh.</p>`;
  return html`<div class="photos">
    ${shown.map((a, i) => html`<button type="button" class="thumb" onClick=${() => setOpen(a)}>
      <img src=${a.url} alt=${`Ảnh ${i + 1} của phản ánh`} loading="lazy" /></button>`)}
    ${open ? html`<${Lightbox} photo=${open} onClose=${() => setOpen(null)} />` : ''}
  </div>`;
}

function Reporter({ report }) {
  const [contact, setContact] = useState(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const r = report.reporter || {};
  if (report.anonymous && !r.name && !r.phone) return html`<p>Ẩn danh</p>`;
  const reveal = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      setContact(await api.call('revealReporter', { id: report.id, reason }));
    } catch (err) {
      setError(err);
    }
  };
  return html`<div class="reporter">
    <dl>
      <dt>Họ tên</dt><dd>${contact ? contact.name : r.name || '—'}</dd>
      <dt>Điện thoại</dt><dd>${contact ? html`<a href=${`tel:+${contact.phone}`}>${contact.phone}</a>` : r.phone || '—'}</dd>
    </dl>
    ${r.contactHidden && !contact ? html`<form class="inline" onSubmit=${reveal}>
      <label for="reveal-reason">Lý do xem liên hệ</label>
      <input id="reveal-reason" value=${reason} maxlength="500" placeholder="vd. gọi lại xác minh địa chỉ"
        onInput=${(e) => setReason(e.currentTarget.value)} />
      <button type="submit">Hiện liên hệ</button>
      <small class="muted">Mỗi lần xem được ghi vào nhật ký truy cập.</small>
    </form>` : ''}
    <${ErrorBox} error=${error} />
  </div>`;
}

function Timeline({ updates }) {
  return html`<ol class="timeline">
    ${(updates || []).slice().reverse().map((u) => html`<li class=${u.public ? 'public' : 'private'}>
      <div><strong>${actionLabels[u.action] || u.action}</strong>
        <span class="badge ${u.public ? 'pub' : 'priv'}">${u.public ? 'công khai' : 'nội bộ'}</span>
        <span class="muted"> ${formatDateTime(u.time)} · ${u.actorName || u.actor || roleLabels[String(u.actorRole).toUpperCase()] || u.actorRole}</span></div>
      ${u.message ? html`<p>${u.message}</p>` : ''}
    </li>`)}
  </ol>`;
}

function Nearby({ report }) {
  const near = useLoad(async () => {
    if (!report.location) return [];
    const answer = await api.call('nearbyFeedback', {
      lat: report.location.latitude, lng: report.location.longitude, category: report.categoryCode,
    });
    return (answer.items || []).filter((r) => r.id !== report.id);
  }, [report.id]);
  const dupes = report.duplicates || [];
  return html`<div>
    ${report.duplicateOf ? html`<p>Trùng với <a href=${href(`/reports/${report.duplicateOf}`)} onClick=${follow}>${report.duplicateOf}</a></p>` : ''}
    ${dupes.length ? html`<p>Đã gộp vào đây: ${dupes.map((d) => html`<a href=${href(`/reports/${d}`)} onClick=${follow}>${d}</a> `)}</p>` : ''}
    ${!report.location ? html`<p class="muted">Phản ánh không có vị trí trên bản đồ.</p>`
      : (near.value || []).length === 0 ? html`<p class="muted">Không có phản ánh cùng lĩnh vực trong 250 m.</p>`
        : html`<ul>${near.value.map((n) => html`<li><a href=${href(`/reports/${n.id}`)} onClick=${follow}>${n.id}</a>
            <${StatusBadge} status=${n.status} /> ${n.description.slice(0, 80)}</li>`)}</ul>`}
  </div>`;
}

// The report's point on the map, or the ward's centre when it has none; a click picks a new point
// for "Đổi vị trí" (onPick), marked until it is saved.
function Place({ report, catalog, onPick }) {
  const p = report.location;
  const ward = catalog.wards.find((w) => w.code === report.wardCode);
  const centre = p ? [p.latitude, p.longitude] : ward && ward.center ? [ward.center.latitude, ward.center.longitude] : null;
  return html`<div>
    <p>${[report.address, report.wardName].filter(Boolean).join(', ') || html`<span class="muted">Không có địa chỉ</span>`}
      ${p ? '' : html` <span class="muted">(chưa có vị trí trên bản đồ)</span>`}</p>
    <${MapView} key=${`${report.id}:${centre}`} label="Vị trí phản ánh" className="map small"
      view=${centre ? { center: centre, zoom: p ? 15 : 14 } : undefined}
      onReady=${(map, L) => {
        if (p) L.circleMarker([p.latitude, p.longitude], { radius: 9, className: 'report-point' }).addTo(map);
        let picked = null;
        map.on('click', (e) => {
          if (picked) picked.remove();
          picked = L.circleMarker(e.latlng, { radius: 8, className: 'picked-point' }).addTo(map);
          onPick({ lat: Number(e.latlng.lat.toFixed(6)), lng: Number(e.latlng.lng.toFixed(6)) });
        });
      }} />
    ${onPick ? html`<small class="muted">Bấm vào bản đồ để chọn vị trí mới cho «Đổi vị trí».</small>` : ''}
  </div>`;
}

export function Report({ id }) {
  const loaded = useLoad(() => Promise.all([api.call('getFeedback', { id }), loadCatalog()]), [id]);
  const [picked, setPicked] = useState(null);
  if (loaded.error && !loaded.value) return html`<${ErrorBox} error=${loaded.error} />`;
  if (!loaded.value) return html`<p class="muted">Đang tải…</p>`;
  const [report, catalog] = loaded.value;
  const category = catalog.categories.find((c) => c.code === report.categoryCode) || { questions: [] };
  const question = (code) => ((category.questions || []).find((q) => q.code === code) || {}).description || code;
  const staff = session.get().staff;
  return html`<article class="report" aria-labelledby="report-title">
    <div class="heading">
      <h1 id="report-title">${report.id}</h1>
      <${StatusBadge} status=${report.status} /> <${Flags} report=${report} />
      <a href=${href('/')} onClick=${follow} class="back">‹ Hàng đợi</a>
    </div>
    <div class="columns">
      <div class="main-col">
        <section class="panel"><h2>Nội dung</h2>
          <dl class="facts">
            <dt>Lĩnh vực</dt><dd>${report.categoryName}</dd>
            <dt>Kênh</dt><dd>${channelLabels[report.channel] || ''}</dd>
            <dt>Ưu tiên</dt><dd>${priorityLabels[report.priority] || 'Bình thường'}</dd>
            <dt>Nhận lúc</dt><dd>${formatDateTime(report.receivedAt)}</dd>
            <dt>Hạn trả lời</dt><dd class=${report.overdue ? 'late' : ''}>${formatDateTime(report.dueAt)} (${deadlineText(report.dueAt)})</dd>
            ${report.ackDueAt ? html`<dt>Hạn tiếp nhận (khẩn)</dt><dd class=${report.ackOverdue ? 'late' : ''}>${formatDateTime(report.ackDueAt)}${report.acknowledgedAt ? ' · đã tiếp nhận' : ''}</dd>` : ''}
            <dt>Cơ quan</dt><dd>${report.agencyName || 'chưa chuyển'}${report.assigneeName ? ` · ${report.assigneeName}` : ''}</dd>
            ${report.dossierCode ? html`<dt>Hồ sơ liên quan</dt><dd>${report.dossierCode}</dd>` : ''}
            <dt>Ủng hộ</dt><dd>${report.supportCount || 0} người</dd>
          </dl>
          <p class="description">${report.description}</p>
          ${(report.answers || []).length ? html`<h3>Trả lời câu hỏi của lĩnh vực</h3><dl class="facts">
            ${report.answers.map((a) => html`<dt>${question(a.question)}</dt><dd>${(a.values || []).join(', ')}</dd>`)}</dl>` : ''}
          ${report.answer ? html`<h3>Trả lời công khai</h3><p class="answer">${report.answer}</p>` : ''}
          <h3>Ảnh</h3><${Photos} attachments=${report.attachments} />
        </section>
        <section class="panel"><h2>Vị trí</h2><${Place} report=${report} catalog=${catalog} onPick=${setPicked} /></section>
        <section class="panel"><h2>Phản ánh gần đây, trùng lặp</h2><${Nearby} report=${report} /></section>
        <section class="panel"><h2>Diễn biến</h2><${Timeline} updates=${report.updates} /></section>
      </div>
      <aside class="side-col">
        <section class="panel"><h2>Người phản ánh</h2><${Reporter} report=${report} /></section>
        <${Actions} report=${report} catalog=${catalog} staff=${staff} picked=${picked} onDone=${() => loaded.reload(true)} />
      </aside>
    </div>
  </article>`;
}
