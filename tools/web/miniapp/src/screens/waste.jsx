// Garbage collection where the resident is (Zalo's location, turned into a point by the gateway):
// the next pickup days and window, the truck's ETA updated every 15 s, what goes where.
import React, { useEffect, useState } from 'react';
import { Box, Text, Button, Input, useNavigate } from 'zmp-ui';
import { vietnamDay } from '@laso/shared/time';
import { formatDate, formatDateTime } from '@laso/shared/time';
import { api } from '../session.js';
import { zaloAccessToken, zaloLocationToken, apiBase } from '../zalo.js';
import { Screen, Problem, useLoad, nextKey } from '../parts.jsx';

const runLabels = {
  NOT_TODAY: 'Hôm nay không thu gom', NOT_STARTED: 'Xe chưa xuất phát', APPROACHING: 'Xe đang đến',
  PASSED: 'Xe đã qua điểm của bạn', COMPLETED: 'Đã thu gom xong hôm nay',
};

export async function hereFromZalo() {
  const [accessToken, locationToken] = await Promise.all([zaloAccessToken(), zaloLocationToken()]);
  return api.call('zaloLocation', { accessToken, locationToken });
}

// The truck-approaching warning (about 10 minutes before it reaches the stop), and cancelling it.
function Reminders({ here }) {
  const mine = useLoad(async () => (await api.call('myWasteSubscriptions', {})).subscriptions || [], []);
  const [error, setError] = useState(null);
  const act = async (fn) => {
    setError(null);
    try {
      await fn();
      mine.reload();
    } catch (e) {
      setError(e);
    }
  };
  const subs = mine.value || [];
  return (
    <Box className="card" mt={3}>
      <Text bold>Nhắc khi xe rác sắp đến</Text>
      {subs.map((x) => (
        <Box key={x.id} mt={1} data-subscription={x.id}>
          <Text size="small">Đang nhắc tại {x.lat.toFixed(4)}, {x.lng.toFixed(4)}</Text>
          <Button size="small" variant="tertiary" onClick={() => act(() => api.call('cancelWasteSubscription', { id: x.id }))}>Hủy nhắc</Button>
        </Box>
      ))}
      {here && subs.length === 0 ? (
        <Button size="small" variant="secondary" onClick={() => act(() => api.call('subscribeWaste', { lat: here.latitude, lng: here.longitude }, { idempotencyKey: nextKey() }))}>
          Nhắc tôi ở vị trí này
        </Button>
      ) : null}
      <Problem error={error} />
    </Box>
  );
}

// A missed pickup, reported from the route's card: the category, the route and stop, the stop's place.
export function missedPickup(r) {
  const stop = r.nearestStop || {};
  return {
    categoryCode: 'missed-pickup',
    answers: { route: r.route.id, stop: stop.name || '' },
    point: stop.point ? { latitude: stop.point.lat, longitude: stop.point.lng } : null,
    description: `Xe tuyến ${r.route.name} không thu gom tại ${stop.name || 'điểm của tôi'} ngày ${vietnamDay().split('-').reverse().join('/')}.`,
  };
}

export function Waste() {
  const navigate = useNavigate();
  const [here, setHere] = useState(null);
  const [schedule, setSchedule] = useState(null);
  const [eta, setEta] = useState(null);
  const [error, setError] = useState(null);
  const [q, setQ] = useState('');
  const [guide, setGuide] = useState([]);
  const locate = async () => {
    setError(null);
    try {
      const p = await hereFromZalo();
      setHere(p);
      setSchedule(await api.call('wasteSchedule', { lat: p.latitude, lng: p.longitude }));
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => { locate(); }, []);
  useEffect(() => {
    if (!here) return undefined;
    let stopped = false;
    let timer = 0;
    const tick = async () => {
      try {
        const answer = await api.call('wasteEta', { lat: here.latitude, lng: here.longitude });
        if (!stopped) setEta(answer);
      } catch {
        // the next tick tries again
      }
      if (!stopped) timer = setTimeout(tick, 15000);
    };
    tick();
    return () => { stopped = true; clearTimeout(timer); };
  }, [here]);
  const search = async (e) => {
    e.preventDefault();
    setGuide((await api.call('wasteGuide', { q })).items || []);
  };
  const routes = (schedule && schedule.routes) || [];
  return (
    <Screen title="Lịch thu gom rác">
      <Problem error={error} onRetry={locate} />
      {routes.map((r) => (
        <Box key={r.route.id} className="card" mt={3} data-route={r.route.id}>
          <Text bold>{r.route.name}</Text>
          <Text size="small">Điểm gần bạn: {r.nearestStop ? r.nearestStop.name : ''} · khung giờ {r.windowFrom}–{r.windowTo}</Text>
          <Button size="small" variant="tertiary" onClick={() => navigate('/report', { state: { prefill: missedPickup(r) } })}>Báo xe không thu gom</Button>
          <Text size="small" className="next-pickup">Ngày thu gom tới: {(r.nextPickups || []).slice(0, 3).map(formatDate).join(', ')}</Text>
        </Box>
      ))}
      {here && routes.length === 0 ? <Text className="muted">Không có tuyến thu gom nào gần vị trí của bạn.</Text> : null}
      {((eta && eta.routes) || []).map((r) => (
        <Box key={`eta-${r.route.id}`} className="card eta" mt={2} data-eta={r.status}>
          <Text bold>{r.route.name}: {runLabels[r.status] || r.status}</Text>
          {r.eta ? <Text size="small">Dự kiến đến: {formatDateTime(r.eta)}{r.stopsBeforeYou ? ` · còn ${r.stopsBeforeYou} điểm` : ''}</Text> : null}
        </Box>
      ))}
      <Reminders here={here} />
      {here ? (
        <a className="link" href={`${apiBase()}/v1/waste/schedule.ics?lat=${here.latitude}&lng=${here.longitude}`}>Thêm vào lịch (.ics)</a>
      ) : null}
      <form onSubmit={search} className="mt">
        <Input label="Rác này bỏ vào đâu?" aria-label="Rác này bỏ vào đâu?" name="guide" value={q} onChange={(e) => setQ(e.target.value)} placeholder="pin, chai nhựa, xà bần…" />
        <Button size="small" htmlType="submit">Tra cứu</Button>
      </form>
      {guide.map((g) => <Box key={g.name} className="card" mt={2}><Text bold>{g.name}</Text><Text size="small">{g.streamLabel}: {g.instructions}</Text></Box>)}
    </Screen>
  );
}
