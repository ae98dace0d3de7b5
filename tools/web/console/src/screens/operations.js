// The operations centre's wall screen: every garbage truck live over its routes, open 1022
// reports by age with a ward heat layer, and the on-time figures of 1022 and the one-stop shop.
// Live without a polling storm: one cheap call every 3 s (vehicles), the rest every 30-300 s,
// and nothing while the tab is hidden.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { openStatuses } from '@laso/shared/labels';
import { ago, vietnamDay } from '@laso/shared/time';
import { api } from '../session.js';
import { ErrorBox, useEvery, useLoad } from '../parts/ui.js';
import { MapView, wardOutlines } from '../parts/map.js';
import { Bars, rateTone } from '../parts/charts.js';

const VEHICLES_MS = 3000;
const REPORTS_MS = 30000;
const STATS_MS = 60000;

const ageClass = (receivedAt) => {
  const days = (Date.now() - new Date(receivedAt).getTime()) / 86400000;
  return days < 1 ? 'age-0' : days < 3 ? 'age-1' : days < 7 ? 'age-2' : 'age-3';
};

async function openReports() {
  const items = [];
  let pageToken = '';
  for (let page = 0; page < 5; page++) { // at most 1,000 on the wall
    const answer = await api.call('listFeedback', { status: openStatuses, pageSize: 200, pageToken });
    items.push(...(answer.items || []));
    pageToken = answer.nextPageToken;
    if (!pageToken) break;
  }
  return items;
}

async function routesWithPaths() {
  const list = (await api.call('listRoutes', {})).routes || [];
  const shapes = await Promise.all(list.map((r) => api.call('getRoute', { id: r.id }).catch(() => null)));
  return list.map((r, i) => ({ ...r, geojson: shapes[i] }));
}

async function lastDays(n) {
  const days = [];
  for (let i = n - 1; i >= 0; i--) days.push(vietnamDay(Date.now() - i * 86400000));
  const stats = await Promise.all(days.map((d) => api.call('feedbackStats', { from: d, to: d })));
  return days.map((d, i) => ({ day: d, received: (stats[i].total || {}).received || 0 }));
}

function useLayers() {
  const map = useRef(null);
  const layers = useRef({});
  const [ready, setReady] = useState(false);
  const onReady = (m, L) => {
    map.current = { map: m, L };
    for (const name of ['heat', 'routes', 'reports', 'trucks']) layers.current[name] = L.layerGroup().addTo(m);
    setReady(true);
  };
  return { map, layers, ready, onReady };
}

