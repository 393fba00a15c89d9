// kbsearch page: self-help search, the moderators' canonical answer, and the writers' duplicate
// finder, over the JSON API. State lives in the URL so searches can be shared and Back works.
const $ = (id) => document.getElementById(id);
const views = ['search', 'moderate', 'write'];
const state = { view: 'search', q: '', product: '', thread: '' };
const PAGE = 10;
let searchAbort = null, suggestAbort = null, moderateAbort = null, similarAbort = null;
let lastHistoryWrite = 0, activeIndex = -1, lastHits = [], lastPartial = false;
// What the result list on screen answers: "More results" pages it only while it is still the search.
let shownFor = null;
// Whether the open thread added its own history entry, which closing it then steps back over.
let threadPushed = false;

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
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}
function debounce(fn, ms) {
  let t;
  const run = (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  run.cancel = () => clearTimeout(t);
  return run;
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const threadHref = (id) => `?thread=${encodeURIComponent(id)}`;
// The API escapes snippets and wraps matches in <mark>; anything else means do not trust it as HTML.
function withMarks(node, html, plain) {
  if (!html || /</.test(html.replace(/<\/?mark>/g, ''))) node.textContent = plain ?? html ?? '';
  else node.innerHTML = html;
  return node;
}
function snippetNode(snippet) { return withMarks(el('p', { class: 'snippet' }), snippet); }
class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}
async function api(path, options = {}) {
  let res;
  try {
    res = await fetch(path, options);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('The search service cannot be reached. Check your connection and try again.', 0);
  }
  let body = null;
  try { body = await res.json(); } catch (e) { if (e.name === 'AbortError') throw e; /* not JSON: reported below */ }
  if (!res.ok) throw new ApiError(body && body.error ? body.error : `The server answered ${res.status}.`, res.status);
  return body;
}
function announce(text) { $('status').textContent = text; }
const sentence = (s) => { s = s.trim().replace(/\.$/, ''); return s.charAt(0).toUpperCase() + s.slice(1) + '.'; };
// The server's message, then a hint on what to do about it.
function hintFor(message, kind) {
  if (/limit is|too long|over \d/i.test(message))
    return kind === 'draft' ? 'Shorten the draft: the title and the first paragraphs are enough.'
      : 'Try a shorter search: a few key words or the error code are enough.';
  if (/no words|empty|missing/i.test(message)) return 'Try some words or an error code, for example 0x80070005.';
  if (/cannot be reached/i.test(message)) return '';
  return 'Try some words or an error code.';
}
function showError(id, message, kind) {
  const box = $(id);
  box.hidden = !message;
  box.replaceChildren();
  if (!message) return;
  const hint = hintFor(message, kind);
  box.append(el('strong', { text: sentence(message) }), hint ? ' ' : '', hint);
}
// Error codes look the same everywhere: 8-digit hex codes as 0xUPPER, others (500121, AADSTS50076) upper.
function formatCode(code) {
  const c = String(code).trim();
  const hex = /^(?:0x)?([0-9a-f]{8})$/i.exec(c);
  return hex ? `0x${hex[1].toUpperCase()}` : c.toUpperCase();
}
function codeChips(codes, max = 4) {
  const seen = new Set();
  return (codes || []).map(formatCode).filter((c) => !seen.has(c) && seen.add(c)).slice(0, max)
    .map((c) => el('span', { class: 'chip code', text: c }));
}
const roleNames = { staff_moderator: 'Staff moderator', staff: 'Staff', moderator: 'Moderator', user: 'Community member', ai: 'AI answer' };
const staffRoles = new Set(['staff_moderator', 'staff']);
// A short label an end user understands; the full `why` stays in the moderators' view.
function answerLabel(a) {
  if (a.ai || a.role === 'ai') return { text: 'AI-generated', cls: 'ai' };
  if (a.accepted) return { text: 'Accepted answer', cls: 'accepted' };
  if (/^most helpful/i.test(a.why || '') || (a.helpful > 0 && !a.why)) return { text: 'Most helpful', cls: 'helpful' };
  if (staffRoles.has(a.role)) return { text: 'Staff answer', cls: 'staff' };
  if (a.role === 'moderator') return { text: 'Moderator answer', cls: 'staff' };
  return { text: 'Community answer', cls: 'community' };
}
function labelBadge(a) {
  const l = answerLabel(a);
  return el('span', { class: `badge ${l.cls}`, text: l.text });
}
function roleBadges(a) {
  const out = [];
  if (a.ai) out.push(el('span', { class: 'badge ai', text: 'AI-generated' }));
  if (a.accepted) out.push(el('span', { class: 'badge accepted', text: 'Accepted' }));
  if (!a.ai && a.role !== 'user') out.push(el('span', { class: 'badge staff', text: roleNames[a.role] || a.role }));
  return out;
}
function productLabel(products) { return (products || []).slice(0, 2).join(' › '); }
async function copyText(text, status) {
  try { await navigator.clipboard.writeText(text); status.textContent = 'Copied — ready to paste'; }
  catch { status.textContent = 'Copy failed: select the text and copy it by hand.'; }
}

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

// ---------- views and tabs (ARIA tabs pattern: arrows, Home, End move and activate) ----------
function showView(view) {
  state.view = view;
  for (const v of views) {
    $(`view-${v}`).hidden = v !== view;
    const tab = $(`tab-${v}`);
    tab.setAttribute('aria-selected', String(v === view));
    tab.tabIndex = v === view ? 0 : -1;
  }
}
function activateTab(v, focusInput) {
  state.view = v; state.thread = ''; writeUrl(true); showView(v);
  if (v === 'moderate') { $('mq').value = state.q; if (state.q) moderate(state.q); }
  if (v === 'search') { $('q').value = state.q; runSearch(); }
  if (focusInput) $({ search: 'q', moderate: 'mq', write: 'w-title' }[v]).focus();
}
function onTabKey(e) {
  const i = views.indexOf(state.view);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: views.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  const v = views[(next + views.length) % views.length];
  activateTab(v, false);
  $(`tab-${v}`).focus();
}

// ---------- self-help search ----------
// partial: an as-you-type search, whose last word is still being typed (matched as a prefix and
// never spell-corrected by the server). Submitted searches (Enter, a URL, a completion) are whole.
async function runSearch({ partial = false, append = false } = {}) {
  const q = state.q.trim();
  if (!q) { renderWelcome(); return; }
  if (searchAbort) searchAbort.abort();
  const abort = searchAbort = new AbortController();
  // More results for a list that no longer answers the search would mix two searches.
  if (append && shownFor !== `${state.q}\n${state.product}`) append = false;
  if (append) partial = lastPartial;
  const asPrefix = partial && !/\s$/.test(state.q);
  const params = new URLSearchParams({ q, limit: String(PAGE) });
  if (state.product) params.set('product', state.product);
  if (append) params.set('offset', String(lastHits.length));
  if (asPrefix) params.set('partial', '1');
  try {
    const result = await api(`api/search?${params}`, { signal: abort.signal });
    if (abort !== searchAbort) return;
    // Nothing starts with the half-typed word: a whole-word search can at least offer a correction.
    if (asPrefix && !append && result.total === 0 && !result.suggestion) return runSearch();
    showError('error', '');
    lastPartial = partial;
    renderResults(result, append);
  } catch (e) {
    if (e.name === 'AbortError' || abort !== searchAbort) return;
    // Mid-typing, a query is often briefly not one (a lone quote or minus, "-pass" before the
    // words, "code:0x80" before the code is whole): keep what is shown; Enter shows the message.
    if (partial && e.status === 400) return;
    if (append) { announce('Loading more results failed.'); showError('error', e.message); return; }
    clearResults();
    showError('error', e.message);
    announce('The search failed.');
  }
}
function clearResults() {
  shownFor = null;
  $('results').replaceChildren();
  renderFacets([], 0);
  $('empty').hidden = true;
  $('welcome').hidden = true;
  $('notice').hidden = true;
  $('count').hidden = true;
  $('more').hidden = true;
  lastHits = [];
  activeIndex = -1;
}
function renderWelcome() {
  if (searchAbort) searchAbort.abort();
  clearResults();
  showError('error', '');
  $('welcome').hidden = false;
  announce('');
}
function renderResults(result, append) {
  $('welcome').hidden = true;
  const list = $('results');
  const first = append ? lastHits.length : 0;
  if (append) {
    lastHits = lastHits.concat(result.hits);
    list.append(...result.hits.map((hit, i) => hitNode(hit, first + i)));
  } else {
    lastHits = result.hits;
    activeIndex = -1;
    shownFor = `${state.q}\n${state.product}`;
    list.replaceChildren(...result.hits.map((hit, i) => hitNode(hit, i)));
    renderNotice(result);
  }
  clampAnswers(list);
  renderFacets(result.facets || [], result.total);
  const count = $('count');
  count.hidden = !result.total;
  count.textContent = `${plural(result.total, 'result')}${state.product ? ` in ${state.product.replace(' | ', ' › ')}` : ''}`;
  $('more').hidden = lastHits.length >= result.total || !result.hits.length;
  $('more').textContent = `More results (${lastHits.length} of ${result.total} shown)`;
  const empty = $('empty');
  empty.hidden = lastHits.length > 0;
  if (!lastHits.length) {
    empty.replaceChildren(el('h2', { text: `No answers for “${state.q.trim()}”` }),
      el('p', { text: state.product ? 'Try all products, or fewer words.' : 'Try fewer or different words, or just the error code.' }));
    const actions = el('p', { class: 'row center' });
    if (state.product) actions.append(el('button', { type: 'button', class: 'secondary', text: 'Search all products', onclick: () => setProduct('') }));
    actions.append(el('button', { type: 'button', class: 'secondary', text: 'Ask the community', onclick: () => {
      if (!$('w-title').value.trim()) $('w-title').value = state.q.trim();
      activateTab('write', true);
    } }));
    empty.append(actions);
  }
  if (append) { announce(`${lastHits.length} of ${plural(result.total, 'result')} shown`); return; }
  const shown = result.corrected ? result.suggestion : state.q.trim();
  announce(`${plural(result.total, 'result')} for ${shown}${state.product ? ' in ' + state.product : ''}`);
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
// "Microsoft 365 and Office | Outlook": the leaf names the choice, the family goes beneath it.
function facetButton(product, count, pressed, onclick) {
  const [family, ...rest] = product ? product.split(' | ') : ['All products'];
  const leaf = rest.length ? rest.join(' › ') : family;
  return el('li', {}, el('button', { type: 'button', 'aria-pressed': String(pressed), 'data-product': product, title: product.replace(' | ', ' › ') || null, onclick },
    el('span', { class: 'name' }, el('span', { class: 'leaf', text: leaf }), rest.length ? el('span', { class: 'family', text: family }) : null),
    count === null ? null : el('span', { class: 'count', text: String(count) })));
}
// Facets are counted without the product choice, so every product stays to switch to.
function renderFacets(facets, total) {
  const aside = $('facets-box');
  const show = facets.length > 0 || !!state.product;
  aside.hidden = !show;
  document.querySelector('.layout').classList.toggle('no-facets', !show);
  if (!show) { $('facets').replaceChildren(); return; }
  const items = [facetButton('', state.product ? null : total, !state.product, () => setProduct(''))];
  for (const f of facets)
    items.push(facetButton(f.product, f.count, state.product === f.product, () => setProduct(state.product === f.product ? '' : f.product)));
  if (state.product && !facets.some((f) => f.product === state.product))
    items.push(facetButton(state.product, 0, true, () => setProduct('')));
  $('facets').replaceChildren(...items);
  updateFacetScroll();
}
function updateFacetScroll() {
  const ul = $('facets');
  const scrollable = ul.scrollWidth > ul.clientWidth + 1;
  ul.classList.toggle('scrollable', scrollable);
  ul.classList.toggle('at-end', !scrollable || ul.scrollLeft + ul.clientWidth >= ul.scrollWidth - 2);
  ul.classList.toggle('at-start', !scrollable || ul.scrollLeft <= 2);
  if (scrollable) {
    const pressed = ul.querySelector('[aria-pressed="true"]');
    if (pressed && pressed.dataset.product && !ul.dataset.scrolled) {
      ul.dataset.scrolled = '1';
      pressed.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      requestAnimationFrame(() => { delete ul.dataset.scrolled; updateFacetScroll(); });
    }
  }
}
let answerSeq = 0;
function answerNode(answer) {
  if (!answer) return el('p', { class: 'muted no-answer', text: 'No answer yet.' });
  const id = `answer-text-${++answerSeq}`;
  const text = el('div', { class: 'text clamp', id, text: answer.text });
  const toggle = el('button', { type: 'button', class: 'link toggle', 'aria-expanded': 'false', 'aria-controls': id,
    onclick: (e) => {
      e.stopPropagation();
      const open = text.classList.toggle('clamp');
      toggle.setAttribute('aria-expanded', String(!open));
      toggle.textContent = open ? 'Show full answer' : 'Show less';
    } }, 'Show full answer');
  return el('div', { class: `answer${answer.ai ? ' ai' : ''}` },
    el('div', { class: 'why' }, labelBadge(answer),
      answer.helpful > 0 ? el('span', { text: `${plural(answer.helpful, 'person')} found this helpful`.replace('persons', 'people') }) : null),
    text, toggle);
}
// Previews are cut at a line boundary with a fade; answers that fit lose the fade and the toggle.
function clampAnswers(root) {
  for (const text of root.querySelectorAll('.answer .text.clamp:not([data-measured])')) {
    text.dataset.measured = '1';
    if (text.scrollHeight <= text.clientHeight + 2) {
      text.classList.remove('clamp');
      text.nextElementSibling?.remove();
    }
  }
}
function hitNode(hit, index) {
  const open = (e) => { e.preventDefault(); openThread(hit.id, true); };
  return el('li', { class: 'hit', id: `hit-${index}`, tabindex: '-1', 'data-id': hit.id,
    onclick: (e) => { if (!e.target.closest('button') && !window.getSelection().toString()) open(e); } },
    el('h3', {}, withMarks(el('a', { href: threadHref(hit.id), onclick: (e) => { e.stopPropagation(); open(e); } }), hit.title_html, hit.title)),
    el('div', { class: 'meta' }, el('span', { class: 'chip product', text: productLabel(hit.products) || 'General' }),
      ...codeChips(hit.error_codes, 3)),
    snippetNode(hit.snippet || ''),
    answerNode(hit.answer));
}
function setProduct(product) {
  state.product = product;
  writeUrl(true);
  runSearch();
}
function setQuery(q, push) {
  typedSearch.cancel();
  completionsDebounced.cancel();
  if (suggestAbort) suggestAbort.abort();
  closeCompletions();
  state.q = q;
  $('q').value = q;
  writeUrl(push);
  runSearch();
}
function setActive(index) {
  activeIndex = index;
  document.querySelectorAll('#results .hit').forEach((n, i) => n.classList.toggle('active', i === activeIndex));
  if (index < 0) { $('q').focus(); return; }
  const node = $(`hit-${activeIndex}`);
  node.focus();
  node.scrollIntoView({ block: 'nearest' });
}
function moveActive(delta) {
  if (!lastHits.length) return;
  if (activeIndex + delta < 0) { setActive(-1); return; }  // up from the first result: back to the box
  setActive(Math.min(lastHits.length - 1, activeIndex + delta));
}

// ---------- completions (ARIA combobox with a listbox popup) ----------
let completionIndex = -1;
async function suggest() {
  const q = $('q').value;
  if (!q.trim() || /\s$/.test(q)) { closeCompletions(); return; }
  if (suggestAbort) suggestAbort.abort();
  const abort = suggestAbort = new AbortController();
  try {
    const r = await api(`api/suggest?${new URLSearchParams({ q, limit: '6' })}`, { signal: abort.signal });
    if (abort !== suggestAbort || $('q').value !== q) return;
    const typed = q.trim().toLowerCase();
    const items = r.completions.filter((c) => c.text.toLowerCase() !== typed);
    if (!items.length || document.activeElement !== $('q')) { closeCompletions(); return; }
    $('completions').replaceChildren(...items.map((c, i) => {
      const known = c.text.toLowerCase().startsWith(typed) ? c.text.slice(0, typed.length) : '';
      return el('li', {
        role: 'option', id: `completion-${i}`, 'aria-selected': 'false', 'data-text': c.text,
        onmousedown: (e) => { e.preventDefault(); pickCompletion(c.text); },
        onmousemove: () => { if (completionIndex !== i) selectCompletion(i); },
      }, el('span', { class: 'ctext' }, known, el('strong', { text: c.text.slice(known.length) })),
      el('span', { class: 'kind', text: c.kind === 'code' ? 'error code' : plural(c.count, 'thread') }));
    }));
    completionIndex = -1;
    $('completions').hidden = false;
    $('q').setAttribute('aria-expanded', 'true');
  } catch (e) {
    if (e.name !== 'AbortError') closeCompletions();  // a convenience: the search itself reports errors
  }
}
function closeCompletions() {
  $('completions').hidden = true;
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
  completionIndex = -1;
}
function selectCompletion(index) {
  const items = [...$('completions').children];
  completionIndex = index;
  items.forEach((n, i) => n.setAttribute('aria-selected', String(i === index)));
  if (index >= 0) {
    $('q').setAttribute('aria-activedescendant', items[index].id);
    items[index].scrollIntoView({ block: 'nearest' });
  } else $('q').removeAttribute('aria-activedescendant');
}
// Down from the last option and up from the first return to the text in the box.
function moveCompletion(delta) {
  const n = $('completions').children.length;
  let next = completionIndex + delta;
  if (next >= n) next = -1;
  else if (next < -1) next = n - 1;
  selectCompletion(next);
}
function pickCompletion(text) { setQuery(text, true); $('q').focus(); }

// ---------- thread dialog ----------
let threadAbort = null;
async function openThread(id, push) {
  state.thread = id;
  if (push !== undefined) { writeUrl(push); threadPushed = push === true; }
  const dialog = $('thread');
  $('thread-title').textContent = 'Loading…';
  $('thread-body').replaceChildren();
  if (!dialog.open) dialog.showModal();
  if (threadAbort) threadAbort.abort();
  const abort = threadAbort = new AbortController();
  try {
    const t = await api(`api/threads/${encodeURIComponent(id)}`, { signal: abort.signal });
    $('thread-title').textContent = t.title;
    const body = $('thread-body');
    body.replaceChildren(
      el('div', { class: 'meta' }, el('span', { class: 'chip product', text: t.products.join(' › ') || 'General' }),
        ...codeChips(t.error_codes, 8), el('span', { text: (t.date || '').slice(0, 10) })),
      el('p', { class: 'question', text: t.question }),
      el('h3', { class: 'subhead', text: plural(t.answers.length, 'answer') }),
      ...t.answers.map((a) => el('article', { class: `post${a.canonical ? ' is-canonical' : ''}${a.ai ? ' ai' : ''}` },
        el('div', { class: 'meta' }, a.canonical ? el('span', { class: 'badge best', text: 'Best answer' }) : null, ...roleBadges(a),
          el('span', { text: a.ai ? '' : `${roleNames[a.role] || a.role} · ${a.reputation} reputation` }),
          el('span', { text: (a.date || '').slice(0, 10) }), a.helpful ? el('span', { text: `${a.helpful} found this helpful` }) : null),
        el('div', { class: 'text', text: a.text }))));
    if (!t.answers.length) body.append(el('p', { class: 'muted', text: 'Nobody has answered this thread yet.' }));
    if (t.duplicates && t.duplicates.length)
      body.append(el('h3', { class: 'subhead', text: 'Same problem, other threads' }),
        el('ul', { class: 'compact' }, ...t.duplicates.map((d) => el('li', {}, el('a', { href: threadHref(d.id), text: d.title,
          onclick: (e) => { e.preventDefault(); openThread(d.id, true); } })))));
  } catch (e) {
    if (e.name === 'AbortError') return;
    $('thread-title').textContent = 'Thread not available';
    $('thread-body').replaceChildren(el('p', { class: 'error', text: sentence(e.message) }));
  }
}
function closeThread() {
  if ($('thread').open) $('thread').close();
  if (!state.thread) return;
  // Opening pushed an entry: closing steps back over it, so Back does not reopen the thread.
  if (threadPushed) { threadPushed = false; history.back(); return; }
  state.thread = ''; writeUrl(true);
}

// ---------- moderators ----------
function copyRow(answer, id) {
  if (!answer) return el('span', { class: 'muted', text: 'No answer yet' });
  const status = el('span', { class: 'copied', role: 'status' });
  return el('span', { class: 'copy-row' },
    el('button', { type: 'button', class: 'secondary small copy', 'data-id': id, onclick: () => copyText(answer.text, status) }, 'Copy answer'),
    status);
}
function moderatorList(hits) {
  return el('ul', { class: 'compact' }, ...hits.map((h) => el('li', { 'data-id': h.id },
    el('div', { class: 'compact-main' },
      el('a', { href: threadHref(h.id), text: h.title, onclick: (e) => { e.preventDefault(); openThread(h.id, true); } }),
      el('div', { class: 'meta' }, el('span', { text: productLabel(h.products) }), ...codeChips(h.error_codes, 2),
        h.answer ? labelBadge(h.answer) : null)),
    copyRow(h.answer, h.id))));
}
async function moderate(q) {
  showError('m-error', '');
  $('m-answer').replaceChildren();
  $('m-more').replaceChildren();
  if (moderateAbort) moderateAbort.abort();
  if (!q.trim()) return;
  const abort = moderateAbort = new AbortController();
  try {
    const r = await api(`api/search?${new URLSearchParams({ q: q.trim(), limit: '10' })}`, { signal: abort.signal });
    if (!r.hits.length) {
      $('m-answer').append(el('div', { class: 'empty' }, el('h2', { text: 'No thread matches' }), el('p', { text: 'Try the bare error code.' })));
      announce('No results.');
      return;
    }
    // The best thread to answer from is the best match that has an answer.
    const top = r.hits.find((h) => h.answer) || r.hits[0];
    const thread = await api(`api/threads/${encodeURIComponent(top.id)}`, { signal: abort.signal });
    if (abort !== moderateAbort) return;
    const open = (e) => { e.preventDefault(); openThread(top.id, true); };
    const card = el('article', { class: 'canonical', 'aria-labelledby': 'm-title', 'data-id': top.id },
      el('div', { class: 'meta' }, el('span', { class: 'chip product', text: productLabel(top.products) }), ...codeChips(top.error_codes, 6)),
      el('h2', { id: 'm-title' }, el('a', { href: threadHref(top.id), text: top.title, onclick: open })));
    if (r.suggestion && r.corrected)
      card.prepend(el('p', { class: 'notice', text: `Nothing matched your words; showing results for “${r.suggestion}”.` }));
    if (top.answer) {
      const status = el('span', { class: 'copied', role: 'status', 'aria-live': 'polite' });
      // The copy button comes before the answer, so a long answer never pushes it off screen.
      card.append(el('div', { class: 'answer-head meta' }, ...roleBadges(top.answer),
          el('span', { class: 'why-full', text: `Chosen because: ${top.answer.why}` })),
        el('div', { class: 'row' },
          el('button', { type: 'button', class: 'primary', id: 'copy', onclick: () => copyText(top.answer.text, status) }, 'Copy answer'),
          el('a', { href: threadHref(top.id), text: 'Open thread', onclick: open }),
          status),
        el('div', { class: 'text', id: 'm-text', text: top.answer.text }));
    } else {
      card.append(el('p', { class: 'muted', text: 'None of the matching threads has an answer yet.' }));
    }
    $('m-answer').append(card);
    const more = [];
    const related = (thread.related || []).filter((h) => h.id !== top.id);
    if (related.length)
      more.push(el('section', { class: 'm-related', 'aria-labelledby': 'm-related-title' },
        el('h3', { class: 'subhead', id: 'm-related-title', text: `Other threads with ${top.error_codes.length > 1 ? 'these codes' : 'this code'}` }),
        moderatorList(related)));
    const listed = new Set([top.id, ...related.map((h) => h.id)]);
    const next = r.hits.filter((h) => !listed.has(h.id));
    if (next.length)
      more.push(el('section', { class: 'm-next', 'aria-labelledby': 'm-next-title' },
        el('h3', { class: 'subhead', id: 'm-next-title', text: 'Other matching threads' }), moderatorList(next)));
    $('m-more').replaceChildren(...more);
    announce(`${plural(r.total, 'result')}; best answer from ${top.title}`);
  } catch (e) {
    if (e.name === 'AbortError') return;
    showError('m-error', e.message);
  }
}

// ---------- writers ----------
// percent is Xapian's match strength relative to the best hit, so it cannot tell a duplicate
// from the least bad of unrelated threads on its own ("printer offline" scores 75% against a
// Windows Update thread). The telling words the server reports (rare in the index, shared with
// the draft) and shared error codes can: a likely duplicate shares a code or three such words,
// a possibly related thread two. Below RELATED_FLOOR a hit is noise whatever it shares.
const RELATED_FLOOR = 25, LIKELY_WORDS = 3, RELATED_WORDS = 2;
const whyOf = (h) => h.why || { terms: [], codes: [] };
const isLikely = (h) => h.percent >= RELATED_FLOOR && ((whyOf(h).codes || []).length > 0 || (whyOf(h).terms || []).length >= LIKELY_WORDS);
const isRelated = (h) => h.percent >= RELATED_FLOOR && !isLikely(h) && (whyOf(h).terms || []).length >= RELATED_WORDS;
function draftWords() {
  return ($('w-title').value + ' ' + $('w-body').value).trim().split(/\s+/).filter(Boolean).length;
}
function duplicateNode(h) {
  const why = h.why || { terms: [], codes: [], same_product: false };
  const reasons = [];
  if ((why.codes || []).length) reasons.push(`same error code ${why.codes.map(formatCode).join(', ')}`);
  if (why.same_product) reasons.push(`same product (${productLabel(h.products)})`);
  if ((why.terms || []).length) reasons.push(`shared words: ${why.terms.slice(0, 6).join(', ')}`);
  const open = (e) => { e.preventDefault(); openThread(h.id, true); };
  return el('li', { class: 'hit', 'data-id': h.id, 'data-percent': String(h.percent),
    onclick: (e) => { if (!e.target.closest('button, a')) open(e); } },
    el('div', { class: 'dup-head' }, el('div', { class: 'score', role: 'img', 'aria-label': `${h.percent} percent similar` },
      el('div', { class: 'bar', 'aria-hidden': 'true' }, el('span', { style: `width:${h.percent}%` })), `${h.percent}%`),
      el('h3', {}, el('a', { href: threadHref(h.id), text: h.title, onclick: open }))),
    el('div', { class: 'meta' }, el('span', { class: 'chip product', text: productLabel(h.products) || 'General' }), ...codeChips(h.error_codes, 3)),
    reasons.length ? el('p', { class: 'reasons', text: `Why: ${reasons.join('; ')}.` }) : null,
    answerNode(h.answer));
}
async function findDuplicates() {
  const title = $('w-title').value, text = $('w-body').value;
  showError('w-error', '');
  if (similarAbort) similarAbort.abort();
  if (!title.trim() && !text.trim()) { $('w-results').replaceChildren(); return; }
  const abort = similarAbort = new AbortController();
  $('w-results').setAttribute('aria-busy', 'true');
  try {
    const r = await api('api/similar', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, text, limit: 8 }), signal: abort.signal });
    if (abort !== similarAbort) return;  // a newer draft has been sent: its answer wins
    const likely = r.hits.filter(isLikely);
    const maybe = r.hits.filter(isRelated);
    const out = [];
    if (likely.length)
      out.push(el('h2', { class: 'subhead', text: likely.length === 1 ? 'This may already be answered' : 'These may already answer your question' }),
        el('ol', { class: 'results likely', 'aria-label': 'Likely duplicates' }, ...likely.map(duplicateNode)));
    if (maybe.length)
      out.push(el('h2', { class: 'subhead', text: 'Possibly related' }),
        el('ol', { class: 'results related', 'aria-label': 'Possibly related threads' }, ...maybe.map(duplicateNode)));
    if (!likely.length)
      out.unshift(el('div', { class: 'empty w-empty' }, el('h2', { text: 'No similar threads found — go ahead and post' }),
        el('p', { text: maybe.length ? 'Nothing close matches your draft; the threads below share only a few words.'
          : 'Nothing in the knowledge base matches your draft closely.' })));
    $('w-results').replaceChildren(...out);
    clampAnswers($('w-results'));
    announce(likely.length ? `${plural(likely.length, 'possible duplicate')}` : 'No similar threads found');
  } catch (e) {
    if (e.name === 'AbortError' || abort !== similarAbort) return;
    $('w-results').replaceChildren();
    showError('w-error', e.message, 'draft');
  } finally {
    if (abort === similarAbort) $('w-results').removeAttribute('aria-busy');
  }
}

