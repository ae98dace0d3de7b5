// Home: the four things residents come for, and the inbox with its unread count.
import React from 'react';
import { Page, Box, Text, Button, useNavigate } from 'zmp-ui';
import { api, useSession } from '../session.js';
import { useLoad } from '../parts.jsx';

const tiles = [
  { to: '/report', title: 'Phản ánh 1022', note: 'Gửi và theo dõi phản ánh' },
  { to: '/dossiers', title: 'Hồ sơ của tôi', note: 'Tra cứu hồ sơ một cửa' },
  { to: '/bills', title: 'Hóa đơn điện nước', note: 'Xem và thanh toán qua Zalo' },
  { to: '/waste', title: 'Lịch thu gom rác', note: 'Ngày thu gom, xe đang ở đâu' },
];

export function Home() {
  const navigate = useNavigate();
  const session = useSession();
  const inbox = useLoad(() => api.call('myNotifications', { pageSize: 1, unreadOnly: true }), []);
  const unread = Number((inbox.value && inbox.value.unreadCount) || 0); // int64: a JSON string
  return (
    <Page className="screen home">
      <Box p={4}>
        <Text.Title size="large" as="h1">Long An Số</Text.Title>
        <Text className="muted">Xin chào {session && session.user ? session.user.name : ''}</Text>
        <div className="tiles">
          {tiles.map((t) => (
            <button key={t.to} type="button" className="tile" disabled={t.soon} onClick={() => navigate(t.to)}>
              <span className="tile-title">{t.title}</span>
              <span className="tile-note">{t.note}</span>
            </button>
          ))}
        </div>
        <Button fullWidth variant="secondary" onClick={() => navigate('/inbox')} aria-label={`Hộp thư, ${unread} chưa đọc`}>
          Hộp thư {unread ? <span className="badge" data-unread={unread}>{unread}</span> : null}
        </Button>
      </Box>
    </Page>
  );
}
