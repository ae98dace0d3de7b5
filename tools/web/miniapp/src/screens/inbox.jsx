// The inbox: what laso told the resident (dossiers, reports, bills, the truck), newest first.
import React from 'react';
import { Box, Text, Button, useNavigate } from 'zmp-ui';
import { formatDateTime } from '@laso/shared/time';
import { api } from '../session.js';
import { Screen, Problem, useLoad } from '../parts.jsx';

export function Inbox() {
  const navigate = useNavigate();
  const inbox = useLoad(() => api.call('myNotifications', { pageSize: 50 }), []);
  const items = (inbox.value && inbox.value.notifications) || [];
  return (
    <Screen title="Hộp thư">
      <Button size="small" variant="tertiary" onClick={() => navigate('/settings')}>Cài đặt thông báo</Button>
      <Problem error={inbox.error} onRetry={inbox.reload} />
      {items.length ? <Button size="small" variant="tertiary" onClick={async () => { await api.call('readAllNotifications', {}); inbox.reload(); }}>Đánh dấu đã đọc hết</Button> : null}
      {items.map((n) => (
        <Box key={n.id} className={n.readAt ? 'card' : 'card unread'} mt={2} data-notification={n.id}>
          <Text bold>{n.title}</Text>
          <Text size="small">{n.body}</Text>
          <Text size="xxSmall" className="muted">{formatDateTime(n.createdAt)}</Text>
        </Box>
      ))}
      {inbox.value && !items.length ? <Text className="muted">Chưa có thông báo nào.</Text> : null}
    </Screen>
  );
}