export function Operations() {
  const { map, layers, ready, onReady } = useLayers();
  const vehicles = useLoad(async () => (await api.call('listVehicles', {})).vehicles || [], []);
  const routes = useLoad(routesWithPaths, []);
  const reports = useLoad(openReports, []);
  const agencyStats = useLoad(() => api.call('feedbackStats', { groupBy: 'AGENCY' }), []);
  const dossiers = useLoad(() => api.call('dossierStats', { byAgency: true }), []);
  const perDay = useLoad(() => lastDays(7), []);
  useEvery(VEHICLES_MS, () => vehicles.reload(true), []);
  useEvery(REPORTS_MS, () => reports.reload(true), []);
  useEvery(STATS_MS, () => { agencyStats.reload(true); dossiers.reload(true); }, []);
  useEvery(5 * STATS_MS, () => perDay.reload(true), []);

  const progressOf = (routeId) => {
    for (const v of vehicles.value || []) for (const p of v.today || []) if (p.routeId === routeId) return p;
    return null;
  };

  // Routes and their stops (the first stopsServed of them served today).
  useEffect(() => {
    if (!ready || !routes.value) return;
    const { L } = map.current;
    const group = layers.current.routes;
    group.clearLayers();
    for (const r of routes.value) {
      if (!r.geojson) continue;
      const served = (progressOf(r.id) || {}).stopsServed || 0;
      let stop = 0;
      L.geoJSON(r.geojson, {
        style: { className: 'route', weight: 4 },
        pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: 5, className: stop++ < served ? 'stop served' : 'stop' }),
      }).bindTooltip(r.name).addTo(group);
    }
  }, [ready, routes.value, vehicles.value]);

  // Trucks: an arrow turned to the heading; grey when the last fix is stale.
  useEffect(() => {
    if (!ready || !vehicles.value) return;
    const { L } = map.current;
    const group = layers.current.trucks;
    group.clearLayers();
    for (const v of vehicles.value) {
      const p = v.lastPosition;
      if (!p) continue;
      const marker = L.marker([p.lat, p.lng], {
        icon: L.divIcon({ className: v.stale ? 'truck stale' : 'truck', html: '<span class="arrow"></span>', iconSize: [26, 26] }),
        keyboard: false,
        title: `Xe ${v.vehicleId}`,
      }).bindTooltip(`Xe ${v.vehicleId} · ${Math.round(p.speedKmh || 0)} km/h · ${ago(p.recordedAt)}${v.stale ? ' · mất tín hiệu' : ''}`);
      marker.addTo(group);
      const arrow = marker.getElement() && marker.getElement().firstChild;
      if (arrow) arrow.style.transform = `rotate(${Math.round(p.heading || 0)}deg)`; // CSSOM: allowed by the CSP
    }
  }, [ready, vehicles.value]);

  // Open reports by age, and the ward heat layer by how many each ward has open.
  useEffect(() => {
    if (!ready || !reports.value) return;
    const { L } = map.current;
    const points = layers.current.reports;
    points.clearLayers();
    const perWard = {};
    for (const r of reports.value) {
      perWard[r.wardCode] = (perWard[r.wardCode] || 0) + 1;
      if (!r.location) continue;
      L.circleMarker([r.location.latitude, r.location.longitude], { radius: 6, className: `report ${ageClass(r.receivedAt)}` })
        .bindTooltip(`${r.id} · ${r.categoryName} · ${ago(r.receivedAt)}`).addTo(points);
    }
    const most = Math.max(1, ...Object.values(perWard));
    const heat = layers.current.heat;
    heat.clearLayers();
    L.geoJSON(wardOutlines, {
      style: (f) => ({ className: `heat heat-${Math.ceil((4 * (perWard[f.properties.code] || 0)) / most)}`, weight: 1 }),
    }).eachLayer((layer) => layer.bindTooltip(`${layer.feature.properties.name}: ${perWard[layer.feature.properties.code] || 0} phản ánh đang mở`))
      .addTo(heat);
  }, [ready, reports.value]);

  const stale = (vehicles.value || []).filter((v) => v.stale).length;
  const rows = ((agencyStats.value && agencyStats.value.rows) || []).map((r) => ({
    label: r.name || r.key, value: r.onTimeRate, text: `${Math.round(r.onTimeRate * 100)}% · ${r.received}`, tone: rateTone(r.onTimeRate),
  }));
  const dossierRows = ((dossiers.value && dossiers.value.byAgency) || []);
  const days = perDay.value || [];
  return html`<section class="operations" aria-labelledby="ops-title">
    <div class="heading">
      <h1 id="ops-title">Trung tâm điều hành</h1>
      <span class="muted">Xe thu gom: ${(vehicles.value || []).length} (${stale} mất tín hiệu) · Phản ánh đang mở: ${(reports.value || []).length}</span>
      <span class="muted" data-updated>${vehicles.loading ? '' : `cập nhật ${new Date().toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false })}`}</span>
    </div>
    <${ErrorBox} error=${vehicles.error || reports.error} />
    <div class="wall-grid">
      <div class="wall-map">
        <${MapView} label="Bản đồ xe thu gom rác và phản ánh" className="map big" onReady=${onReady} />
        <ul class="legend" aria-label="Chú giải">
          <li><span class="key truck-key"></span> xe thu gom</li><li><span class="key truck-key stale"></span> mất tín hiệu ${'>'} 5 phút</li>
          <li><span class="key age-0"></span> mở ${'<'} 1 ngày</li><li><span class="key age-1"></span> 1–3 ngày</li>
          <li><span class="key age-2"></span> 3–7 ngày</li><li><span class="key age-3"></span> ${'>'} 7 ngày</li>
        </ul>
      </div>
      <div class="wall-side">
        <${Bars} title="1022: tỷ lệ trả lời đúng hạn theo cơ quan (30 ngày)" rows=${rows} />
        <${Bars} title="Phản ánh nhận mỗi ngày" max=${Math.max(1, ...days.map((d) => d.received))}
          rows=${days.map((d) => ({ label: d.day.slice(5).split('-').reverse().join('/'), value: d.received }))} />
        <${Bars} title="Hồ sơ một cửa: đúng hạn theo cơ quan"
          rows=${dossierRows.map((d) => ({ label: d.agencyName || d.agency, value: d.onTimeRate, text: `${Math.round(d.onTimeRate * 100)}%`, tone: rateTone(d.onTimeRate) }))} />
        <${Bars} title="Hồ sơ đang quá hạn theo cơ quan" max=${Math.max(1, ...dossierRows.map((d) => d.currentlyOverdue || 0))}
          rows=${dossierRows.map((d) => ({ label: d.agencyName || d.agency, value: d.currentlyOverdue || 0, tone: (d.currentlyOverdue || 0) > 0 ? 'poor' : 'good' }))} />
        <table class="trucks"><caption>Xe hôm nay</caption>
          <thead><tr><th scope="col">Xe</th><th scope="col">Tín hiệu</th><th scope="col">Tốc độ</th><th scope="col">Điểm đã qua</th></tr></thead>
          <tbody>${(vehicles.value || []).map((v) => html`<tr class=${v.stale ? 'stale' : ''} data-vehicle=${v.vehicleId}>
            <td>${v.vehicleId}</td><td>${v.lastPosition ? ago(v.lastPosition.recordedAt) : '—'}${v.stale ? ' (mất)' : ''}</td>
            <td>${v.lastPosition ? `${Math.round(v.lastPosition.speedKmh || 0)} km/h` : ''}</td>
            <td>${(v.today || []).map((p) => `${p.stopsServed}/${p.stopsTotal}${p.completed ? ' ✓' : ''}`).join(', ')}</td></tr>`)}</tbody>
        </table>
      </div>
    </div>
  </section>`;
}
