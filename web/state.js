// What the page shows (view, query, product, order, accepted-only, open thread), kept in the URL
// so searches can be shared and Back works. sort: '' (relevance) or 'newest'.
export const views = ['search', 'moderate', 'write'];
export const state = { view: 'search', q: '', product: '', sort: '', accepted: false, thread: '' };
// What the server says about the site (GET /api/config): where new questions are posted, and
// the placeholders the indexer leaves where it removed personal data.
export const site = { askUrl: '', placeholders: [] };
const urlWrites = { last: 0 };

export function readUrl() {
  const p = new URLSearchParams(location.search);
  state.view = views.includes(p.get('view')) ? p.get('view') : 'search';
  state.q = p.get('q') || '';
  state.product = p.get('product') || '';
  state.sort = p.get('sort') === 'newest' ? 'newest' : '';
  state.accepted = p.get('accepted') === '1';
  state.thread = p.get('thread') || '';
}
export function writeUrl(push) {
  const p = new URLSearchParams();
  if (state.view !== 'search') p.set('view', state.view);
  if (state.q) p.set('q', state.q);
  if (state.product) p.set('product', state.product);
  if (state.sort) p.set('sort', state.sort);
  if (state.accepted) p.set('accepted', '1');
  if (state.thread) p.set('thread', state.thread);
  const url = `${location.pathname}${p.toString() ? '?' + p : ''}`;
  if (url === location.pathname + location.search) return;
  (push ? history.pushState : history.replaceState).call(history, null, '', url);
  urlWrites.last = Date.now();
}
// Typing settles into one history entry per pause, so Back steps through searches, not keystrokes.
export function writeUrlForTyping() { writeUrl(Date.now() - urlWrites.last > 1500); }
