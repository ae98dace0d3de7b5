// Electricity and water bills: link an account by its customer code (whole bills when the utility
// registered the resident's verified phone, amounts otherwise), the bills, and paying one with Zalo
// Checkout; the bill turns PAID when Zalo's callback reaches laso (checked every 3 s while waiting).
import React, { useEffect, useState } from 'react';
import { Box, Text, Button, Input } from 'zmp-ui';
import { formatDateTime } from '@laso/shared/time';
import { api, useSession, verifyPhone } from '../session.js';
import { payWithZalo } from '../zalo.js';
import { Screen, Problem, Choice, useLoad, useSubmit, nextKey } from '../parts.jsx';

const vnd = (n) => `${Number(n).toLocaleString('vi-VN')} đ`;
const statusLabels = { UNPAID: 'Chưa thanh toán', PAID: 'Đã thanh toán', OVERDUE: 'Quá hạn' };

function Link({ providers, onLinked }) {
  const [form, setForm] = useState({ provider: '', customerCode: '', alias: '' });
  const [key, setKey] = useState(nextKey());
  const { busy, error, submit } = useSubmit();
  const link = (e) => {
    e.preventDefault();
    submit(async () => {
      await api.call('linkUtilityAccount', form, { idempotencyKey: key });
      setForm({ provider: '', customerCode: '', alias: '' });
      setKey(nextKey());
      onLinked();
    });
  };
  return (
    <form onSubmit={link} className="card">
      <Text bold>Liên kết tài khoản điện, nước</Text>
      <Choice label="Nhà cung cấp" name="provider" value={form.provider} onChange={(v) => setForm({ ...form, provider: v })}
        options={providers.map((p) => ({ value: p.code, label: p.name }))} />
      <Input label="Mã khách hàng (trên hóa đơn)" aria-label="Mã khách hàng (trên hóa đơn)" name="customerCode" value={form.customerCode}
        onChange={(e) => setForm({ ...form, customerCode: e.target.value.trim() })} placeholder="PB06010000000" />
      <Input label="Tên gợi nhớ" aria-label="Tên gợi nhớ" name="alias" value={form.alias} onChange={(e) => setForm({ ...form, alias: e.target.value })} placeholder="Nhà ở Tân An" />
      <Problem error={error} />
      <Button fullWidth htmlType="submit" loading={busy} disabled={!form.provider || !form.customerCode}>Liên kết</Button>
    </form>
  );
}

export function Bills() {
  const session = useSession();
  const [error, setError] = useState(null);
  const [paying, setPaying] = useState('');
  const providers = useLoad(async () => (await api.call('billingProviders', {})).providers || [], []);
  const accounts = useLoad(async () => (await api.call('myUtilityAccounts', {})).accounts || [], []);
  const bills = useLoad(async () => (await api.call('myBills', {})).bills || [], []);
  const phone = session && session.user && session.user.phone;
  // While a payment waits for Zalo's callback, look again every 3 s.
  useEffect(() => {
    if (!paying) return undefined;
    const id = setInterval(() => bills.reload(), 3000);
    return () => clearInterval(id);
  }, [paying]);
  useEffect(() => {
    if (paying && (bills.value || []).some((b) => b.id === paying && b.status === 'PAID')) setPaying('');
  }, [bills.value]);
  const pay = async (bill) => {
    setError(null);
    try {
      const order = await api.call('checkoutBill', { id: bill.id });
      await payWithZalo(order);
      setPaying(bill.id);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Screen title="Hóa đơn điện nước">
      {phone ? null : (
        <Box className="card notice" mb={3}>
          <Text>Xác minh số điện thoại để xem đầy đủ hóa đơn của tài khoản đứng tên bạn.</Text>
          <Button size="small" variant="secondary" onClick={() => verifyPhone().then(() => { accounts.reload(); bills.reload(); }).catch(setError)}>Xác minh số điện thoại</Button>
        </Box>
      )}
      <Link providers={providers.value || []} onLinked={() => { accounts.reload(); bills.reload(); }} />
      <Problem error={error || accounts.error || bills.error} />
      {(accounts.value || []).map((a) => (
        <Box key={`${a.provider}/${a.customerCode}`} className="card" mt={2} data-account={a.customerCode}>
          <Text bold>{a.alias || a.customerCode}</Text>
          <Text size="small">{a.customerCode} · {a.level === 'FULL' ? 'đầy đủ' : 'chỉ số tiền'}{a.maskedName ? ` · ${a.maskedName}` : ''}</Text>
        </Box>
      ))}
      {(bills.value || []).map((b) => (
        <Box key={b.id} className="card" mt={2} data-bill={b.id} data-status={b.status}>
          <Text bold>{b.providerName || b.provider} · kỳ {b.period}</Text>
          <Text>{vnd(b.total)} · {statusLabels[b.status] || b.status}</Text>
          <Text size="small">Hạn: {b.dueDate}{b.paidAt ? ` · trả lúc ${formatDateTime(b.paidAt)}` : ''}</Text>
          {b.status !== 'PAID' ? (
            <Button size="small" onClick={() => pay(b)} loading={paying === b.id}>{paying === b.id ? 'Đang chờ Zalo xác nhận…' : 'Thanh toán qua Zalo'}</Button>
          ) : null}
        </Box>
      ))}
    </Screen>
  );
}
