// kbsearch page: self-help search, the moderators' canonical answer, and the writers' duplicate
// finder, over the JSON API. State lives in the URL so searches can be shared and Back works.
const $ = (id) => document.getElementById(id);
const views = ['search', 'moderate', 'write'];
const state = { view: 'search', q: '', product: '', thread: '' };
let searchAbort = null, suggestAbort = null, lastHistoryWrite = 0, activeIndex = -1, lastHits = [];

// ---------- small helpers ----------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}
function debounce(fn, ms) {
  let t;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}
// The API escapes snippets and wraps matches in <mark>; anything else means do not trust it as HTML.
function snippetNode(snippet) {
  const p = el('p', { class: 'snippet' });
  if (/</.test(snippet.replace(/<\/?mark>/g, ''))) p.textContent = snippet;
  else p.innerHTML = snippet;
  return p;
}
async function api(path, options = {}) {
  let res;
  try {
    res = await fetch(path, options);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new Error('The search service cannot be reached. Check your connection and try again.');
  }
  let body = null;
  try { body = await res.json(); } catch { /* not JSON: reported below */ }
  if (!res.ok) throw new Error(body && body.error ? body.error : `The server answered ${res.status}.`);
  return body;
}
function announce(text) { $('status').textContent = text; }
function showError(id, message) {
  const box = $(id);
  box.hidden = !message;
  box.textContent = message ? `Sorry, that search did not work: ${message}` : '';
}
const roleNames = { staff_moderator: 'Staff moderator', staff: 'Staff', moderator: 'Moderator', user: 'Community member', ai: 'AI answer' };
function roleBadges(a) {
  const out = [];
  if (a.ai) out.push(el('span', { class: 'badge ai', text: 'AI-generated' }));
  if (a.accepted) out.push(el('span', { class: 'badge accepted', text: 'Accepted' }));
  if (!a.ai && a.role !== 'user') out.push(el('span', { class: 'badge staff', text: roleNames[a.role] || a.role }));
  return out;
}
function productLabel(products) { return (products || []).slice(0, 2).join(' › '); }

// ---------- URL state ----------
function readUrl() {
  const p = new URLSearchParams(location.search);
  state.view = views.includes(p.get('view')) ? p.get('view') : 'search';
  state.q = p.get('q') || '';
  state.product = p.get('product') || '';
  state.thread = p.get('thread') || '';
}
function writeUrl(push) {
  const p = new URLSearchParams();
  if (state.view !== 'search') p.set('view', state.view);
  if (state.q) p.set('q', state.q);
  if (state.product) p.set('product', state.product);
  if (state.thread) p.set('thread', state.thread);
  const url = `${location.pathname}${p.toString() ? '?' + p : ''}`;
  if (url === location.pathname + location.search) return;
  (push ? history.pushState : history.replaceState).call(history, null, '', url);
  lastHistoryWrite = Date.now();
}
// Typing settles into one history entry per pause, so Back steps through searches, not keystrokes.
function writeUrlForTyping() { writeUrl(Date.now() - lastHistoryWrite > 1500); }

// ---------- views ----------
function showView(view) {
  state.view = view;
  for (const v of views) {
    $(`view-${v}`).hidden = v !== view;
    const tab = $(`tab-${v}`);
    tab.setAttribute('aria-selected', String(v === view));
    tab.tabIndex = v === view ? 0 : -1;
  }
}

