// Small pieces the screens share: loading a value (kept while it reloads), submitting, errors a resident can read,
// and a page with a back header.
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Page, Box, Text, Button, useNavigate } from 'zmp-ui';
import { makeHooks } from '@laso/shared/hooks';

export const { useLoad, useSubmit } = makeHooks({ useState, useRef, useCallback, useEffect });

export function Problem({ error, onRetry }) {
  if (!error) return null;
  const network = error.httpStatus === 0 || error.httpStatus >= 500;
  return (
    <Box className="problem" role="alert" p={3} mt={2}>
      <Text>{network ? 'Mạng chậm hoặc máy chủ bận. ' : ''}{error.message}</Text>
      {onRetry ? <Button size="small" variant="secondary" onClick={onRetry}>Thử lại</Button> : null}
    </Box>
  );
}

// A screen under the home page: its title and a way home that works the same in Zalo and in a browser.
export function Screen({ title, children }) {
  const navigate = useNavigate();
  return (
    <Page className="screen">
      <header className="bar">
        <button type="button" className="home-link" onClick={() => navigate('/', { direction: 'backward' })}>‹ Trang chủ</button>
        <h1 className="bar-title">{title}</h1>
      </header>
      <Box p={4} className="screen-body">{children}</Box>
    </Page>
  );
}

export const nextKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

// A native select (zmp-ui's draws its arrow with an icon font loaded from Zalo's CDN, absent outside Zalo).
export function Choice({ label, name, value, onChange, options, placeholder = 'Chọn' }) {
  const id = `c-${name}`;
  return (
    <div className="choice-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value || ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{placeholder}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}
