// The self-help search: the search box with its completions, the results with their answers, the
// product facets, and moving through the hits with the keyboard.
import * as api from './api.js';
import { $, el, debounce, plural, threadHref, withMarks, withRedactions, announce, showError, codeChips, productLabel, answerNode, clampAnswers, labelBadge, copyText } from './dom.js';
import { state, writeUrl, writeUrlForTyping } from './state.js';
import { openThread } from './thread_view.js';
import { startDraft } from './write_view.js';

const PAGE = 10;
// shownFor: what the result list on screen answers; "More results" pages it only while it is still
// the search. partial: whether the list on screen came from an as-you-type search. active: the hit
// in focus, -1 for the box.
const results = { requests: new api.RequestLine(), shownFor: null, hits: [], partial: false, active: -1 };
// index: the option selected with the arrows, -1 for the text in the box.
const completions = { requests: new api.RequestLine(), index: -1 };
// Switching tabs belongs to the page; the entry hands it over at start.
const page = { activateTab: null };

const searchKey = () => `${state.q}\n${state.product}\n${state.sort}\n${state.accepted}`;
// Whether the list on screen answers the search in the URL, so it is kept as it is.
export const showsSearch = () => results.shownFor === searchKey();

// partial: an as-you-type search, whose last word is still being typed (matched as a prefix and
// never spell-corrected by the server). Submitted searches (Enter, a URL, a completion) are whole.
export async function runSearch({ partial = false, append = false } = {}) {
  const q = state.q.trim();
  if (!q) { renderWelcome(); return; }
  const abort = results.requests.start();
  // More results for a list that no longer answers the search would mix two searches.
  if (append && !showsSearch()) append = false;
  if (append) partial = results.partial;
  const asPrefix = partial && !/\s$/.test(state.q);
  const params = { q, limit: String(PAGE) };
  if (state.product) params.product = state.product;
  if (state.sort) params.sort = state.sort;
  if (state.accepted) params.accepted = '1';
  if (append) params.offset = String(results.hits.length);
  if (asPrefix) params.partial = '1';
  const list = $('results');
  list.setAttribute('aria-busy', 'true');
  // A slow answer to a submitted search shows placeholders where the results will be, rather
  // than the old screen; while typing, the last results stay until the next ones come.
  const skeleton = append || partial ? null : setTimeout(() => { if (results.requests.isCurrent(abort)) showSkeleton(); }, 150);
  const settle = () => {
    clearTimeout(skeleton);
    if (results.requests.isCurrent(abort)) { list.removeAttribute('aria-busy'); $('results').classList.remove('loading'); }
  };
  try {
    const result = await api.search(params, abort.signal);
    settle();
    if (!results.requests.isCurrent(abort)) return;
    // Nothing starts with the half-typed word: a whole-word search can at least offer a correction.
    if (asPrefix && !append && result.total === 0 && !result.suggestion) return runSearch();
    showError('error', '');
    results.partial = partial;
    renderResults(result, append);
  } catch (e) {
    settle();
    if (e.name === 'AbortError' || !results.requests.isCurrent(abort)) return;
    // Mid-typing, a query is often briefly not one (a lone quote or minus, "-pass" before the
    // words, "code:0x80" before the code is whole): keep what is shown; Enter shows the message.
    if (partial && e.status === 400) return;
    if (append) { announce('Loading more results failed.'); showError('error', e); return; }
    clearResults();
    showError('error', e);
    announce('The search failed.');
  }
}
function showSkeleton() {
  const list = $('results');
  if (list.classList.contains('loading')) return;
  $('welcome').hidden = true;
  $('empty').hidden = true;
  list.classList.add('loading');
  list.replaceChildren(...[0, 1, 2].map(() => el('li', { class: 'skeleton', 'aria-hidden': 'true' },
    el('span', { class: 'line title' }), el('span', { class: 'line' }), el('span', { class: 'line short' }))));
  results.shownFor = null;
}
function clearResults() {
  results.shownFor = null;
  $('results').replaceChildren();
  renderFacets([], 0);
  $('empty').hidden = true;
  $('welcome').hidden = true;
  $('notice').hidden = true;
  $('count').hidden = true;
  renderCodeCard(null);
  $('result-tools').hidden = !state.accepted && !state.sort;
  $('more').hidden = true;
  results.hits = [];
  results.active = -1;
}
function renderWelcome() {
  results.requests.abort();
  clearResults();
  showError('error', '');
  $('welcome').hidden = false;
  announce('');
}
function renderResults(result, append) {
  $('welcome').hidden = true;
  const list = $('results');
  const first = append ? results.hits.length : 0;
  if (append) {
    results.hits = results.hits.concat(result.hits);
    list.append(...result.hits.map((hit, i) => hitNode(hit, first + i)));
  } else {
    results.hits = result.hits;
    results.active = -1;
    results.shownFor = searchKey();
    list.replaceChildren(...result.hits.map((hit, i) => hitNode(hit, i)));
    renderNotice(result);
    renderCodeCard(result.code_card);
  }
  clampAnswers(list);
  renderFacets(result.facets || [], result.total);
  const count = $('count');
  count.hidden = !result.total;
  count.textContent = `${plural(result.total, 'result')}${state.product ? ` in ${state.product.replace(' | ', ' › ')}` : ''}`;
  // The order and the filter stay on screen while they are in use, so "no results" can be undone.
  $('result-tools').hidden = !result.total && !state.accepted && !state.sort;
  $('more').hidden = results.hits.length >= result.total || !result.hits.length;
  $('more').textContent = `More results (${results.hits.length} of ${result.total} shown)`;
  const empty = $('empty');
  empty.hidden = results.hits.length > 0;
  if (!results.hits.length) {
    empty.replaceChildren(el('h2', { text: `No answers for “${state.q.trim()}”` }),
      el('p', { text: state.accepted ? 'Try again with threads that have no accepted answer yet.'
        : state.product ? 'Try all products, or fewer words.' : 'Try fewer or different words, or just the error code.' }));
    const actions = el('p', { class: 'row center' });
    if (state.accepted) actions.append(el('button', { type: 'button', class: 'secondary', text: 'Include unaccepted answers', onclick: () => setAccepted(false) }));
    if (state.product) actions.append(el('button', { type: 'button', class: 'secondary', text: 'Search all products', onclick: () => setProduct('') }));
    actions.append(el('button', { type: 'button', class: 'secondary', text: 'Ask the community', onclick: () => {
      startDraft(state.q.trim());
      page.activateTab('write', true);
    } }));
    empty.append(actions);
  }
  if (append) { announce(`${results.hits.length} of ${plural(result.total, 'result')} shown`); return; }
  const shown = result.corrected ? result.suggestion : state.q.trim();
  announce(`${plural(result.total, 'result')} for ${shown}${state.product ? ' in ' + state.product : ''}`);
}
// A query holding a known error code: the code, how many threads have it and in which products,
// and its best answered thread's canonical answer, ready to copy.
function renderCodeCard(card) {
  const box = $('code-card');
  box.hidden = !card;
  if (!card) { box.replaceChildren(); return; }
  const open = (e) => { e.preventDefault(); openThread(card.thread.id, true); };
  const products = card.products.map((p) => `${p.product.replace(' | ', ' › ')} (${p.count})`).join(' · ');
  const parts = [
    el('h2', { id: 'code-card-title' }, el('span', { class: 'chip code', text: card.code }), ` ${plural(card.threads, 'thread')}`),
    products ? el('p', { class: 'muted products', text: products }) : null,
  ];
  if (card.thread && card.thread.answer) {
    const status = el('span', { class: 'copied', role: 'status', 'aria-live': 'polite' });
    parts.push(
      el('p', { class: 'from' }, labelBadge(card.thread.answer), ' from ',
        el('a', { href: threadHref(card.thread.id), text: card.thread.title || `Thread ${card.thread.id}`, onclick: open })),
      withRedactions(el('div', { class: 'text clamp' }), card.thread.answer.text),
      el('div', { class: 'row' },
        el('button', { type: 'button', class: 'secondary small copy', onclick: () => copyText(card.thread.answer.copy, status) }, 'Copy answer'),
        el('a', { href: threadHref(card.thread.id), text: 'Open thread', onclick: open }), status));
  } else {
    parts.push(codeCardStatus(card));
  }
  box.replaceChildren(...parts);
}
// No answered thread under the search's filters: what is true of the code's threads, and the
// code searched alone when the filters are what stands in the way of an answer.
function codeCardStatus(card) {
  const narrowed = (card.narrowed_by || []).join(' ');
  const answered = card.answered ?? 0;
  const ofThem = answered === card.threads ? (card.threads === 1 ? 'answered' : 'all answered')
    : answered === 0 ? 'none answered yet' : `${answered} answered`;
  const line = el('p', { class: 'muted status-line' });
  if (answered === 0) line.append('No thread with this code has an answer yet.');
  else if (card.matching === 0)
    line.append(`No thread with this code matches ${narrowed || 'this search'} — ${plural(card.threads, 'thread')} with this code, ${ofThem}.`);
  else
    line.append(`None of the ${plural(card.matching, 'thread')} with this code matching ${narrowed || 'this search'} has an answer yet — ${plural(card.threads, 'thread')} with this code, ${ofThem}.`);
  if (answered > 0) {
    const alone = el('a', { href: `?q=${encodeURIComponent(card.code)}`, class: 'code-alone', text: `Search ${card.code} without the filters`,
      onclick: (e) => { e.preventDefault(); state.product = ''; state.accepted = false; showSearchOptions(); setQuery(card.code, true); } });
    line.append(' ', alone);
  }
  return line;
}
// A product filter that names no product: the products it may have meant, as links that ask the
// same question with that product.
function productHint(unknown) {
  const typed = state.q.trim();
  const links = unknown.nearest.map((key) => {
    const fromQuery = typed.toLowerCase().includes(`product:${unknown.product.toLowerCase()}`);
    const q = fromQuery ? typed.replace(new RegExp(`product:("?)${unknown.product.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`, 'i'), `product:${key}`) : typed;
    return el('a', { href: `?q=${encodeURIComponent(q)}`, class: 'product-hint', text: key, onclick: (e) => {
      e.preventDefault();
      if (fromQuery) setQuery(q, true); else setProduct(key);
    } });
  });
  const line = el('span', {}, `No product “${unknown.product}” here.`);
  if (links.length) line.append(' Did you mean ', ...links.flatMap((a, i) => (i ? [', ', a] : [a])), '?');
  else line.append(' Try the product list on the left.');
  return line;
}
function renderNotice(result) {
  const notice = $('notice');
  notice.replaceChildren();
  const unknown = result.unknown_products || [];
  // What the server could not finish is said, since the list and its count are then short.
  const short = [];
  if (result.timed_out) short.push('This search ran out of time: these are the best matches it found in time.');
  if (result.partial) short.push('Part of the index did not answer: these results come from the rest.');
  notice.hidden = !result.suggestion && !unknown.length && !short.length;
  unknown.forEach((u, i) => notice.append(...(i ? [' '] : []), productHint(u)));
  if (result.suggestion) {
    if (unknown.length) notice.append(' ');
    const link = el('a', { href: `?q=${encodeURIComponent(result.suggestion)}`, text: result.suggestion,
      onclick: (e) => { e.preventDefault(); setQuery(result.suggestion, true); } });
    // Corrected: words the index does not know were read as their closest known words.
    if (result.corrected) notice.append('Showing results for ', link, '.');
    else notice.append('Did you mean ', link, '?');
  }
  for (const sentence of short) notice.append(...(notice.childNodes.length ? [' '] : []), sentence);
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
function snippetNode(snippet) { return withMarks(el('p', { class: 'snippet' }), snippet); }
// "+N similar": the search folds each duplicate group into its best thread; the button lists
// the group's other threads (from the thread's own page data) under the card.
function similarToggle(hit, card) {
  if (!hit.similar) return null;
  const label = `+${hit.similar} similar`;
  const button = el('button', { type: 'button', class: 'similar-toggle', 'aria-expanded': 'false', text: label });
  button.onclick = async (e) => {
    e.stopPropagation();
    const shown = card.querySelector('.similar-list');
    if (shown) { shown.remove(); button.setAttribute('aria-expanded', 'false'); return; }
    button.setAttribute('aria-busy', 'true');
    try {
      const t = await api.thread(hit.id);
      const list = el('ul', { class: 'similar-list', 'aria-label': `Threads like “${hit.title}”` },
        ...(t.duplicates || []).map((d) => el('li', {},
          el('a', { href: threadHref(d.id), onclick: (ev) => { ev.preventDefault(); ev.stopPropagation(); openThread(d.id, true); } },
            d.title || d.id))));
      card.append(list);
      button.setAttribute('aria-expanded', 'true');
    } catch (err) {
      announce(`Could not load the similar threads: ${err.message}`);
    } finally {
      button.removeAttribute('aria-busy');
    }
  };
  return button;
}
// "2026-01-19T12:02:47+00:00" as "Jan 19, 2026"; a date the browser cannot read is left out.
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
function dateNode(date) {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(date || '');
  if (!day) return null;
  const time = new Date(`${day[0]}T00:00:00Z`);
  if (Number.isNaN(time.getTime())) return null;
  return el('time', { class: 'date', datetime: day[0], text: dateFormat.format(time) });
}
// A thread without a title still gets a link to open it: the first words of its text stand in.
function titleOf(hit) {
  if (hit.title) return { html: hit.title_html, plain: hit.title };
  const words = (hit.snippet || '').replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/gi, ' ').replace(/^…/, '').trim().split(/\s+/);
  const plain = words.length && words[0] ? `${words.slice(0, 8).join(' ')}${words.length > 8 ? '…' : ''}` : `Thread ${hit.id}`;
  return { html: null, plain };
}
function hitNode(hit, index) {
  const open = (e) => { e.preventDefault(); openThread(hit.id, true); };
  const title = titleOf(hit);
  const card = el('li', { class: 'hit', id: `hit-${index}`, tabindex: '-1', 'data-id': hit.id,
    onclick: (e) => { if (!e.target.closest('button, .similar-list') && !window.getSelection().toString()) open(e); } },
    el('h3', {}, withMarks(el('a', { href: threadHref(hit.id), class: hit.title ? null : 'untitled', onclick: (e) => { e.stopPropagation(); open(e); } }), title.html, title.plain)));
  card.append(
    el('div', { class: 'meta' }, el('span', { class: 'chip product', text: productLabel(hit.products) || 'General' }),
      ...codeChips(hit.error_codes, 3), dateNode(hit.date), similarToggle(hit, card)),
    snippetNode(hit.snippet || ''),
    answerNode(hit.answer));
  return card;
}
function setProduct(product) {
  state.product = product;
  writeUrl(true);
  runSearch();
}
function setAccepted(accepted) {
  state.accepted = accepted;
  $('accepted-only').checked = accepted;
  writeUrl(true);
  runSearch();
}
function setSort(sort) {
  state.sort = sort;
  $('sort').value = sort;
  writeUrl(true);
  runSearch();
}
// The URL's order and filter onto their controls (a shared link, Back).
export function showSearchOptions() {
  $('sort').value = state.sort;
  $('accepted-only').checked = state.accepted;
}
function setQuery(q, push) {
  typedSearch.cancel();
  completionsDebounced.cancel();
  completions.requests.abort();
  closeCompletions();
  state.q = q;
  $('q').value = q;
  writeUrl(push);
  runSearch();
}
function setActive(index) {
  results.active = index;
  document.querySelectorAll('#results .hit').forEach((n, i) => n.classList.toggle('active', i === results.active));
  if (index < 0) { $('q').focus(); return; }
  const node = $(`hit-${results.active}`);
  node.focus();
  node.scrollIntoView({ block: 'nearest' });
}
export function moveActive(delta) {
  if (!results.hits.length) return;
  if (results.active + delta < 0) { setActive(-1); return; }  // up from the first result: back to the box
  setActive(Math.min(results.hits.length - 1, results.active + delta));
}

