// Times as people in Vietnam read them (Asia/Ho_Chi_Minh, +07:00), whatever the browser's zone.
const zone = 'Asia/Ho_Chi_Minh';
const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('vi-VN', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric' });
const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

export const formatDateTime = (t) => (t ? dateTime.format(new Date(t)) : '');
export const formatDate = (t) => (t ? dateOnly.format(new Date(t)) : '');
// YYYY-MM-DD of a moment in Vietnam.
export const vietnamDay = (t = Date.now()) => isoDay.format(new Date(t));

// "3 giờ trước", "2 ngày trước".
export function ago(t, now = Date.now()) {
  const minutes = Math.round((now - new Date(t).getTime()) / 60000);
  if (minutes < 1) return 'vừa xong';
  if (minutes < 60) return `${minutes} phút trước`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} giờ trước`;
  return `${Math.round(hours / 24)} ngày trước`;
}

// Working days (Monday to Friday) from now to `due`; negative when past. Holidays are the
// server's business (it sets dueAt with them): this only says how far the date is.
export function workingDaysUntil(due, now = Date.now()) {
  const end = new Date(due).getTime();
  const [from, to, sign] = end >= now ? [now, end, 1] : [end, now, -1];
  let days = 0;
  for (let t = from + 86400000; t <= to && days < 400; t += 86400000) {
    const weekday = new Date(t + 7 * 3600000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days++;
  }
  return sign * days;
}

// How a deadline reads on the desk: hours for the same day, working days beyond.
export function deadlineText(due, now = Date.now()) {
  if (!due) return '';
  const ms = new Date(due).getTime() - now;
  const hours = Math.abs(ms) / 3600000;
  if (hours < 24) {
    const h = Math.max(1, Math.round(hours));
    return ms >= 0 ? `còn ${h} giờ` : `quá hạn ${h} giờ`;
  }
  const days = Math.abs(workingDaysUntil(due, now)) || 1;
  return ms >= 0 ? `còn ${days} ngày làm việc` : `quá hạn ${days} ngày làm việc`;
}
