// The writers' view ("Ask a question"): before a question is posted, the threads that may already
// answer the draft, and why each was picked.
import * as api from './api.js';
import { $, el, debounce, plural, threadHref, announce, showError, formatCode, codeChips, productLabel, answerNode, clampAnswers } from './dom.js';
import { openThread } from './thread_view.js';
import { site } from './state.js';

const view = { requests: new api.RequestLine() };

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
  view.requests.abort();
  if (!title.trim() && !text.trim()) { $('w-results').replaceChildren(); return; }
  const abort = view.requests.start();
  $('w-results').setAttribute('aria-busy', 'true');
  try {
    const r = await api.similar({ title, text, limit: 8 }, abort.signal);
    if (!view.requests.isCurrent(abort)) return;  // a newer draft has been sent: its answer wins
    const likely = r.hits.filter(isLikely);
    const maybe = r.hits.filter(isRelated);
    const out = [];
    if (likely.length)
      out.push(el('h2', { class: 'subhead', text: likely.length === 1 ? 'This may already be answered' : 'These may already answer your question' }),
        el('ol', { class: 'results likely', 'aria-label': 'Likely duplicates' }, ...likely.map(duplicateNode)));
    if (maybe.length)
      out.push(el('h2', { class: 'subhead', text: 'Possibly related' }),
        el('ol', { class: 'results related', 'aria-label': 'Possibly related threads' }, ...maybe.map(duplicateNode)));
    const post = (text) => (site.askUrl
      ? el('a', { class: 'button primary ask', href: site.askUrl, target: '_blank', rel: 'noopener', text }) : null);
    if (!likely.length)
      out.unshift(el('div', { class: 'empty w-empty' }, el('h2', { text: site.askUrl ? 'No similar threads found' : 'No similar threads found — go ahead and post' }),
        el('p', { text: maybe.length ? 'Nothing close matches your draft; the threads below share only a few words.'
          : 'Nothing in the knowledge base matches your draft closely.' }),
        post('Ask the community')));
    else if (site.askUrl)
      out.push(el('p', { class: 'w-post' }, 'None of these answers it? ', el('a', { href: site.askUrl, target: '_blank', rel: 'noopener', text: 'Ask the community' })));
    $('w-results').replaceChildren(...out);
    clampAnswers($('w-results'));
    announce(likely.length ? `${plural(likely.length, 'possible duplicate')}` : 'No similar threads found');
  } catch (e) {
    if (e.name === 'AbortError' || !view.requests.isCurrent(abort)) return;
    $('w-results').replaceChildren();
    showError('w-error', e, 'draft');
  } finally {
    if (view.requests.isCurrent(abort)) $('w-results').removeAttribute('aria-busy');
  }
}
const draftChanged = debounce(() => { if (draftWords() >= 3) findDuplicates(); }, 600);
// "Ask the community" from a search that found nothing: the search starts the title, unless a
// draft has one already.
export function startDraft(title) {
  if (!$('w-title').value.trim()) $('w-title').value = title;
}

export function initWriteView() {
  $('write-form').addEventListener('submit', (e) => { e.preventDefault(); draftChanged.cancel(); findDuplicates(); });
  for (const id of ['w-title', 'w-body']) $(id).addEventListener('input', () => {
    const words = draftWords();
    $('w-count').textContent = words ? plural(words, 'word') : '';
    draftChanged();
  });
}
