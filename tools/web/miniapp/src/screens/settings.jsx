// Notification settings: per kind, in the inbox and by Zalo; quiet hours for Zalo messages.
import React, { useEffect, useState } from 'react';
import { Box, Text, Button, Switch } from 'zmp-ui';
import { api } from '../session.js';
import { Screen, Problem, useLoad } from '../parts.jsx';

export function Settings() {
  const loaded = useLoad(() => api.call('notificationSettings', {}), []);
  const [s, setS] = useState(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => { if (loaded.value) setS(loaded.value); }, [loaded.value]);
  const setKind = (i, k, v) => setS({ ...s, kinds: s.kinds.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      setS(await api.call('putNotificationSettings', { kinds: s.kinds, quietHours: s.quietHours }));
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Screen title="Cài đặt thông báo">
      <Problem error={loaded.error} onRetry={loaded.reload} />
      {s ? (
        <>
          {s.kinds.map((k, i) => (
            <Box key={k.kind} className="card" mt={2} data-kind={k.kind}>
              <Text bold>{k.label}</Text>
              <Switch label="Trong hộp thư" name={`inapp-${k.kind}`} checked={k.inApp} onChange={(e) => setKind(i, 'inApp', e.target.checked)} />
              <Switch label="Qua Zalo" name={`zalo-${k.kind}`} checked={k.zalo} onChange={(e) => setKind(i, 'zalo', e.target.checked)} />
            </Box>
          ))}
          <Box className="card" mt={2}>
            <Switch label={`Giờ yên tĩnh ${(s.quietHours || {}).start || '21:00'}–${(s.quietHours || {}).end || '07:00'} (tin Zalo chờ đến sáng)`}
              name="quiet" checked={Boolean(s.quietHours && s.quietHours.enabled)}
              onChange={(e) => setS({ ...s, quietHours: { ...(s.quietHours || {}), enabled: e.target.checked } })} />
          </Box>
          {s.zaloReachable ? null : <Text size="small" className="muted">Xác minh số điện thoại để nhận tin qua Zalo.</Text>}
          <Problem error={error} />
          {saved ? <Text role="status" className="saved">Đã lưu.</Text> : null}
          <Button fullWidth onClick={save} className="mt">Lưu</Button>
        </>
      ) : null}
    </Screen>
  );
}