// ---------- self-help search ----------
async function runSearch() {
  const q = state.q.trim();
  closeCompletions();
  if (!q) { renderWelcome(); return; }
  if (searchAbort) searchAbort.abort();
  searchAbort = new AbortController();
  const params = new URLSearchParams({ q, limit: '10' });
  if (state.product) params.set('product', state.product);
  try {
    const result = await api(`api/search?${params}`, { signal: searchAbort.signal });
    showError('error', '');
    renderResults(result);
  } catch (e) {
    if (e.name === 'AbortError') return;
    $('results').replaceChildren();
    $('facets').replaceChildren();
    $('empty').hidden = true;
    $('welcome').hidden = true;
    $('notice').hidden = true;
    showError('error', e.message);
    announce('The search failed.');
  }
}
function renderWelcome() {
  $('results').replaceChildren();
  $('facets').replaceChildren();
  $('empty').hidden = true;
  $('notice').hidden = true;
  showError('error', '');
  $('welcome').hidden = false;
  lastHits = [];
}
function renderResults(result) {
  $('welcome').hidden = true;
  lastHits = result.hits;
  activeIndex = -1;
  renderNotice(result);
  renderFacets(result.facets || []);
  const list = $('results');
  list.replaceChildren(...result.hits.map((hit, i) => hitNode(hit, i)));
  const empty = $('empty');
  empty.hidden = result.hits.length > 0;
  if (!result.hits.length) {
    empty.replaceChildren(el('h2', { text: `No answers for “${state.q}”` }),
      el('p', { text: state.product ? 'Try all products, or fewer words.' : 'Try fewer or different words, or just the error code.' }));
    if (state.product) empty.append(el('button', { class: 'secondary', text: 'Search all products', onclick: () => setProduct('') }));
  }
  const shown = result.corrected ? result.suggestion : state.q;
  announce(`${result.total} ${result.total === 1 ? 'result' : 'results'} for ${shown}${state.product ? ' in ' + state.product : ''}`);
}
function renderNotice(result) {
  const notice = $('notice');
  notice.replaceChildren();
  notice.hidden = !result.suggestion;
  if (!result.suggestion) return;
  const link = el('a', { href: `?q=${encodeURIComponent(result.suggestion)}`, text: result.suggestion,
    onclick: (e) => { e.preventDefault(); setQuery(result.suggestion, true); } });
  if (result.corrected) notice.append('Nothing matched your words. Showing results for ', link, '.');
  else notice.append('Did you mean ', link, '?');
}
function renderFacets(facets) {
  const items = facets.map((f) => el('li', {}, el('button', {
    type: 'button', 'aria-pressed': String(state.product === f.product), 'data-product': f.product,
    onclick: () => setProduct(state.product === f.product ? '' : f.product),
  }, el('span', { text: f.product.replace(' | ', ' › ') }), el('span', { class: 'count', text: String(f.count) }))));
  if (state.product && !facets.some((f) => f.product === state.product))
    items.unshift(el('li', {}, el('button', { type: 'button', 'aria-pressed': 'true', onclick: () => setProduct('') },
      el('span', { text: state.product }), el('span', { class: 'count', text: '✕' }))));
  $('facets').replaceChildren(...items);
}
function answerNode(answer) {
  if (!answer) return el('p', { class: 'muted', text: 'No answer yet.' });
  return el('div', { class: `answer${answer.ai ? ' ai' : ''}` },
    el('div', { class: 'why' }, ...roleBadges(answer), el('span', { text: answer.why })),
    el('div', { class: 'text', text: answer.text }));
}
function hitNode(hit, index) {
  const open = (e) => { e.preventDefault(); openThread(hit.id, true); };
  return el('li', { class: 'hit', id: `hit-${index}`, tabindex: '-1', 'data-id': hit.id, onclick: open },
    el('h3', {}, el('a', { href: `?thread=${encodeURIComponent(hit.id)}`, text: hit.title, onclick: open })),
    el('div', { class: 'meta' }, el('span', { class: 'chip', text: productLabel(hit.products) || 'General' }),
      ...(hit.error_codes || []).slice(0, 3).map((c) => el('span', { class: 'chip code', text: c }))),
    snippetNode(hit.snippet || ''),
    answerNode(hit.answer));
}
function setProduct(product) {
  state.product = product;
  writeUrl(true);
  runSearch();
}
function setQuery(q, push) {
  state.q = q;
  $('q').value = q;
  writeUrl(push);
  runSearch();
}
function moveActive(delta) {
  if (!lastHits.length) return;
  activeIndex = Math.max(0, Math.min(lastHits.length - 1, activeIndex + delta));
  document.querySelectorAll('.hit').forEach((n, i) => n.classList.toggle('active', i === activeIndex));
  const node = $(`hit-${activeIndex}`);
  node.focus();
  node.scrollIntoView({ block: 'nearest' });
}

