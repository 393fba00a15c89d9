// kbsearch page: self-help search, the moderators' canonical answer, and the writers' duplicate
// finder, over the JSON API. This entry wires the tabs, the page-wide keys and the URL to the views.
import { $ } from './dom.js';
import * as api from './api.js';
import { state, site, views, readUrl, writeUrl } from './state.js';
import { initSearchView, runSearch, closeCompletions, showsSearch, moveActive, showSearchOptions } from './search_view.js';
import { initModerateView, moderate, copyTopAnswer } from './moderate_view.js';
import { initWriteView } from './write_view.js';
import { initThreadView, openThread, threadFromUrl } from './thread_view.js';

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

// ---------- wiring ----------
function applyUrl() {
  readUrl();
  showView(state.view);
  $('q').value = state.q;
  showSearchOptions();
  closeCompletions();
  // A thread opened or closed over the same search keeps the list, and the hit in focus.
  if (state.view === 'search' && !showsSearch()) runSearch();
  if (state.view === 'moderate') { $('mq').value = state.q; moderate(state.q); }
  threadFromUrl();
}

document.addEventListener('DOMContentLoaded', () => {
  initSearchView({ activateTab });
  initModerateView();
  initWriteView();
  for (const v of views) $(`tab-${v}`).addEventListener('click', () => activateTab(v, true));
  document.querySelector('.tabs').addEventListener('keydown', onTabKey);
  initThreadView();
  document.addEventListener('keydown', (e) => {
    // Ctrl+K (Cmd+K on a Mac) reaches the search box from anywhere, a text field included, as
    // on documentation sites; '/' does when not typing.
    const commandK = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
    const active = document.activeElement;
    const typing = active && (['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName) || active.isContentEditable);
    // Copying an answer: C when not typing (the open thread's best answer, or the moderators' top
    // answer); Ctrl/Cmd+Enter in the moderators' view from anywhere, its search box included.
    const plainC = e.key.toLowerCase() === 'c' && !typing && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
    const commandEnter = e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    if (!e.defaultPrevented && (plainC || commandEnter)) {
      if ($('thread').open && plainC && $('thread-copy')) { e.preventDefault(); $('thread-copy').click(); return; }
      if (!$('thread').open && state.view === 'moderate' && (plainC || active === $('mq') || !typing)) {
        e.preventDefault(); copyTopAnswer(); return;
      }
    }
    if (e.defaultPrevented || (!commandK && (e.altKey || e.ctrlKey || e.metaKey))) return;
    const onHit = active && active.classList.contains('hit');
    if ((commandK || (e.key === '/' && !typing)) && !$('thread').open) {
      e.preventDefault();
      if (state.view !== 'search') { state.view = 'search'; writeUrl(true); showView('search'); $('q').value = state.q; runSearch(); }
      $('q').focus(); $('q').select();
    } else if (state.view === 'search' && !$('thread').open && (onHit || active === document.body || !active)) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); moveActive(e.key === 'ArrowDown' ? 1 : -1); }
      else if (e.key === 'Enter' && onHit) { e.preventDefault(); openThread(active.dataset.id, true); }
    }
  });
  window.addEventListener('popstate', applyUrl);
  // Where to post a new question (without it the writers' view offers no link), and the
  // placeholders of removed personal data: every answer waits for them (api.settleFirst), while
  // the page itself starts at once, so nothing typed before they come is taken back.
  api.settleFirst(api.config().then((c) => {
    site.askUrl = c.ask_url || '';
    site.placeholders = Array.isArray(c.placeholders) ? c.placeholders : [];
  }));
  applyUrl();
  if (state.view === 'search' && !state.thread) $('q').focus();
});
