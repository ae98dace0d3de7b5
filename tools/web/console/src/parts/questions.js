// A category's extra questions (Open311 attributes) as form fields; answers as the API takes them:
// [{question, values: [...]}].
import { html } from 'htm/preact';
import { sortedQuestions } from '@laso/shared/answers';

export { answersOf } from '@laso/shared/answers';

export function Questions({ category, values, onChange }) {
  const questions = sortedQuestions(category);
  if (!questions.length) return null;
  const set = (code, value) => onChange({ ...values, [code]: value });
  return html`<fieldset class="questions wide"><legend>Câu hỏi của lĩnh vực</legend>
    ${questions.map((q) => {
      const id = `q-${q.code}`;
      const label = `${q.description || q.code}${q.required ? ' (bắt buộc)' : ''}`;
      if (q.datatype === 'SINGLEVALUELIST') {
        return html`<div class="field"><label for=${id}>${label}</label>
          <select id=${id} name=${id} required=${q.required} value=${values[q.code] || ''} onChange=${(e) => set(q.code, e.currentTarget.value)}>
            <option value="">— chọn —</option>${(q.values || []).map((v) => html`<option value=${v.key}>${v.name}</option>`)}</select></div>`;
      }
      if (q.datatype === 'MULTIVALUELIST') {
        const chosen = values[q.code] || [];
        return html`<fieldset class="field"><legend>${label}</legend>
          ${(q.values || []).map((v) => html`<label class="check"><input type="checkbox" name=${id} value=${v.key} checked=${chosen.includes(v.key)}
            onChange=${(e) => set(q.code, e.currentTarget.checked ? [...chosen, v.key] : chosen.filter((k) => k !== v.key))} /> ${v.name}</label>`)}
        </fieldset>`;
      }
      const type = q.datatype === 'NUMBER' ? 'number' : q.datatype === 'DATETIME' ? 'datetime-local' : 'text';
      return html`<div class="field"><label for=${id}>${label}</label>
        <input id=${id} name=${id} type=${type} required=${q.required} value=${values[q.code] || ''}
          onInput=${(e) => set(q.code, type === 'datetime-local' && e.currentTarget.value ? `${e.currentTarget.value}:00+07:00` : e.currentTarget.value)} /></div>`;
    })}
  </fieldset>`;
}
