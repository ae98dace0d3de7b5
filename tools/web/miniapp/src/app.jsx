// The Mini App's frame: zmp-ui's App with its memory router (outside Zalo its browser router would
// force a /zapps/<APP_ID> base), signed in with Zalo before anything else, consent first.
import React, { Suspense, lazy, useEffect, useState } from 'react';
import { App, ZMPRouter, AnimationRoutes, SnackbarProvider, Spinner, Box, Text, Button } from 'zmp-ui';
import { Route } from 'react-router-dom';
import { signIn, useSession, api } from './session.js';
import { Home } from './screens/home.jsx';
import { Consent, prefetchNotice } from './screens/consent.jsx';

// The first screen needs only the home page: the others load when first opened.
const named = (load, name) => lazy(() => load().then((m) => ({ default: m[name] })));
const Report = named(() => import('./screens/report.jsx'), 'Report');
const Dossiers = named(() => import('./screens/dossiers.jsx'), 'Dossiers');
const Waste = named(() => import('./screens/waste.jsx'), 'Waste');
const Bills = named(() => import('./screens/bills.jsx'), 'Bills');
const Inbox = named(() => import('./screens/inbox.jsx'), 'Inbox');
const Settings = named(() => import('./screens/settings.jsx'), 'Settings');

function Gate({ children }) {
  const session = useSession();
  const [state, setState] = useState({ error: null, consent: null });
  const start = async () => {
    setState({ error: null, consent: null });
    try {
      prefetchNotice().catch(() => {});
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
            <Suspense fallback={<Box p={6} className="center"><Spinner visible /></Box>}>
            <AnimationRoutes>
              <Route path="/" element={<Home />} />
              <Route path="/report" element={<Report />} />
              <Route path="/dossiers" element={<Dossiers />} />
              <Route path="/waste" element={<Waste />} />
              <Route path="/inbox" element={<Inbox />} />
              <Route path="/bills" element={<Bills />} />
              <Route path="/settings" element={<Settings />} />
            </AnimationRoutes>
            </Suspense>
          </Gate>
        </ZMPRouter>
      </SnackbarProvider>
    </App>
  );
}
