// Dossiers at the one-stop shop: look one up by the code on the receipt (typed or scanned) and the
// applicant's phone or ID digits; with a verified phone, every dossier of the resident.
import React, { useState } from 'react';
import { Box, Text, Button, Input } from 'zmp-ui';
import { formatDate } from '@laso/shared/time';
import { api, useSession, verifyPhone } from '../session.js';
import { scanDossierCode } from '../zalo.js';
import { Screen, Problem, useLoad, useSubmit } from '../parts.jsx';

function DossierCard({ d }) {
  return (
    <Box className="card" mt={3} data-dossier={d.code}>
      <Text bold>{d.procedure ? d.procedure.name : d.code}</Text>
      <Text size="small">{d.code}</Text>
      <Text className="status">{d.statusLabel}</Text>
      <Text size="small">Hạn trả: {formatDate(d.dueAt)} · {d.timelinessLabel}</Text>
      {d.handlingAgency ? <Text size="small" className="muted">{d.handlingAgency.name}</Text> : null}
    </Box>
  );
}

function Mine() {
  const session = useSession();
  const [error, setError] = useState(null);
  const phone = session && session.user && session.user.phone;
  const mine = useLoad(async () => (phone ? (await api.call('myDossiers', { pageSize: 20 })).dossiers || [] : null), [phone]);
  if (!phone) {
    return (
      <Box mt={4}>
        <Text>Xác minh số điện thoại Zalo để xem mọi hồ sơ đứng tên bạn.</Text>
        <Button variant="secondary" onClick={() => verifyPhone().catch(setError)}>Xác minh số điện thoại</Button>
        <Problem error={error} />
      </Box>
    );
  }
  return (
    <Box mt={4}>
      <Text.Title size="small" as="h2">Hồ sơ của tôi</Text.Title>
      <Problem error={mine.error} onRetry={mine.reload} />
      {(mine.value || []).map((d) => <DossierCard key={d.code} d={d} />)}
      {mine.value && mine.value.length === 0 ? <Text className="muted">Chưa có hồ sơ nào.</Text> : null}
    </Box>
  );
}

export function Dossiers() {
  const [code, setCode] = useState('');
  const [verifier, setVerifier] = useState('');
  const [found, setFound] = useState(null);
  const { busy, error, submit } = useSubmit();
  const look = (e) => {
    e.preventDefault();
    setFound(null);
    submit(async () => setFound(await api.call('getDossier', { code: code.trim(), verifier: verifier.trim() })));
  };
  return (
    <Screen title="Hồ sơ một cửa">
      <form onSubmit={look}>
        <Input label="Mã hồ sơ (trên giấy biên nhận)" aria-label="Mã hồ sơ (trên giấy biên nhận)" name="code" value={code} onChange={(e) => setCode(e.target.value)}
          placeholder="H15.50.05.13-261008-0975" required />
        <Button size="small" variant="tertiary" type="button" onClick={async () => setCode(await scanDossierCode())}>Quét mã QR trên biên nhận</Button>
        <Input label="Số điện thoại hoặc 6 số cuối CCCD của người nộp" aria-label="Số điện thoại hoặc 6 số cuối CCCD của người nộp" name="verifier" value={verifier}
          onChange={(e) => setVerifier(e.target.value)} />
        <Button fullWidth htmlType="submit" loading={busy}>Tra cứu</Button>
      </form>
      <Problem error={error} />
      {found ? <DossierCard d={found} /> : null}
      <Mine />
    </Screen>
  );
}
