// The Mini App's frame: zmp-ui's App with its memory router (outside Zalo its browser router would
// force a /zapps/<APP_ID> base), signed in with Zalo before anything else, consent first.
import React, { useEffect, useState } from 'react';
import { App, ZMPRouter, AnimationRoutes, SnackbarProvider, Spinner, Box, Text, Button } from 'zmp-ui';
import { Route } from 'react-router-dom';
import { signIn, useSession, api } from './session.js';
import { Home } from './screens/home.jsx';
import { Consent } from './screens/consent.jsx';
import { Dossiers } from './screens/dossiers.jsx';
import { Waste } from './screens/waste.jsx';
import { Report } from './screens/report.jsx';
import { Inbox } from './screens/inbox.jsx';
import { Bills } from './screens/bills.jsx';

function Gate({ children }) {
  const session = useSession();
  const [state, setState] = useState({ error: null, consent: null });
  const start = async () => {
    setState({ error: null, consent: null });
    try {
      await signIn();
      const consents = await api.call('myConsents', { withoutHistory: true });
      setState({ error: null, consent: consents });
    } catch (error) {
      setState({ error, consent: null });
    }
  };
  useEffect(() => { start(); }, []);
  if (state.error) {
    return (
      <Box p={4} role="alert">
        <Text.Title>Chưa đăng nhập được</Text.Title>
        <Text>{state.error.message}</Text>
        <Button onClick={start}>Thử lại</Button>
      </Box>
    );
  }
  if (!session || !state.consent) return <Box p={6} className="center"><Spinner visible /><Text>Đang đăng nhập bằng Zalo…</Text></Box>;
  if (state.consent.acceptanceNeeded) {
    return <Consent onAccepted={() => setState({ ...state, consent: { ...state.consent, acceptanceNeeded: false } })} />;
  }
  return children;
}

export function LasoApp() {
  return (
    <App>
      <SnackbarProvider>
        <ZMPRouter memoryRouter>
          <Gate>
            <AnimationRoutes>
              <Route path="/" element={<Home />} />
              <Route path="/report" element={<Report />} />
              <Route path="/dossiers" element={<Dossiers />} />
              <Route path="/waste" element={<Waste />} />
              <Route path="/inbox" element={<Inbox />} />
              <Route path="/bills" element={<Bills />} />
            </AnimationRoutes>
          </Gate>
        </ZMPRouter>
      </SnackbarProvider>
    </App>
  );
}
