// Building and labelling nodes, shared by every view: el(), highlighted text, messages, code chips,
// answer badges and the answer preview.
import { site } from './state.js';

export const $ = (id) => document.getElementById(id);
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'style') node.style.cssText = v; // through CSSOM: the CSP forbids style attributes
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}
export function debounce(fn, ms) {
  let t;
  const run = (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  run.cancel = () => clearTimeout(t);
  return run;
}
export const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const threadHref = (id) => `?thread=${encodeURIComponent(id)}`;
// Where the indexer removed personal data it left a placeholder saying what ("[email]", "[name]");
// the page shows each as one neutral marker, and the server's copy text holds none. The list is
// the server's (GET /api/config, site.placeholders), never written here.
const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const redactions = () => (site.placeholders.length
  ? new RegExp(site.placeholders.map(escaped).join('|'), 'g') : /(?!)/g);
const REDACTED_HTML = '<span class="redacted" title="Personal data removed">removed</span>';
// Sets node's text, each placeholder shown as the marker.
export function withRedactions(node, text) {
  const parts = String(text ?? '').split(redactions());
  node.replaceChildren();
  parts.forEach((part, i) => {
    if (i > 0) node.append(el('span', { class: 'redacted', title: 'Personal data removed', text: 'removed' }));
    if (part) node.append(part);
  });
  return node;
}
// Puts an answer's `copy` on the clipboard as the server made it (the answer byte for byte, less
// the sentences that held removed personal data and thread-specific openers), and says how that
// went in `status`. The page never edits it.
export async function copyText(copy, status) {
  if (!copy) { status.textContent = 'Nothing to copy: this answer only made sense with the personal data removed. Open the thread.'; return; }
  try { await navigator.clipboard.writeText(copy); status.textContent = 'Copied — ready to paste'; }
  catch { status.textContent = 'Copy failed: select the text and copy it by hand.'; }
}
// The API escapes snippets and wraps matches in <mark>; anything else means do not trust it as HTML.
export function withMarks(node, html, plain) {
  if (!html || /</.test(html.replace(/<\/?mark>/g, ''))) withRedactions(node, plain ?? html ?? '');
  else node.innerHTML = html.replace(redactions(), REDACTED_HTML);
  return node;
}
export function announce(text) { $('status').textContent = text; }
export const sentence = (s) => { s = s.trim().replace(/\.$/, ''); return s.charAt(0).toUpperCase() + s.slice(1) + '.'; };
// The server's message, then a hint on what to do about it.
// What to do about an error, by the server's code (GET /api/errors), never by its wording.
function hintFor(code, kind) {
  switch (code) {
    case 'query_too_long': case 'body_too_large': case 'uri_too_long':
      return kind === 'draft' ? 'Shorten the draft: the title and the first paragraphs are enough.'
        : 'Try a shorter search: a few key words or the error code are enough.';
    case 'query_too_complex':
      return 'Try fewer words: a few key words or the error code are enough.';
    case 'empty_query': case 'missing_parameter':
      return 'Try some words or an error code, for example 0x80070005.';
    case 'unreachable': case 'overloaded': case 'index_unavailable': case 'shard_unavailable': case 'internal':
      return code === 'unreachable' ? '' : 'Try again in a moment.';
    default:
      return 'Try some words or an error code.';
  }
}
// `error`: an ApiError (or anything with a message and a code); empty hides the box.
export function showError(id, error, kind) {
  const box = $(id);
  box.hidden = !error;
  box.replaceChildren();
  if (!error) return;
  const hint = hintFor(error.code, kind);
  box.append(el('strong', { text: sentence(error.message || String(error)) }), hint ? ' ' : '', hint);
}
// Error codes look the same everywhere: 8-digit hex codes as 0xUPPER, others (500121, AADSTS50076) upper.
export function formatCode(code) {
  const c = String(code).trim();
  const hex = /^(?:0x)?([0-9a-f]{8})$/i.exec(c);
  return hex ? `0x${hex[1].toUpperCase()}` : c.toUpperCase();
}
export function codeChips(codes, max = 4) {
  const seen = new Set();
  return (codes || []).map(formatCode).filter((c) => !seen.has(c) && seen.add(c)).slice(0, max)
    .map((c) => el('span', { class: 'chip code', text: c }));
}
// The server names the roles; the bare role is only a fallback should it not.
export const roleName = (a) => a.role_name || a.role;
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
export function labelBadge(a) {
  const l = answerLabel(a);
  return el('span', { class: `badge ${l.cls}`, text: l.text });
}
// An accepted answer from staff wears both badges: either is a reason to trust it.
function staffAlsoBadge(a) {
  const staff = staffRoles.has(a.role) || a.role === 'moderator';
  return a.accepted && !a.ai && staff ? el('span', { class: 'badge staff', text: a.role === 'moderator' ? 'Moderator' : 'Staff' }) : null;
}
export function roleBadges(a) {
  const out = [];
  if (a.ai) out.push(el('span', { class: 'badge ai', text: 'AI-generated' }));
  if (a.accepted) out.push(el('span', { class: 'badge accepted', text: 'Accepted' }));
  if (!a.ai && a.role !== 'user') out.push(el('span', { class: 'badge staff', text: roleName(a) }));
  return out;
}
// One badge naming who wrote an answer, every role included (roleBadges leaves plain users out).
export function roleBadge(a) {
  if (a.ai || a.role === 'ai') return el('span', { class: 'badge ai', text: 'AI-generated' });
  const staff = staffRoles.has(a.role) || a.role === 'moderator';
  return el('span', { class: `badge ${staff ? 'staff' : 'community'}`, text: roleName(a) });
}
export function productLabel(products) { return (products || []).slice(0, 2).join(' › '); }

// Each preview's toggle names the text it opens by id, so the ids stay unique across renders.
const answerIds = { last: 0 };
// badges: what heads the preview; by default the label of a thread's canonical answer.
export function answerNode(answer, badges) {
  if (!answer) return el('p', { class: 'muted no-answer', text: 'No answer yet.' });
  const id = `answer-text-${++answerIds.last}`;
  const text = withRedactions(el('div', { class: 'text clamp', id }), answer.text);
  const toggle = el('button', { type: 'button', class: 'link toggle', 'aria-expanded': 'false', 'aria-controls': id,
    onclick: (e) => {
      e.stopPropagation();
      const open = text.classList.toggle('clamp');
      toggle.setAttribute('aria-expanded', String(!open));
      toggle.textContent = open ? 'Show full answer' : 'Show less';
    } }, 'Show full answer');
  const head = badges || [labelBadge(answer), staffAlsoBadge(answer),
    answer.helpful > 0 ? el('span', { text: `${plural(answer.helpful, 'person')} found this helpful`.replace('persons', 'people') }) : null];
  return el('div', { class: `answer${answer.ai ? ' ai' : ''}` }, el('div', { class: 'why' }, ...head, toggle), text);
}
// Previews are cut at a line boundary with a fade; answers that fit lose the fade and the toggle.
export function clampAnswers(root) {
  for (const text of root.querySelectorAll('.answer .text.clamp:not([data-measured])')) {
    text.dataset.measured = '1';
    if (text.scrollHeight <= text.clientHeight + 2) {
      text.classList.remove('clamp');
      text.parentElement.querySelector('.toggle')?.remove();
    }
  }
}
