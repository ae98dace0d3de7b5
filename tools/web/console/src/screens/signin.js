// Sign-in: username, password and the 6-digit code of the authenticator app; on the first
// sign-in the one-time password an admin gave is changed for the person's own.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, start } from '../session.js';
import { ErrorBox, Field, Notice, useSubmit } from '../parts/ui.js';

export function SignIn({ message }) {
  const [form, setForm] = useState({ username: '', password: '', totp: '', newPassword: '', confirm: '' });
  const [changing, setChanging] = useState(false);
  const { busy, error, submit, setError } = useSubmit();
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });

  const onSubmit = (e) => {
    e.preventDefault();
    submit(async () => {
      if (changing) {
        if (form.newPassword !== form.confirm) {
          setError({ message: 'Hai lần nhập mật khẩu mới không khớp.' });
          return;
        }
        start(await api.call('staffChangePassword', {
          username: form.username, password: form.password, totp: form.totp, newPassword: form.newPassword,
        }, { anonymous: true }));
        return;
      }
      try {
        start(await api.call('staffSignIn', { username: form.username, password: form.password, totp: form.totp }, { anonymous: true }));
      } catch (err) {
        if (err.reason !== 'PASSWORD_CHANGE_REQUIRED') throw err;
        setChanging(true);
        setForm({ ...form, totp: '' });
      }
    });
  };

  return html`
    <main class="signin" id="main">
      <form class="panel" onSubmit=${onSubmit} aria-labelledby="signin-title">
        <h1 id="signin-title">Đăng nhập bảng điều hành 1022</h1>
        <${Notice} text=${message} />
        ${changing ? html`<${Notice} text="Đây là lần đăng nhập đầu: hãy đặt mật khẩu của riêng bạn (ít nhất 12 ký tự, gồm 3 loại: chữ thường, chữ hoa, số hoặc ký hiệu) và nhập mã mới từ ứng dụng xác thực." />` : ''}
        <${Field} label="Tên đăng nhập">${(id) => html`<input id=${id} name="username" autocomplete="username" required
          value=${form.username} onInput=${set('username')} autofocus />`}<//>
        <${Field} label=${changing ? 'Mật khẩu được cấp' : 'Mật khẩu'}>${(id) => html`<input id=${id} name="password" type="password"
          autocomplete="current-password" required value=${form.password} onInput=${set('password')} />`}<//>
        ${changing ? html`
          <${Field} label="Mật khẩu mới">${(id) => html`<input id=${id} name="newPassword" type="password" autocomplete="new-password"
            minlength="12" required value=${form.newPassword} onInput=${set('newPassword')} />`}<//>
          <${Field} label="Nhập lại mật khẩu mới">${(id) => html`<input id=${id} name="confirm" type="password" autocomplete="new-password"
            required value=${form.confirm} onInput=${set('confirm')} />`}<//>` : ''}
        <${Field} label="Mã xác thực (6 số)" hint="Mã trong ứng dụng xác thực (Google Authenticator, …); mỗi mã dùng một lần.">${(id) => html`
          <input id=${id} name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required
            value=${form.totp} onInput=${set('totp')} />`}<//>
        <${ErrorBox} error=${error} />
        <button type="submit" class="primary" disabled=${busy}>${busy ? 'Đang đăng nhập…' : changing ? 'Đổi mật khẩu và đăng nhập' : 'Đăng nhập'}</button>
      </form>
    </main>`;
}
