// A photo sent to POST /v1/attachments with its progress, retried on a bad network (the same
// Idempotency-Key each time, so a retry that the server already took gives the same attachment).
import { apiBase } from './zalo.js';
import { session } from './session.js';

function sendOnce(blob, key, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${apiBase()}/v1/attachments`);
    const s = session();
    if (s) xhr.setRequestHeader('Authorization', `Bearer ${s.sessionToken}`);
    xhr.setRequestHeader('Content-Type', blob.type || 'application/octet-stream');
    xhr.setRequestHeader('Idempotency-Key', key);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText || '{}'); } catch { /* not JSON */ }
      if (xhr.status === 200) resolve(body);
      else reject(Object.assign(new Error((body.error && body.error.message) || `Lỗi ${xhr.status}`), { httpStatus: xhr.status }));
    };
    xhr.onerror = () => reject(Object.assign(new Error('Mạng chập chờn, đang thử gửi lại ảnh.'), { httpStatus: 0 }));
    xhr.send(blob);
  });
}

export async function uploadPhoto(blob, key, onProgress, tries = 4) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(blob, key, onProgress);
    } catch (e) {
      const retryable = e.httpStatus === 0 || e.httpStatus >= 500;
      if (!retryable || attempt >= tries) throw e;
      await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
    }
  }
}