// ---------- completions ----------
let completionIndex = -1;
async function suggest() {
  const q = $('q').value;
  if (!q.trim() || q.endsWith(' ')) { closeCompletions(); return; }
  if (suggestAbort) suggestAbort.abort();
  suggestAbort = new AbortController();
  try {
    const r = await api(`api/suggest?${new URLSearchParams({ q, limit: '6' })}`, { signal: suggestAbort.signal });
    const items = r.completions.filter((c) => c.text !== q.toLowerCase());
    if (!items.length || document.activeElement !== $('q')) { closeCompletions(); return; }
    $('completions').replaceChildren(...items.map((c, i) => el('li', {
      role: 'option', id: `completion-${i}`, 'aria-selected': 'false', 'data-text': c.text,
      onmousedown: (e) => { e.preventDefault(); pickCompletion(c.text); },
    }, el('span', { text: c.text }), el('span', { class: 'kind', text: c.kind === 'code' ? 'error code' : '' }))));
    completionIndex = -1;
    $('completions').hidden = false;
    $('q').setAttribute('aria-expanded', 'true');
  } catch (e) {
    closeCompletions();  // completions are a convenience: the search itself reports errors
  }
}
function closeCompletions() {
  $('completions').hidden = true;
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
  completionIndex = -1;
}
function moveCompletion(delta) {
  const items = [...$('completions').children];
  completionIndex = (completionIndex + delta + items.length) % items.length;
  items.forEach((n, i) => n.setAttribute('aria-selected', String(i === completionIndex)));
  $('q').setAttribute('aria-activedescendant', items[completionIndex].id);
}
function pickCompletion(text) { closeCompletions(); setQuery(text, true); }

// ---------- thread dialog ----------
async function openThread(id, push) {
  state.thread = id;
  if (push !== undefined) writeUrl(push);
  const dialog = $('thread');
  $('thread-title').textContent = 'Loading…';
  $('thread-body').replaceChildren();
  if (!dialog.open) dialog.showModal();
  try {
    const t = await api(`api/threads/${encodeURIComponent(id)}`);
    $('thread-title').textContent = t.title;
    const body = $('thread-body');
    body.replaceChildren(
      el('div', { class: 'meta' }, el('span', { class: 'chip', text: t.products.join(' › ') || 'General' }),
        ...t.error_codes.map((c) => el('span', { class: 'chip code', text: c })), el('span', { text: (t.date || '').slice(0, 10) })),
      el('p', { class: 'question', text: t.question }),
      el('h3', { class: 'subhead', text: `${t.answers.length} ${t.answers.length === 1 ? 'answer' : 'answers'}` }),
      ...t.answers.map((a) => el('article', { class: `post${a.canonical ? ' is-canonical' : ''}` },
        el('div', { class: 'meta' }, ...roleBadges(a), el('span', { text: a.ai ? '' : `${roleNames[a.role] || a.role} · ${a.reputation} reputation` }),
          el('span', { text: (a.date || '').slice(0, 10) }), a.helpful ? el('span', { text: `${a.helpful} found this helpful` }) : null,
          a.canonical ? el('strong', { text: `Best answer: ${t.why}` }) : null),
        el('div', { class: 'text', text: a.text }))));
    if (t.duplicates && t.duplicates.length)
      body.append(el('h3', { class: 'subhead', text: 'Same problem, other threads' }),
        el('ul', { class: 'compact' }, ...t.duplicates.map((d) => el('li', {}, el('a', { href: `?thread=${encodeURIComponent(d.id)}`, text: d.title,
          onclick: (e) => { e.preventDefault(); openThread(d.id, true); } })))));
  } catch (e) {
    $('thread-title').textContent = 'Thread not available';
    $('thread-body').replaceChildren(el('p', { class: 'error', text: e.message }));
  }
}
function closeThread() {
  if ($('thread').open) $('thread').close();
  if (state.thread) { state.thread = ''; writeUrl(true); }
}

