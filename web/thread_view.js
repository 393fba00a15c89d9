// The thread dialog, opened over any view: the question, every answer and the same problem's other
// threads. An open thread is part of the URL.
import * as api from './api.js';
import { $, el, plural, threadHref, sentence, codeChips, roleBadges, roleName, withRedactions, copyText } from './dom.js';
import { state, writeUrl } from './state.js';

// pushed: whether the open thread added its own history entry, which closing it then steps back over.
const view = { requests: new api.RequestLine(), pushed: false };

// The best answer's copy button, as in the moderators' view: the server's copy text, C copies it.
function copyRow(answer) {
  const status = el('span', { class: 'copied', role: 'status', 'aria-live': 'polite' });
  return el('div', { class: 'row copy-row' },
    el('button', { type: 'button', class: 'secondary small copy', id: 'thread-copy', 'aria-keyshortcuts': 'C',
      'aria-describedby': 'thread-copy-keys', onclick: () => copyText(answer.copy, status) }, 'Copy answer'),
    el('span', { class: 'keys muted', id: 'thread-copy-keys' }, 'or press ', el('kbd', { text: 'C' })),
    status);
}

export async function openThread(id, push) {
  state.thread = id;
  if (push !== undefined) { writeUrl(push); view.pushed = push === true; }
  const dialog = $('thread');
  $('thread-title').textContent = 'Loading…';
  $('thread-body').replaceChildren();
  if (!dialog.open) dialog.showModal();
  const abort = view.requests.start();
  try {
    const t = await api.thread(id, abort.signal);
    withRedactions($('thread-title'), t.title);
    const body = $('thread-body');
    body.replaceChildren(
      el('div', { class: 'meta' }, el('span', { class: 'chip product', text: t.products.join(' › ') || 'General' }),
        ...codeChips(t.error_codes, 8), el('span', { text: (t.date || '').slice(0, 10) })),
      withRedactions(el('p', { class: 'question' }), t.question),
      el('h3', { class: 'subhead', text: plural(t.answers.length, 'answer') }),
      ...t.answers.map((a) => el('article', { class: `post${a.canonical ? ' is-canonical' : ''}${a.ai ? ' ai' : ''}` },
        el('div', { class: 'meta' }, a.canonical ? el('span', { class: 'badge best', text: 'Best answer' }) : null, ...roleBadges(a),
          el('span', { text: a.ai ? '' : `${roleName(a)} · ${a.reputation} reputation` }),
          el('span', { text: (a.date || '').slice(0, 10) }), a.helpful ? el('span', { text: `${a.helpful} found this helpful` }) : null),
        a.canonical ? copyRow(a) : null,
        withRedactions(el('div', { class: 'text' }), a.text))));
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
  if (view.pushed) { view.pushed = false; history.back(); return; }
  state.thread = ''; writeUrl(true);
}
// The URL changed under the page (load, Back, Forward): the thread it names is open, and it added
// no history entry of its own to step back over.
export function threadFromUrl() {
  view.pushed = false;
  if (state.thread) openThread(state.thread);
  else if ($('thread').open) $('thread').close();
}

export function initThreadView() {
  $('thread-close').addEventListener('click', closeThread);
  $('thread').addEventListener('cancel', (e) => { e.preventDefault(); closeThread(); });
}
