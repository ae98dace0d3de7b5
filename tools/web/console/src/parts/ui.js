// Small pieces every screen uses: loading a value, showing an error, labelled fields, badges.
import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { statusLabels, priorityLabels } from '@laso/shared/labels';
import { makeHooks } from '@laso/shared/hooks';

export const { useLoad, useSubmit } = makeHooks({ useState, useRef, useCallback, useEffect });

// Runs `fn` `ms` after its last run finished, while the page is visible (a hidden tab asks
// nothing; showing it again asks at once). One call at a time: a slow network never piles them up.
export function useEvery(ms, fn, deps) {
  useEffect(() => {
    let timer = 0;
    let stopped = false;
    const run = async () => {
      if (stopped) return;
      if (document.visibilityState === 'visible') {
        try {
          await fn();
        } catch {
          // the screen shows the error of its load; the next run tries again
        }
      }
      if (!stopped) timer = setTimeout(run, ms);
    };
    timer = setTimeout(run, ms);
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      run();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, deps);
}

export function ErrorBox({ error }) {
  if (!error) return null;
  const fields = (error.fields || []).map((f) => html`<li>${f.description || f.field}</li>`);
  return html`<div class="error" role="alert">
    <strong>${error.message}</strong>${error.reason ? html` <span class="muted">(${error.reason})</span>` : ''}
    ${fields.length ? html`<ul>${fields}</ul>` : ''}
  </div>`;
}

export function Notice({ text }) {
  return text ? html`<div class="notice" role="status">${text}</div>` : null;
}

let fieldIds = 0;
// <${Field} label="Số điện thoại">${(id) => html`<input id=${id} …/>`}<//>
export function Field({ label, hint, children }) {
  const id = useRef(`f${++fieldIds}`).current;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${typeof children === 'function' ? children(id) : children}
    ${hint ? html`<small class="muted">${hint}</small>` : ''}
  </div>`;
}

export function StatusBadge({ status }) {
  return html`<span class=${`badge status-${String(status).toLowerCase()}`}>${statusLabels[status] || status}</span>`;
}

export function Flags({ report }) {
  return html`${report.priority === 'URGENT' ? html`<span class="badge urgent">Khẩn</span>` : ''}
    ${report.priority === 'HIGH' ? html`<span class="badge high">Ưu tiên cao</span>` : ''}
    ${report.overdue || report.ackOverdue ? html`<span class="badge overdue">Quá hạn</span>` : ''}`;
}

export const options = (labels, empty) => [
  empty !== undefined ? html`<option value="">${empty}</option>` : '',
  ...Object.entries(labels).map(([value, label]) => html`<option value=${value}>${label}</option>`),
];

export const priorityOptions = (empty) => options(priorityLabels, empty);
