// Hooks written once for both clients: the console passes Preact's hooks, the Mini App React's.
export function makeHooks({ useState, useRef, useCallback, useEffect }) {
  // Runs load() now and whenever deps change; reload() runs it again. Keeps the last value while
  // reloading so a live refresh does not flicker (quiet: not even the loading flag).
  function useLoad(load, deps) {
    const [state, setState] = useState({ value: undefined, error: null, loading: true });
    const generation = useRef(0);
    const reload = useCallback(async (quiet = false) => {
      const mine = ++generation.current;
      if (!quiet) setState((s) => ({ ...s, loading: true }));
      try {
        const value = await load();
        if (mine === generation.current) setState({ value, error: null, loading: false });
      } catch (error) {
        if (mine === generation.current) setState((s) => ({ ...s, error, loading: false }));
      }
    }, deps);
    useEffect(() => { reload(); }, [reload]);
    return { ...state, reload };
  }

  // A form's submit with its busy state and error: submit(async () => …).
  function useSubmit() {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState(null);
    const submit = async (fn) => {
      setBusy(true);
      setError(null);
      try {
        return await fn();
      } catch (e) {
        setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    };
    return { busy, error, submit, setError };
  }

  return { useLoad, useSubmit };
}
