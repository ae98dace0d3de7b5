// Filing a 1022 report: a category found by typing without diacritics (with its notice and its
// questions), what happened, where (the phone's location through Zalo, or a ward and address), sent
// with one Idempotency-Key until it is acknowledged, so a retry on a bad network never files twice.
// Below: my reports and their state.
import React, { useState } from 'react';
import { useLocation } from 'react-router-dom';
import { Box, Text, Button, Input } from 'zmp-ui';
import { fold } from '@laso/shared/text';
import { answersOf, sortedQuestions } from '@laso/shared/answers';
import { formatDateTime } from '@laso/shared/time';
import { api, useSession, verifyPhone } from '../session.js';
import { Screen, Problem, Choice, useLoad, useSubmit, nextKey } from '../parts.jsx';
import { hereFromZalo } from './waste.jsx';
import { choosePhotos } from '../zalo.js';
import { uploadPhoto } from '../upload.js';

function Questions({ category, values, onChange }) {
  return sortedQuestions(category).map((q) => {
    const label = `${q.description || q.code}${q.required ? ' *' : ''}`;
    if (q.datatype === 'SINGLEVALUELIST' || q.datatype === 'MULTIVALUELIST') {
      return (
        <Choice key={q.code} label={label} name={`q-${q.code}`} value={values[q.code]}
          onChange={(v) => onChange({ ...values, [q.code]: v })} options={(q.values || []).map((v) => ({ value: v.key, label: v.name }))} />
      );
    }
    return <Input key={q.code} label={label} aria-label={label} name={`q-${q.code}`} value={values[q.code] || ''} onChange={(e) => onChange({ ...values, [q.code]: e.target.value })} />;
  });
}

// "Already reported?": open reports of the category within 250 m, each with "me too".
function Nearby({ category, point }) {
  const near = useLoad(async () => (category && point
    ? (await api.call('nearbyFeedback', { lat: point.latitude, lng: point.longitude, category })).items || [] : []), [category, point]);
  const [supported, setSupported] = useState({});
  if (!(near.value || []).length) return null;
  return (
    <Box className="card notice" mt={2}>
      <Text bold>Đã có người phản ánh gần đây:</Text>
      {near.value.map((f) => (
        <Box key={f.id} mt={1} data-nearby={f.id}>
          <Text size="small">{f.description.slice(0, 100)} ({f.statusLabel}, {f.supportCount || 0} người ủng hộ)</Text>
          <Button size="small" variant="secondary" disabled={supported[f.id] || f.supportedByMe}
            onClick={async () => { await api.call('supportFeedback', { id: f.id }); setSupported({ ...supported, [f.id]: true }); }}>
            {supported[f.id] || f.supportedByMe ? 'Đã ủng hộ' : 'Tôi cũng gặp'}
          </Button>
        </Box>
      ))}
    </Box>
  );
}

