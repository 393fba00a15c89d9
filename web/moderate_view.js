// The moderators' view: the canonical answer of the best answered thread for a code or a few words,
// ready to copy, with the other threads that share the code or match the words, and the best
// answers across threads (canonical or not) for the same words.
import * as api from './api.js';
import { $, el, plural, threadHref, announce, showError, codeChips, labelBadge, roleBadge, roleBadges, productLabel, withRedactions, copyText,
  sentence, answerNode, clampAnswers } from './dom.js';
import { state, writeUrl } from './state.js';
import { openThread } from './thread_view.js';

// shown: the query whose answer is on screen, and the search that is bringing one.
const view = { requests: new api.RequestLine(), shown: null, pending: null };

function copyRow(answer, id) {
  if (!answer) return el('span', { class: 'muted', text: 'No answer yet' });
  const status = el('span', { class: 'copied', role: 'status' });
  return el('span', { class: 'copy-row' },
    el('button', { type: 'button', class: 'secondary small copy', 'data-id': id, onclick: () => copyText(answer.copy, status) }, 'Copy answer'),
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
// How many of /api/answers' answers the view lists.
const BEST_ANSWERS = 5;
// The best answers for the query across its threads, each with its thread and its own copy button.
function bestAnswers(result) {
  if (result instanceof Error)
    return el('p', { class: 'muted', text: `Best answers across threads could not be loaded: ${sentence(result.message)}` });
  if (!result.answers.length) return null;
  return el('section', { class: 'm-best', 'aria-labelledby': 'm-best-title' },
    el('h3', { class: 'subhead', id: 'm-best-title', text: 'Best answers across threads' }),
    el('ol', { class: 'compact' }, ...result.answers.map(({ thread, answer, canonical }) => el('li', { 'data-id': thread.id, 'data-index': answer.index },
      el('div', { class: 'compact-main' },
        el('a', { href: threadHref(thread.id), text: thread.title, onclick: (e) => { e.preventDefault(); openThread(thread.id, true); } }),
        el('div', { class: 'meta' }, el('span', { text: productLabel(thread.products) })),
        answerNode(answer, [roleBadge(answer), answer.accepted ? el('span', { class: 'badge accepted', text: 'Accepted' }) : null,
          canonical ? el('span', { class: 'badge best', text: 'Canonical' }) : null])),
      copyRow(answer, thread.id)))));
}
export async function moderate(q) {
  view.shown = null;
  view.pending = search(q);
  return view.pending;
}
async function search(q) {
  showError('m-error', '');
  $('m-answer').replaceChildren();
  $('m-more').replaceChildren();
  $('m-best').replaceChildren();
  view.requests.abort();
  if (!q.trim()) return;
  const abort = view.requests.start();
  // Asked for beside the search, shown once the search is: the answer to copy never waits for it,
  // and a query the search refused is not reported twice.
  const best = api.answers({ q: q.trim(), limit: String(BEST_ANSWERS) }, abort.signal).catch((e) => e);
  const showBest = () => best.then((result) => {
    if (!view.requests.isCurrent(abort) || result.name === 'AbortError') return;
    const section = bestAnswers(result);
    $('m-best').replaceChildren(...(section ? [section] : []));
    clampAnswers($('m-best'));
  });
  try {
    // Every thread, duplicates unfolded: the view picks the best answered one and lists the rest.
    const r = await api.search({ q: q.trim(), limit: '10', collapse: '0' }, abort.signal);
    if (!r.hits.length) {
      $('m-answer').append(el('div', { class: 'empty' }, el('h2', { text: 'No thread matches' }), el('p', { text: 'Try the bare error code.' })));
      announce('No results.');
      return;
    }
    // The best thread to answer from is the best match that has an answer.
    const top = r.hits.find((h) => h.answer) || r.hits[0];
    const thread = await api.thread(top.id, abort.signal);
    if (!view.requests.isCurrent(abort)) return;
    const open = (e) => { e.preventDefault(); openThread(top.id, true); };
    const card = el('article', { class: 'canonical', 'aria-labelledby': 'm-title', 'data-id': top.id },
      el('div', { class: 'meta' }, el('span', { class: 'chip product', text: productLabel(top.products) }), ...codeChips(top.error_codes, 6)),
      el('h2', { id: 'm-title' }, el('a', { href: threadHref(top.id), text: top.title, onclick: open })));
    if (r.suggestion && r.corrected)
      card.prepend(el('p', { class: 'notice', text: `Showing results for “${r.suggestion}”.` }));
    if (top.answer) {
      const status = el('span', { class: 'copied', role: 'status', 'aria-live': 'polite' });
      // The copy button comes before the answer, so a long answer never pushes it off screen.
      card.append(el('div', { class: 'answer-head meta' }, ...roleBadges(top.answer),
          el('span', { class: 'why-full', text: `Chosen because: ${top.answer.why}` })),
        el('div', { class: 'row' },
          el('button', { type: 'button', class: 'primary', id: 'copy', 'aria-keyshortcuts': 'C Control+Enter Meta+Enter',
            'aria-describedby': 'copy-keys', onclick: () => copyText(top.answer.copy, status) }, 'Copy answer'),
          el('span', { class: 'keys muted', id: 'copy-keys' }, el('kbd', { text: 'C' }), ' or ', el('kbd', { text: 'Ctrl' }), '+', el('kbd', { text: 'Enter' })),
          el('a', { href: threadHref(top.id), text: 'Open thread', onclick: open }),
          status),
        withRedactions(el('div', { class: 'text', id: 'm-text' }), top.answer.text));
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
    showBest();
    view.shown = q.trim();
    announce(`${plural(r.total, 'result')}; best answer from ${top.title}`);
  } catch (e) {
    if (e.name === 'AbortError') return;
    showError('m-error', e);
  }
}

// The copy shortcut (C, or Ctrl/Cmd+Enter from the search box too): the top answer of what the box
// asks, searched first when the box has changed since the answer on screen.
export async function copyTopAnswer() {
  const q = $('mq').value.trim();
  if (!q) return;
  if (view.shown !== q) {
    state.q = $('mq').value; writeUrl(true);
    await moderate(state.q);
  } else {
    await view.pending;
  }
  $('copy')?.click();
}

export function initModerateView() {
  $('moderate-form').addEventListener('submit', (e) => {
    e.preventDefault(); state.q = $('mq').value; writeUrl(true); moderate(state.q);
  });
}
