// Vietnamese text for search: "Tân An" and "tan an" are the same words.
export function fold(s) {
  return String(s || '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

export function matches(haystack, needle) {
  const n = fold(needle);
  return !n || fold(haystack).includes(n);
}