// Once answered: stars (once), or reopen with a reason within 7 days.
function AfterAnswer({ report, onDone }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  if (report.status !== 'ANSWERED') return null;
  const act = async (fn) => {
    setError(null);
    try {
      await fn();
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Box mt={2}>
      {report.rating && report.rating.stars ? <Text size="small">Bạn đã chấm {report.rating.stars} sao.</Text> : (
        <div className="stars" role="group" aria-label="Chấm điểm câu trả lời">
          {[1, 2, 3, 4, 5].map((n) => (
            <button key={n} type="button" className="star" aria-label={`${n} sao`} onClick={() => act(() => api.call('rateFeedback', { id: report.id, stars: n }, { idempotencyKey: `rate-${report.id}` }))}>{'★'.repeat(n)}</button>
          ))}
        </div>
      )}
      <Input label="Chưa được giải quyết? Lý do mở lại" aria-label="Lý do mở lại" name={`reopen-${report.id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
      <Button size="small" variant="tertiary" disabled={reason.trim().length < 5}
        onClick={() => act(() => api.call('reopenFeedback', { id: report.id, reason }, { idempotencyKey: `reopen-${report.id}` }))}>Mở lại phản ánh</Button>
      <Problem error={error} />
    </Box>
  );
}

function MyReports({ refresh }) {
  const mine = useLoad(async () => (await api.call('myFeedback', { pageSize: 20 })).items || [], [refresh]);
  return (
    <Box mt={5}>
      <Text.Title size="small" as="h2">Phản ánh của tôi</Text.Title>
      <Problem error={mine.error} onRetry={mine.reload} />
      {(mine.value || []).map((f) => (
        <Box key={f.id} className="card" mt={2} data-report={f.id}>
          <Text bold>{f.categoryName}</Text>
          <Text size="small">{f.id} · {f.statusLabel} · {formatDateTime(f.receivedAt)}</Text>
          {f.answer ? <Text className="answer">{f.answer}</Text> : null}
          <ol className="timeline" aria-label={`Diễn biến phản ánh ${f.id}`}>
            {(f.updates || []).filter((u) => u.public).slice(-4).map((u, i) => (
              <li key={i}><Text size="xSmall">{formatDateTime(u.time)} · {u.message}</Text></li>
            ))}
          </ol>
          <AfterAnswer report={f} onDone={mine.reload} />
        </Box>
      ))}
    </Box>
  );
}

// Up to 5 photos, each uploaded as soon as it is chosen, with its progress.
function Photos({ photos, setPhotos }) {
  const [error, setError] = useState(null);
  const add = async () => {
    setError(null);
    const blobs = await choosePhotos(5 - photos.length);
    for (const blob of blobs) {
      const key = nextKey();
      const entry = { key, url: URL.createObjectURL(blob), progress: 0, id: '' };
      setPhotos((list) => [...list, entry]);
      try {
        const done = await uploadPhoto(blob, key, (p) => setPhotos((list) => list.map((x) => (x.key === key ? { ...x, progress: p } : x))));
        setPhotos((list) => list.map((x) => (x.key === key ? { ...x, progress: 1, id: done.id } : x)));
      } catch (e) {
        setError(e);
        setPhotos((list) => list.filter((x) => x.key !== key));
      }
    }
  };
  return (
    <Box mt={2}>
      <div className="photos">
        {photos.map((p, i) => (
          <figure key={p.key} className="photo" data-photo={p.id || 'uploading'}>
            <img src={p.url} alt={`Ảnh ${i + 1}`} />
            <progress max="1" value={p.progress} aria-label={`Đang gửi ảnh ${i + 1}`} />
          </figure>
        ))}
      </div>
      {photos.length < 5 ? <Button size="small" variant="secondary" type="button" onClick={add}>Thêm ảnh</Button> : null}
      <Problem error={error} />
    </Box>
  );
}

export function Report() {
  const session = useSession();
  const catalog = useLoad(() => Promise.all([api.call('listCategories', {}), api.call('listAgencies', {})]), []);
  const [search, setSearch] = useState('');
  // From the waste screen: a missed pickup, with its route, stop and place filled in.
  const prefill = (useLocation().state || {}).prefill;
  const [form, setForm] = useState({ categoryCode: prefill ? prefill.categoryCode : '', description: prefill ? prefill.description : '', wardCode: '', address: '' });
  const [answers, setAnswers] = useState(prefill ? prefill.answers : {});
  const [point, setPoint] = useState(prefill ? prefill.point : null);
  const [photos, setPhotos] = useState([]);
  const [key, setKey] = useState(nextKey());
  const [filed, setFiled] = useState(null);
  const { busy, error, submit, setError } = useSubmit();
  const categories = ((catalog.value && catalog.value[0].categories) || [])
    .filter((c) => c.active && (fold(c.nameVi).includes(fold(search)) || (c.keywords || []).some((k) => fold(k).includes(fold(search)))));
  const wards = (catalog.value && catalog.value[1].wards) || [];
  const chosen = categories.find((c) => c.code === form.categoryCode);
  const phone = session && session.user && session.user.phone;
  const locate = async () => {
    setError(null);
    try {
      setPoint(await hereFromZalo());
    } catch (e) {
      setError(e);
    }
  };
  const send = (e) => {
    e.preventDefault();
    submit(async () => {
      if (!phone) await verifyPhone();
      if (photos.some((p) => !p.id)) throw new Error('Ảnh đang được gửi, vui lòng đợi một chút.');
      const body = { ...form, answers: answersOf(answers), attachmentIds: photos.map((p) => p.id) };
      if (point) body.location = { latitude: point.latitude, longitude: point.longitude };
      // The same key on every retry of this report: the service files it once.
      const answer = await api.call('createFeedback', body, { idempotencyKey: key });
      setFiled(answer);
      setForm({ categoryCode: '', description: '', wardCode: '', address: '' });
      setAnswers({});
      setPoint(null);
      setPhotos([]);
      setKey(nextKey());
    });
  };
  return (
    <Screen title="Phản ánh 1022">
      {filed ? <Box className="card ok" role="status" data-filed={filed.id}><Text>Đã gửi phản ánh {filed.id}. Hạn trả lời: {formatDateTime(filed.dueAt)}.</Text></Box> : null}
      <form onSubmit={send}>
        <Input label="Tìm lĩnh vực" aria-label="Tìm lĩnh vực" name="categorySearch" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="den duong, rac, ngap…" />
        <div className="choices" role="radiogroup" aria-label="Lĩnh vực">
          {categories.map((c) => (
            <button type="button" key={c.code} role="radio" aria-checked={form.categoryCode === c.code} data-category={c.code}
              className={form.categoryCode === c.code ? 'choice on' : 'choice'} onClick={() => setForm({ ...form, categoryCode: c.code })}>{c.nameVi}</button>
          ))}
        </div>
        {chosen && chosen.notice ? <Box className="card notice" role="note"><Text>{chosen.notice}</Text></Box> : null}
        {chosen ? <Questions category={chosen} values={answers} onChange={setAnswers} /> : null}
        <Input.TextArea label="Nội dung (ít nhất 10 ký tự)" aria-label="Nội dung (ít nhất 10 ký tự)" name="description" value={form.description} maxLength={4000} showCount
          onChange={(e) => setForm({ ...form, description: e.target.value })} />
        <Photos photos={photos} setPhotos={setPhotos} />
        <Box mt={2}>
          <Button size="small" variant="secondary" type="button" onClick={locate}>Dùng vị trí hiện tại</Button>
          {point ? <Text size="small" data-point={`${point.latitude},${point.longitude}`}>Vị trí: {point.latitude.toFixed(5)}, {point.longitude.toFixed(5)}</Text> : null}
        </Box>
        <Nearby category={form.categoryCode} point={point} />
        {point ? null : (
          <Choice label="Hoặc chọn phường/xã" name="ward" placeholder="Phường/xã" value={form.wardCode}
            onChange={(v) => setForm({ ...form, wardCode: v })} options={wards.map((w) => ({ value: w.code, label: w.name }))} />
        )}
        <Input label="Địa chỉ (số nhà, đường)" aria-label="Địa chỉ (số nhà, đường)" name="address" value={form.address} onChange={(e) => setForm({ ...form, address: e.target.value })} />
        <Problem error={error} />
        <Button fullWidth htmlType="submit" loading={busy} disabled={!form.categoryCode}>{phone ? 'Gửi phản ánh' : 'Xác minh số điện thoại và gửi'}</Button>
      </form>
      <MyReports refresh={filed ? filed.id : ''} />
    </Screen>
  );
}