// ---------- moderators ----------
async function moderate(q) {
  showError('m-error', '');
  $('m-answer').replaceChildren();
  $('m-more').replaceChildren();
  if (!q.trim()) return;
  try {
    const r = await api(`api/search?${new URLSearchParams({ q, limit: '6' })}`);
    if (!r.hits.length) {
      $('m-answer').append(el('div', { class: 'empty' }, el('h2', { text: 'No thread matches' }), el('p', { text: 'Try the bare error code.' })));
      announce('No results.');
      return;
    }
    const top = r.hits[0];
    const thread = await api(`api/threads/${encodeURIComponent(top.id)}`);
    const card = el('article', { class: 'canonical', 'aria-labelledby': 'm-title' },
      el('div', { class: 'meta' }, el('span', { class: 'chip', text: productLabel(top.products) }),
        ...top.error_codes.map((c) => el('span', { class: 'chip code', text: c }))),
      el('h2', { id: 'm-title' }, el('a', { href: `?thread=${encodeURIComponent(top.id)}`, text: top.title,
        onclick: (e) => { e.preventDefault(); openThread(top.id, true); } })));
    if (top.answer) {
      const status = el('span', { class: 'copied', role: 'status', 'aria-live': 'polite' });
      card.append(el('div', { class: 'answer-head meta' }, ...roleBadges(top.answer), el('span', { text: top.answer.why })),
        el('div', { class: 'text', id: 'm-text', text: top.answer.text }),
        el('div', { class: 'row' },
          el('button', { type: 'button', class: 'primary', id: 'copy', onclick: async () => {
            try { await navigator.clipboard.writeText(top.answer.text); status.textContent = 'Copied — ready to paste'; }
            catch { status.textContent = 'Copy failed: select the text and copy it by hand.'; }
          } }, 'Copy answer'),
          el('a', { href: `?thread=${encodeURIComponent(top.id)}`, text: 'Open thread', onclick: (e) => { e.preventDefault(); openThread(top.id, true); } }),
          status));
    } else {
      card.append(el('p', { class: 'muted', text: 'This thread has no answer yet.' }));
    }
    $('m-answer').append(card);
    const more = [];
    if (thread.related && thread.related.length)
      more.push(el('h3', { class: 'subhead', text: 'Other threads with this code' }), compactList(thread.related));
    if (r.hits.length > 1) more.push(el('h3', { class: 'subhead', text: 'Next results' }), compactList(r.hits.slice(1)));
    $('m-more').replaceChildren(...more);
    announce(`${r.total} results; best answer from ${top.title}`);
  } catch (e) {
    showError('m-error', e.message);
  }
}
function compactList(hits) {
  return el('ul', { class: 'compact' }, ...hits.map((h) => el('li', {},
    el('a', { href: `?thread=${encodeURIComponent(h.id)}`, text: h.title, onclick: (e) => { e.preventDefault(); openThread(h.id, true); } }),
    el('div', { class: 'meta' }, el('span', { text: productLabel(h.products) }), ...h.error_codes.slice(0, 2).map((c) => el('span', { class: 'chip code', text: c }))))));
}

// ---------- writers ----------
async function findDuplicates() {
  const title = $('w-title').value, text = $('w-body').value;
  showError('w-error', '');
  if (!title.trim() && !text.trim()) { $('w-results').replaceChildren(); return; }
  try {
    const r = await api('api/similar', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, text, limit: 5 }) });
    $('w-results').replaceChildren(...r.hits.map((h) => {
      const why = h.why || { terms: [], codes: [], same_product: false };
      const reasons = [];
      if (why.codes.length) reasons.push(`same error code ${why.codes.join(', ')}`);
      if (why.same_product) reasons.push(`same product (${productLabel(h.products)})`);
      if (why.terms.length) reasons.push(`shared words: ${why.terms.slice(0, 6).join(', ')}`);
      return el('li', { class: 'hit', 'data-id': h.id, onclick: () => openThread(h.id, true) },
        el('div', { class: 'row' }, el('div', { class: 'score', 'aria-label': `${h.percent} percent similar` },
          el('div', { class: 'bar' }, el('span', { style: `width:${h.percent}%` })), `${h.percent}%`),
          el('h3', {}, el('a', { href: `?thread=${encodeURIComponent(h.id)}`, text: h.title, onclick: (e) => { e.preventDefault(); openThread(h.id, true); } }))),
        el('p', { class: 'reasons', text: reasons.length ? `Why: ${reasons.join('; ')}.` : '' }),
        answerNode(h.answer));
    }));
    announce(`${r.hits.length} possible duplicates`);
  } catch (e) {
    $('w-results').replaceChildren();
    showError('w-error', e.message);
  }
}