// ---------- completions (ARIA combobox with a listbox popup) ----------
async function suggest() {
  const q = $('q').value;
  if (!q.trim() || /\s$/.test(q)) { closeCompletions(); return; }
  const abort = completions.requests.start();
  try {
    const r = await api.suggest({ q, limit: '6' }, abort.signal);
    if (!completions.requests.isCurrent(abort) || $('q').value !== q) return;
    const typed = q.trim().toLowerCase();
    const items = r.completions.filter((c) => c.text.toLowerCase() !== typed);
    if (!items.length || document.activeElement !== $('q')) { closeCompletions(); return; }
    $('completions').replaceChildren(...items.map((c, i) => {
      const known = c.text.toLowerCase().startsWith(typed) ? c.text.slice(0, typed.length) : '';
      return el('li', {
        role: 'option', id: `completion-${i}`, 'aria-selected': 'false', 'data-text': c.text,
        onmousedown: (e) => { e.preventDefault(); pickCompletion(c.text); },
        onmousemove: () => { if (completions.index !== i) selectCompletion(i); },
      }, el('span', { class: 'ctext' }, known, el('strong', { text: c.text.slice(known.length) })),
      el('span', { class: 'kind', text: c.kind === 'code' ? 'error code' : plural(c.count, 'thread') }));
    }));
    completions.index = -1;
    $('completions').hidden = false;
    $('q').setAttribute('aria-expanded', 'true');
  } catch (e) {
    if (e.name !== 'AbortError') closeCompletions();  // a convenience: the search itself reports errors
  }
}
export function closeCompletions() {
  $('completions').hidden = true;
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
  completions.index = -1;
}
function selectCompletion(index) {
  const items = [...$('completions').children];
  completions.index = index;
  items.forEach((n, i) => n.setAttribute('aria-selected', String(i === index)));
  if (index >= 0) {
    $('q').setAttribute('aria-activedescendant', items[index].id);
    items[index].scrollIntoView({ block: 'nearest' });
  } else $('q').removeAttribute('aria-activedescendant');
}
// Down from the last option and up from the first return to the text in the box.
function moveCompletion(delta) {
  const n = $('completions').children.length;
  let next = completions.index + delta;
  if (next >= n) next = -1;
  else if (next < -1) next = n - 1;
  selectCompletion(next);
}
function pickCompletion(text) { setQuery(text, true); $('q').focus(); }