// ---------- wiring ----------
function applyUrl() {
  readUrl();
  showView(state.view);
  $('q').value = state.q;
  closeCompletions();
  // A thread opened or closed over the same search keeps the list, and the hit in focus.
  if (state.view === 'search' && shownFor !== `${state.q}\n${state.product}`) runSearch();
  if (state.view === 'moderate') { $('mq').value = state.q; moderate(state.q); }
  threadPushed = false;
  if (state.thread) openThread(state.thread);
  else if ($('thread').open) $('thread').close();
}

const typedSearch = debounce(() => { state.q = $('q').value; writeUrlForTyping(); runSearch({ partial: true }); }, 150);
const completionsDebounced = debounce(suggest, 100);

document.addEventListener('DOMContentLoaded', () => {
  $('q').addEventListener('input', () => {
    if (!$('q').value.trim()) { typedSearch.cancel(); completionsDebounced.cancel(); closeCompletions(); state.q = ''; writeUrlForTyping(); renderWelcome(); return; }
    typedSearch(); completionsDebounced();
  });
  $('q').addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== $('q')) closeCompletions(); }, 150));
  $('q').addEventListener('keydown', (e) => {
    const open = !$('completions').hidden;
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) { e.preventDefault(); moveCompletion(e.key === 'ArrowDown' ? 1 : -1); }
    else if (open && e.key === 'Enter' && completionIndex >= 0) { e.preventDefault(); pickCompletion($('completions').children[completionIndex].dataset.text); }
    else if (e.key === 'Escape') { e.preventDefault(); if (open) closeCompletions(); else $('q').blur(); }
    else if (!open && e.key === 'ArrowDown' && lastHits.length) { e.preventDefault(); setActive(0); }
  });
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); setQuery($('q').value, true); });
  $('more').addEventListener('click', async () => {
    const first = lastHits.length, hadFocus = document.activeElement === $('more');
    await runSearch({ append: true });
    if (hadFocus && lastHits.length > first) setActive(first);
  });
  $('moderate-form').addEventListener('submit', (e) => {
    e.preventDefault(); state.q = $('mq').value; writeUrl(true); moderate(state.q);
  });
  $('write-form').addEventListener('submit', (e) => { e.preventDefault(); draftChanged.cancel(); findDuplicates(); });
  const draftChanged = debounce(() => { if (draftWords() >= 3) findDuplicates(); }, 600);
  for (const id of ['w-title', 'w-body']) $(id).addEventListener('input', () => {
    const words = draftWords();
    $('w-count').textContent = words ? plural(words, 'word') : '';
    draftChanged();
  });
  for (const v of views) $(`tab-${v}`).addEventListener('click', () => activateTab(v, true));
  document.querySelector('.tabs').addEventListener('keydown', onTabKey);
  $('facets').addEventListener('scroll', updateFacetScroll, { passive: true });
  window.addEventListener('resize', debounce(updateFacetScroll, 100));
  $('thread-close').addEventListener('click', closeThread);
  $('thread').addEventListener('cancel', (e) => { e.preventDefault(); closeThread(); });
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const active = document.activeElement;
    const onHit = active && active.classList.contains('hit');
    const typing = active && (['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName) || active.isContentEditable);
    if (e.key === '/' && !typing && !$('thread').open) {
      e.preventDefault();
      if (state.view !== 'search') { state.view = 'search'; writeUrl(true); showView('search'); $('q').value = state.q; runSearch(); }
      $('q').focus(); $('q').select();
    } else if (state.view === 'search' && !$('thread').open && (onHit || active === document.body || !active)) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); moveActive(e.key === 'ArrowDown' ? 1 : -1); }
      else if (e.key === 'Enter' && onHit) { e.preventDefault(); openThread(active.dataset.id, true); }
    }
  });
  window.addEventListener('popstate', applyUrl);
  applyUrl();
  if (state.view === 'search' && !state.thread) $('q').focus();
});
