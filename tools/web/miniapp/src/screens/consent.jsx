// The privacy notice (Luật Bảo vệ dữ liệu cá nhân 2025): read, choose the optional purposes, accept.
import React, { useState } from 'react';
import { Page, Box, Text, Button, Switch } from 'zmp-ui';
import { api, useSessionAfterConsent } from '../session.js';
import { useLoad, useSubmit, Problem } from '../parts.jsx';

// Asked for while the sign-in is under way (it is public): one round trip less on a slow network.
let noticeAsked = null;
export function prefetchNotice() {
  if (!noticeAsked) noticeAsked = api.call('privacyNotice', {}).catch((e) => { noticeAsked = null; throw e; });
  return noticeAsked;
}

export function Consent({ onAccepted }) {
  const notice = useLoad(() => prefetchNotice(), []);
  const [choices, setChoices] = useState({});
  const { busy, error, submit } = useSubmit();
  const n = notice.value;
  const accept = () => submit(async () => {
    const answer = await api.call('putConsents', {
      noticeVersion: n.version,
      choices: n.purposes.map((p) => ({ purpose: p.code, granted: p.required ? true : Boolean(choices[p.code]) })),
    });
    useSessionAfterConsent(answer);
    onAccepted();
  });
  return (
    <Page className="screen">
      <Box p={4}>
        <Text.Title as="h1">Thông báo xử lý dữ liệu cá nhân</Text.Title>
        <Problem error={notice.error} onRetry={notice.reload} />
        {n ? (
          <>
            <Text className="notice-text">{n.text}</Text>
            {n.purposes.map((p) => (
              <Box key={p.code} className="purpose" mt={3}>
                <Text bold>{p.title}{p.required ? ' (bắt buộc)' : ''}</Text>
                <Text size="small" className="muted">{p.description}</Text>
                {p.required ? null : (
                  <Switch label="Đồng ý" checked={Boolean(choices[p.code])} name={`consent-${p.code}`}
                    onChange={(e) => setChoices({ ...choices, [p.code]: e.target.checked })} />
                )}
              </Box>
            ))}
            <Problem error={error} />
            <Button fullWidth loading={busy} onClick={accept} className="mt">Đồng ý và tiếp tục</Button>
          </>
        ) : null}
      </Box>
    </Page>
  );
}