const typedSearch = debounce(() => { state.q = $('q').value; writeUrlForTyping(); runSearch({ partial: true }); }, 150);
const completionsDebounced = debounce(suggest, 100);

export function initSearchView({ activateTab }) {
  page.activateTab = activateTab;
  $('q').addEventListener('input', () => {
    if (!$('q').value.trim()) { typedSearch.cancel(); completionsDebounced.cancel(); closeCompletions(); state.q = ''; writeUrlForTyping(); renderWelcome(); return; }
    typedSearch(); completionsDebounced();
  });
  $('q').addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== $('q')) closeCompletions(); }, 150));
  $('q').addEventListener('keydown', (e) => {
    const open = !$('completions').hidden;
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) { e.preventDefault(); moveCompletion(e.key === 'ArrowDown' ? 1 : -1); }
    else if (open && e.key === 'Enter' && completions.index >= 0) { e.preventDefault(); pickCompletion($('completions').children[completions.index].dataset.text); }
    else if (e.key === 'Escape') { e.preventDefault(); if (open) closeCompletions(); else $('q').blur(); }
    else if (!open && e.key === 'ArrowDown' && results.hits.length) { e.preventDefault(); setActive(0); }
  });
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); setQuery($('q').value, true); });
  $('more').addEventListener('click', async () => {
    const first = results.hits.length, hadFocus = document.activeElement === $('more');
    await runSearch({ append: true });
    if (hadFocus && results.hits.length > first) setActive(first);
  });
  $('sort').addEventListener('change', () => setSort($('sort').value === 'newest' ? 'newest' : ''));
  $('accepted-only').addEventListener('change', () => setAccepted($('accepted-only').checked));
  $('facets').addEventListener('scroll', updateFacetScroll, { passive: true });
  window.addEventListener('resize', debounce(updateFacetScroll, 100));
}
