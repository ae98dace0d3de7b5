// The catalogue (categories, agencies, wards) read once per page load and shared by screens.
import { api } from '../session.js';

let cached = null;

export function loadCatalog({ fresh = false } = {}) {
  if (!cached || fresh) {
    cached = Promise.all([api.call('listCategories', { includeInactive: true }), api.call('listAgencies', {})])
      .then(([c, a]) => ({
        categories: c.categories || [],
        agencies: a.agencies || [],
        wards: a.wards || [],
      }))
      .catch((e) => {
        cached = null;
        throw e;
      });
  }
  return cached;
}

export const nameOf = (list, code) => (list.find((x) => x.code === code) || {}).name || code || '';
export const categoryName = (catalog, code) => (catalog.categories.find((c) => c.code === code) || {}).nameVi || code;