// ---------- wiring ----------
function applyUrl() {
  readUrl();
  showView(state.view);
  $('q').value = state.q;
  if (state.view === 'search') runSearch();
  if (state.view === 'moderate') { $('mq').value = state.q; moderate(state.q); }
  if (state.thread) openThread(state.thread);
  else if ($('thread').open) $('thread').close();
}

document.addEventListener('DOMContentLoaded', () => {
  const typed = debounce(() => { state.q = $('q').value; writeUrlForTyping(); runSearch(); }, 150);
  const completions = debounce(suggest, 100);
  $('q').addEventListener('input', () => { typed(); completions(); });
  $('q').addEventListener('blur', () => setTimeout(closeCompletions, 100));
  $('q').addEventListener('keydown', (e) => {
    const open = !$('completions').hidden;
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) { e.preventDefault(); moveCompletion(e.key === 'ArrowDown' ? 1 : -1); }
    else if (open && e.key === 'Enter' && completionIndex >= 0) { e.preventDefault(); pickCompletion($('completions').children[completionIndex].dataset.text); }
    else if (e.key === 'Escape') { e.preventDefault(); if (open) closeCompletions(); else $('q').blur(); }
    else if (!open && e.key === 'ArrowDown' && lastHits.length) { e.preventDefault(); moveActive(1); }
  });
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); setQuery($('q').value, true); });
  $('moderate-form').addEventListener('submit', (e) => {
    e.preventDefault(); state.q = $('mq').value; writeUrl(true); moderate(state.q);
  });
  $('write-form').addEventListener('submit', (e) => { e.preventDefault(); findDuplicates(); });
  const draftChanged = debounce(findDuplicates, 800);
  for (const id of ['w-title', 'w-body']) $(id).addEventListener('input', () => {
    const words = ($('w-title').value + ' ' + $('w-body').value).trim().split(/\s+/).filter(Boolean).length;
    $('w-count').textContent = words ? `${words} words` : '';
    draftChanged();
  });
  for (const v of views) $(`tab-${v}`).addEventListener('click', () => {
    state.view = v; state.thread = ''; writeUrl(true); showView(v);
    if (v === 'moderate') { $('mq').value = state.q; $('mq').focus(); if (state.q) moderate(state.q); }
    if (v === 'search') { $('q').focus(); runSearch(); }
    if (v === 'write') $('w-title').focus();
  });
  $('thread-close').addEventListener('click', closeThread);
  $('thread').addEventListener('cancel', (e) => { e.preventDefault(); closeThread(); });
  document.addEventListener('keydown', (e) => {
    const typing = ['INPUT', 'TEXTAREA'].includes(document.activeElement.tagName);
    if (e.key === '/' && !typing && !$('thread').open) {
      e.preventDefault();
      if (state.view !== 'search') { state.view = 'search'; writeUrl(true); showView('search'); }
      $('q').focus(); $('q').select();
    } else if (state.view === 'search' && !typing && !$('thread').open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); moveActive(e.key === 'ArrowDown' ? 1 : -1); }
      else if (e.key === 'Enter' && activeIndex >= 0) { e.preventDefault(); openThread(lastHits[activeIndex].id, true); }
    }
  });
  window.addEventListener('popstate', applyUrl);
  applyUrl();
  if (state.view === 'search' && !state.thread) $('q').focus();
});
