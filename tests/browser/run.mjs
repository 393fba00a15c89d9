// Browser tests of web/: builds a fresh index of corpus/, starts the real kbsearch server on a free
// loopback port, and drives Debian's chromium through playwright-core. Screenshots of every view go
// to KBSEARCH_OUT, at viewport size. Usage: node --test run.mjs (env: KBSEARCH_BIN, KBSEARCH_CORPUS,
// KBSEARCH_OUT, CHROMIUM)
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import Ajv2020 from 'ajv/dist/2020.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.KBSEARCH_BIN || join(repo, 'build/kbsearch');
const corpus = process.env.KBSEARCH_CORPUS || join(repo, 'corpus');
const out = process.env.KBSEARCH_OUT || join(repo, 'build/screenshots');
mkdirSync(out, { recursive: true });

let server, browser, base, scratch;
// Where the community takes new questions (kbsearch serve --ask-url).
const ASK_URL = 'https://community.example/questions/new';

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'kbsearch-browser-'));
  execFileSync(bin, ['index', '--quiet', '--db', join(scratch, 'db'), corpus], { stdio: 'ignore' });
  server = spawn(bin, ['serve', '--quiet', '--db', join(scratch, 'db'), '--port', '0', '--web', join(repo, 'web'),
    '--ask-url', ASK_URL],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('server did not start')), 10000);
    server.stdout.on('data', (chunk) => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(chunk.toString());
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    server.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// Each test's browser contexts are closed after it, so their idle keep-alive connections do not
// pile up on the server's workers across the suite (the server queues, then refuses, past them).
const contexts = [];
afterEach(async () => { await Promise.all(contexts.splice(0).map((c) => c.close())); });

// Every page records script errors (CSP refusals too), failed requests and the search requests it made.
async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  contexts.push(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.errors = [];
  page.notFound = [];
  page.searches = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  // The server's Content-Security-Policy must hold for the page itself: a refused script or style counts as an error.
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) page.errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() === 404) page.notFound.push(r.url()); });
  page.on('request', (r) => { if (r.url().includes('/api/search?')) page.searches.push(new URL(r.url()).searchParams); });
  return page;
}
async function getJson(path, init) {
  const res = await fetch(base + path, init);
  return { status: res.status, body: await res.json() };
}
const shot = (page, name) => page.screenshot({ path: join(out, `${name}.png`) });  // viewport size
const hitIds = (page) => page.$$eval('#results .hit', (nodes) => nodes.map((n) => n.dataset.id));
const shownCount = async (page) => Number((await page.locator('#count').textContent()).match(/^(\d+) results?/)[1]);
const resultsFor = (page, q) => page.waitForFunction((q) => {
  const s = document.querySelector('#status').textContent;
  return s.endsWith(` for ${q}`) || s.includes(` for ${q} in `);
}, q);

test('typing a query shows results with labelled canonical answers, a count and More results', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.locator('#q').pressSequentially('outlook cannot connect to server', { delay: 15 });
  await resultsFor(page, 'outlook cannot connect to server');
  const ids = await hitIds(page);
  assert.equal(ids.length, 10, `first page: ${ids}`);
  assert.ok(ids.slice(0, 3).some((id) => id.startsWith('outlook-')), `top: ${ids.slice(0, 3)}`);
  assert.match(await page.locator('#status').textContent(), /^\d+ results? for outlook cannot connect to server/);
  const total = await shownCount(page);
  assert.ok(await page.locator('#count').isVisible() && total > 10, `count ${total}`);
  assert.ok(await page.locator('#results .hit .snippet mark').count() > 0, 'snippets highlight matches');
  assert.ok(await page.locator('#results .hit h3 mark').count() > 0, 'titles highlight matches');
  // Answers carry a short human label, never the ranker's internal wording.
  const labels = await page.$$eval('#results .answer .why .badge', (n) => n.map((x) => x.textContent));
  // A second badge says who gave an accepted answer, and only an accepted one.
  const rows = await page.$$eval('#results .answer .why', (n) => n.map((x) => [...x.querySelectorAll('.badge')].map((b) => b.textContent)));
  for (const badges of rows) if (badges.length > 1) assert.deepEqual([badges[0], badges.length], ['Accepted answer', 2], badges.join(','));
  assert.ok(labels.length >= 8, `labels: ${labels}`);
  for (const l of labels) assert.match(l, /^(Accepted answer|Most helpful|Staff answer|Moderator answer|Community answer|AI-generated|Staff|Moderator)$/);
  assert.doesNotMatch(await page.locator('#results').textContent(), /page signals|preferred over/);
  // Long answers are cut at a line boundary and open in full with a toggle.
  const toggle = page.locator('#results .answer .toggle').first();
  const text = page.locator('#results .answer .text.clamp').first();
  const [clamped, lineHeight] = await text.evaluate((n) => [n.clientHeight, parseFloat(getComputedStyle(n).lineHeight)]);
  assert.ok(Math.abs(clamped / lineHeight - Math.round(clamped / lineHeight)) < 0.05, `clamp ${clamped}px / ${lineHeight}px lines`);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('#results .answer .text:not(.clamp)').first().evaluate((n) => n.scrollHeight <= n.clientHeight + 1));
  assert.equal(await page.locator('#thread').evaluate((d) => d.open), false, 'the toggle does not open the thread');
  await toggle.click();
  assert.match(page.url(), /q=outlook\+cannot\+connect\+to\+server/);
  await page.focus('#q');
  if (await page.locator('#completions').isVisible()) await page.keyboard.press('Escape');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'search');
  // More results pages with offset and appends the next hits.
  await page.click('#more');
  await page.waitForFunction((n) => document.querySelectorAll('#results .hit').length === n, Math.min(total, 20));
  const all = await hitIds(page);
  assert.equal(new Set(all).size, all.length, 'no hit repeats across pages');
  assert.equal(page.searches.at(-1).get('offset'), '10');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.notFound, [], 'no 404s (favicon included)');
});

test('a duplicate group shows as its best thread with "+N similar", which lists the others', async () => {
  const page = await newPage();
  await page.goto(base + '/?q=' + encodeURIComponent('teams camera not working'));
  await resultsFor(page, 'teams camera not working');
  const card = page.locator('#results .hit:has(.similar-toggle)').first();
  const toggle = card.locator('.similar-toggle');
  const label = await toggle.textContent();
  const n = Number(/^\+(\d+) similar$/.exec(label)?.[1]);
  assert.ok(n >= 1, `label ${label}`);
  const id = await card.getAttribute('data-id');
  await toggle.click();
  await page.waitForSelector('#results .similar-list li');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#thread').evaluate((d) => d.open), false, 'the toggle does not open the thread');
  const listed = await card.locator('.similar-list a').evaluateAll((as) => as.map((a) => new URL(a.href).searchParams.get('thread')));
  assert.ok(listed.length >= n && !listed.includes(id), `listed ${listed} for ${id}`);
  // The folded threads are not cards of their own.
  const ids = await hitIds(page);
  for (const other of listed) assert.ok(!ids.includes(other), `${other} listed twice`);
  await shot(page, 'similar-expanded');
  await card.locator('.similar-list a').first().click();
  await page.waitForFunction(() => document.querySelector('#thread').open);
  assert.deepEqual(page.errors, []);
});

test('as-you-type searches send partial=1 and match the half-typed word; submitted ones do not', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.locator('#q').pressSequentially('authen', { delay: 20 });
  await resultsFor(page, 'authen');
  assert.equal(page.searches.at(-1).get('partial'), '1');
  assert.equal(await page.locator('#notice').isHidden(), true, `no "did you mean": ${await page.locator('#notice').textContent()}`);
  const top = await page.$$eval('#results .hit', (n) => n.slice(0, 3).map((x) => x.textContent));
  assert.ok(top.length === 3 && top.every((t) => /authenticator/i.test(t)), `top hits: ${top.map((t) => t.slice(0, 60))}`);
  const titles = await page.$$eval('#results .hit h3', (n) => n.slice(0, 3).map((x) => x.textContent));
  assert.ok(titles.some((t) => /Authenticator/.test(t)), `an Authenticator thread on top: ${titles}`);
  // A partial error code matches the codes that start with it instead of an empty state.
  await page.fill('#q', '');
  await page.locator('#q').pressSequentially('0x8007', { delay: 20 });
  await resultsFor(page, '0x8007');
  assert.equal(await page.locator('#empty').isHidden(), true, 'no empty state for 0x8007');
  const codes = await page.$$eval('#results .hit .chip.code', (n) => n.map((x) => x.textContent));
  assert.ok(codes.some((c) => c.startsWith('0x8007')), `codes: ${codes}`);
  // Enter submits the whole query, without partial.
  const before = page.searches.length;
  await page.press('#q', 'Enter');
  await page.waitForTimeout(300);
  assert.ok(page.searches.length > before && page.searches.slice(before).every((p) => !p.has('partial')), 'submitted search is whole');
  await page.goto(base + '/?q=authen');
  await page.waitForSelector('#status:not(:empty)');
  assert.ok(page.searches.length && !page.searches.at(-1).has('partial'), 'a shared URL searches without partial');
  assert.deepEqual(page.errors, []);
});

test('completions stay open, arrows move through them, Enter picks one and searches for it', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.locator('#q').pressSequentially('outlook conn', { delay: 20 });
  await page.waitForSelector('#completions [role=option]');
  await resultsFor(page, 'outlook conn');  // the as-you-type search has landed
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#completions').isVisible(), true, 'the list is still open after the search');
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const pick = page.locator('#completions [role=option]').nth(1);
  assert.equal(await pick.getAttribute('aria-selected'), 'true');
  assert.equal(await page.getAttribute('#q', 'aria-activedescendant'), await pick.getAttribute('id'));
  const text = await pick.getAttribute('data-text');
  assert.match(text, /^outlook conn\w+$/);
  await page.keyboard.press('Enter');
  await resultsFor(page, text);
  assert.equal(await page.inputValue('#q'), text);
  assert.equal(await page.locator('#completions').isHidden(), true);
  assert.equal(new URL(page.url()).searchParams.get('q'), text);
  assert.ok(!page.searches.at(-1).has('partial'), 'a picked completion is a submitted search');
  // Escape closes the list and leaves the text alone; clicking an option picks it.
  await page.locator('#q').pressSequentially(' teams sig', { delay: 20 });
  await page.waitForSelector('#completions [role=option]');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#completions').isHidden(), true);
  assert.equal(await page.inputValue('#q'), `${text} teams sig`);
  await page.locator('#q').pressSequentially('n', { delay: 20 });
  const option = page.locator('#completions [role=option]').first();
  await option.waitFor();
  const clicked = await option.getAttribute('data-text');
  await option.click();
  await resultsFor(page, clicked);
  assert.equal(await page.inputValue('#q'), clicked);
  assert.deepEqual(page.errors, []);
});

test('keyboard from the search box: ArrowDown reaches the first result, Enter opens it, ArrowUp returns', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.fill('#q', 'teams sign in');
  await page.press('#q', 'Enter');
  await resultsFor(page, 'teams sign in');
  const ids = await hitIds(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'hit-0');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#thread').open && document.querySelector('#thread-title').textContent !== 'Loading…');
  assert.equal(new URL(page.url()).searchParams.get('thread'), ids[0], 'Enter opens the first result');
  const title = await page.locator('#thread-title').textContent();
  assert.equal(title, await page.locator('#hit-0 h3').textContent());
  await shot(page, 'thread');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#thread').open);
  assert.doesNotMatch(page.url(), /thread=/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'hit-1');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'ArrowUp from the first result returns to the box');
  // "/" focuses the box from anywhere outside a field.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  assert.deepEqual(page.errors, []);
});

test('Ctrl+K or Cmd+K reaches the search box from anywhere, and every view has a level-one heading', async () => {
  const page = await newPage();
  await page.goto(base + '/?view=write');
  assert.equal(await page.locator('#view-write h1').count(), 1);
  await page.locator('#w-body').click();
  await page.keyboard.press('Control+K');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'q');
  assert.ok(await page.locator('#view-search').isVisible(), 'the search view is shown');
  for (const view of ['search', 'moderate', 'write']) {
    await page.goto(base + `/?view=${view}`);
    assert.equal(await page.locator(`#view-${view} h1`).count(), 1, `${view} has an h1`);
  }
  await page.goto(base + '/?q=outlook');
  await resultsFor(page, 'outlook');
  await page.locator('#results .hit').first().focus();
  await page.keyboard.press('Meta+K');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'q');
  assert.deepEqual(page.errors, []);
});

test('a thread without a title still gets a card with a link, named by its first words', async () => {
  const page = await newPage();
  // The server's own answer, with the first hit's title taken away.
  await page.route('**/api/search?*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    if (body.hits && body.hits[0]) { body.hits[0].title = ''; body.hits[0].title_html = ''; }
    await route.fulfill({ response, json: body });
  });
  await page.goto(base + '/?q=' + encodeURIComponent('outlook password'));
  await resultsFor(page, 'outlook password');
  const link = page.locator('#results .hit').first().locator('h3 a');
  const text = (await link.textContent()).trim();
  assert.ok(text.split(/\s+/).length >= 3 && !/^Thread /.test(text), `fallback title: ${text}`);
  assert.match(await link.getAttribute('href'), /\?thread=/);
  await link.click();
  await page.waitForFunction(() => document.querySelector('#thread').open);
  assert.deepEqual(page.errors, []);
});

// WCAG contrast of each visible element's text on the first opaque background behind it.
function lowContrast(page, selectors) {
  return page.evaluate((selectors) => {
    const parse = (c) => { const [r, g, b, a = 1] = c.match(/rgba?\(([^)]+)\)/)[1].split(',').map(Number); return { r, g, b, a }; };
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    const luminance = ({ r, g, b }) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const backgroundOf = (node) => {
      for (let n = node; n; n = n.parentElement) { const c = parse(getComputedStyle(n).backgroundColor); if (c.a > 0.5) return c; }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const low = [];
    for (const selector of selectors) {
      const nodes = [...document.querySelectorAll(selector)].filter((n) => n.getClientRects().length && n.textContent.trim());
      if (!nodes.length) low.push(`${selector}: none shown`);
      for (const node of nodes.slice(0, 5)) {
        const [a, b] = [luminance(parse(getComputedStyle(node).color)), luminance(backgroundOf(node))].sort((x, y) => y - x);
        const ratio = (a + 0.05) / (b + 0.05);
        if (ratio < 4.5) low.push(`${selector} ${ratio.toFixed(2)}:1 (${getComputedStyle(node).color})`);
      }
    }
    return low;
  }, selectors);
}

test('light and dark: the page follows the system colour scheme, and its text keeps 4.5:1 contrast', async () => {
  const selectors = ['.tabs button', '.facets h2', '#count', '.facets button', '.hit h3 a', '.meta .chip', '.chip.code',
    '.snippet', 'mark', '.answer .text', '.badge', '.similar-toggle'];
  for (const scheme of ['light', 'dark']) {
    const page = await newPage({ colorScheme: scheme });
    await page.goto(base + '/?q=' + encodeURIComponent('teams camera not working'));
    await resultsFor(page, 'teams camera not working');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(background, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(246, 248, 250)', scheme);
    assert.deepEqual(await lowContrast(page, selectors), [], `${scheme} contrast`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `search-${scheme}`);
    await page.goto(base + '/?view=moderate&q=' + encodeURIComponent('error 500121 authenticator'));
    await page.waitForSelector('#m-answer .canonical');
    await page.waitForSelector('#m-best li');
    assert.deepEqual(await lowContrast(page, ['#m-answer .canonical', '#m-answer .badge', '#m-more li', '#m-best .answer .text', '#m-best .badge']),
      [], `${scheme} moderators`);
    await shot(page, `moderate-${scheme}`);
    assert.deepEqual(page.errors, []);
  }
});

test('a slow search shows that it is loading: aria-busy and placeholders, not the welcome screen', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/api/search?*', async (route) => { await held; await route.continue(); });
  await page.locator('#q').fill('outlook password');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#results .skeleton', { timeout: 1000 });
  assert.equal(await page.locator('#results').getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('#welcome').isVisible(), false, 'the welcome screen is gone');
  await shot(page, 'loading');
  release();
  await resultsFor(page, 'outlook password');
  assert.equal(await page.locator('#results').getAttribute('aria-busy'), null);
  assert.equal(await page.locator('#results .skeleton').count(), 0);
  assert.ok(await page.locator('#results .hit').count() > 0);
  assert.deepEqual(page.errors, []);
});

test('tabs follow the ARIA pattern: arrows, Home and End reach every view', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  // The page puts the cursor in the search box once its settings have come (/api/config); a
  // focus moved before that would be taken back.
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'q');
  await page.focus('#tab-search');
  const selected = () => page.evaluate(() => [document.activeElement.id,
    document.querySelector('[role=tab][aria-selected=true]').id,
    ['search', 'moderate', 'write'].filter((v) => !document.getElementById(`view-${v}`).hidden).join()]);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await selected(), ['tab-moderate', 'tab-moderate', 'moderate']);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await selected(), ['tab-write', 'tab-write', 'write']);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await selected(), ['tab-search', 'tab-search', 'search']);
  await page.keyboard.press('End');
  assert.deepEqual(await selected(), ['tab-write', 'tab-write', 'write']);
  await page.keyboard.press('Home');
  assert.deepEqual(await selected(), ['tab-search', 'tab-search', 'search']);
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await selected(), ['tab-write', 'tab-write', 'write']);
  assert.match(page.url(), /view=write/);
  const tabStops = await page.$$eval('[role=tab]', (n) => n.filter((t) => t.tabIndex === 0).map((t) => t.id));
  assert.deepEqual(tabStops, ['tab-write'], 'one tab stop: the selected tab');
});

test('the product filter narrows the results and "All products" restores them', async () => {
  const page = await newPage();
  await page.goto(base + '/?q=' + encodeURIComponent('error sign in'));
  await resultsFor(page, 'error sign in');
  const total = await shownCount(page);
  const all = page.locator('#facets button', { hasText: 'All products' });
  assert.equal(await all.getAttribute('aria-pressed'), 'true');
  const facet = page.locator('#facets button[data-product*="Teams"]').first();
  const expected = Number(await facet.locator('.count').textContent());
  const productCount = await page.locator('#facets button[data-product]:not([data-product=""])').count();
  assert.ok(expected > 0 && expected < total, `Teams ${expected} of ${total}`);
  await facet.click();
  await page.waitForFunction(() => /Teams/.test(document.querySelector('#status').textContent));
  assert.equal(await shownCount(page), expected, 'the count drops to the facet count');
  assert.equal(await page.locator('#results .hit').count(), Math.min(expected, 10));
  const products = await page.$$eval('#results .hit .chip.product', (n) => n.map((x) => x.textContent));
  assert.ok(products.length > 0 && products.every((p) => p.includes('Teams')), products.join(','));
  assert.equal(await page.locator('#facets button[data-product*="Teams"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await all.getAttribute('aria-pressed'), 'false');
  assert.match(page.url(), /product=/);
  // Facets are counted without the product choice: every product stays listed to switch to.
  assert.equal(await page.locator('#facets button[data-product]:not([data-product=""])').count(), productCount,
    'all products stay listed while one is selected');
  await all.click();
  await page.waitForFunction(() => !/ in /.test(document.querySelector('#status').textContent));
  assert.equal(await shownCount(page), total);
  assert.doesNotMatch(page.url(), /product=/);
  assert.deepEqual(page.errors, []);
});

test('a misspelt word among correct ones is searched as its correction, and the page says so', async () => {
  const page = await newPage();
  await page.goto(base + '/?q=' + encodeURIComponent('outlook pasword prompt'));
  await page.waitForFunction(() => /Showing results for/.test(document.querySelector('#notice').textContent));
  assert.equal(await page.locator('#notice a').textContent(), 'outlook password prompt');
  const titles = await page.$$eval('#results .hit h3', (n) => n.slice(0, 3).map((x) => x.textContent));
  assert.ok(titles.some((t) => /password/i.test(t)), `a password thread on top: ${titles}`);
  assert.ok(await page.locator('#results .hit mark', { hasText: /^password$/i }).count() > 0, 'the correction is highlighted');
  // Gibberish is not "corrected" into a match.
  await page.goto(base + '/?q=' + encodeURIComponent('xyzzy plugh'));
  await page.waitForSelector('#empty:not([hidden])');
  assert.ok(await page.locator('#notice').isHidden());
  assert.deepEqual(page.errors, []);
});

test('a query with a known error code gets its card: the code, its threads and products, the answer to copy', async () => {
  const page = await newPage();
  const q = 'error 500121 authenticator';
  await page.goto(base + '/?q=' + encodeURIComponent(q));
  await resultsFor(page, q);
  const card = page.locator('#code-card');
  assert.ok(await card.isVisible(), 'the code card shows');
  const api = (await getJson('/api/search?q=' + encodeURIComponent(q))).body.code_card;
  assert.equal(api.code, 'AADSTS500121');
  assert.ok(api.threads >= 2 && api.products.length >= 1 && api.thread.answer, JSON.stringify(api).slice(0, 200));
  assert.equal(await card.locator('h2 .chip.code').textContent(), 'AADSTS500121');
  assert.match(await card.locator('h2').textContent(), new RegExp(`${api.threads} threads`));
  assert.equal(await card.locator('.from a').textContent(), api.thread.title);
  // Above the results, before the first card.
  const [cardBox, firstHit] = [await card.boundingBox(), await page.locator('#results .hit').first().boundingBox()];
  assert.ok(cardBox.y + cardBox.height <= firstHit.y, 'the card comes before the results');
  await card.locator('button.copy').click();
  await page.waitForFunction(() => /Copied/.test(document.querySelector('#code-card .copied').textContent));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.length > 40, `copied: ${copied.slice(0, 80)}`);
  assert.equal(copied, api.thread.answer.copy, 'the page copies the server\'s copy text, unchanged');
  assert.doesNotMatch(copied, /\[(email|name|phone)\]/);
  await shot(page, 'code-card');
  // Words alone, or a code no thread has: no card.
  await page.goto(base + '/?q=' + encodeURIComponent('outlook password'));
  await resultsFor(page, 'outlook password');
  assert.ok(await card.isHidden());
  assert.equal((await getJson('/api/search?q=0x80071234')).body.code_card, null);
  assert.deepEqual(page.errors, []);
});

test('a product filter that names no product says which products exist, nearest first', async () => {
  const page = await newPage();
  await page.goto(base + '/?q=' + encodeURIComponent('password product:outlok'));
  await page.waitForFunction(() => /No product “outlok”/.test(document.querySelector('#notice').textContent));
  const hints = await page.$$eval('#notice a.product-hint', (n) => n.map((a) => a.textContent));
  assert.ok(hints.length >= 1 && hints[0].endsWith('outlook'), `nearest: ${hints}`);
  await page.locator('#notice a.product-hint').first().click();
  await page.waitForFunction((key) => new URLSearchParams(location.search).get('q') === `password product:${key}`, hints[0]);
  await resultsFor(page, `password product:${hints[0]}`);
  assert.ok(await shownCount(page) > 0);
  assert.ok(await page.locator('#notice').isHidden());
  assert.deepEqual(page.errors, []);
});

test('sort by newest and accepted answers only: the cards follow, the URL keeps both, dates on every card', async () => {
  const page = await newPage();
  const q = 'error';
  await page.goto(base + '/?q=' + q);
  await resultsFor(page, q);
  const total = await shownCount(page);
  const dates = () => page.$$eval('#results .hit', (n) => n.map((x) => x.querySelector('time.date')?.getAttribute('datetime') || ''));
  assert.ok((await dates()).every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)), `a date on every card: ${await dates()}`);
  await page.selectOption('#sort', 'newest');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'newest');
  // The status reads the same before and after (same query): the new order is what to wait for.
  await page.waitForFunction(() => {
    const d = [...document.querySelectorAll('#results .hit')].map((x) => x.querySelector('time.date')?.getAttribute('datetime') || '');
    return d.length > 0 && d.every((v, i) => i === 0 || d[i - 1] >= v);
  }).catch(async () => assert.fail(`newest first: ${await dates()}`));
  const newest = await dates();
  assert.deepEqual(newest, [...newest].sort().reverse(), `newest first: ${newest}`);
  assert.equal(await shownCount(page), total, 'the order changes, not the matches');
  assert.equal(page.searches.at(-1).get('sort'), 'newest');

  await page.check('#accepted-only');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('accepted') === '1');
  const accepted = await getJson(`/api/search?q=${q}&sort=newest&accepted=1`);
  // Again the status names the same query: the new count is what to wait for.
  await page.waitForFunction((n) => (document.querySelector('#count').textContent || '').startsWith(`${n} result`),
    accepted.body.total).catch(() => {});
  await resultsFor(page, q);
  assert.ok(accepted.body.total > 0 && accepted.body.total < total, `accepted ${accepted.body.total} of ${total}`);
  assert.equal(await shownCount(page), accepted.body.total);
  assert.deepEqual(await hitIds(page), accepted.body.hits.map((h) => h.id));
  await shot(page, 'search-newest-accepted');

  // A shared link restores both controls.
  const again = await newPage();
  await again.goto(page.url());
  await resultsFor(again, q);
  assert.equal(await again.locator('#sort').inputValue(), 'newest');
  assert.ok(await again.locator('#accepted-only').isChecked());
  assert.deepEqual(await hitIds(again), await hitIds(page));
  // With nothing accepted to show, the empty state offers to drop the filter.
  await again.goto(base + '/?q=zzqqxx&accepted=1');
  await again.locator('#empty button', { hasText: 'Include unaccepted answers' }).click();
  await again.waitForFunction(() => !new URLSearchParams(location.search).has('accepted'));
  assert.ok(!(await again.locator('#accepted-only').isChecked()));
  assert.deepEqual(page.errors, []);
  assert.deepEqual(again.errors, []);
});

test('moderators: the first answered thread, copy puts its canonical answer on the clipboard', async () => {
  const page = await newPage();
  await page.goto(base + '/?view=moderate');
  await page.fill('#mq', '500121 authenticator');
  await page.click('#moderate-form button[type=submit]');
  await page.waitForSelector('#copy');
  const id = await page.locator('#m-answer .canonical').getAttribute('data-id');
  const thread = (await getJson(`/api/threads/${id}`)).body;  // fetched independently of the page
  const canonical = thread.answers.find((a) => a.canonical).text;
  const searched = (await getJson('/api/search?q=' + encodeURIComponent('500121 authenticator'))).body.hits.find((h) => h.id === id);
  assert.equal(searched.answer.text, canonical, 'search and thread APIs agree on the canonical answer');
  const copy = thread.answers.find((a) => a.canonical).copy;
  assert.equal(searched.answer.copy, copy, 'search and thread APIs agree on the copy text');
  await page.click('#copy');
  await page.waitForSelector('text=Copied');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, copy);
  assert.ok(clip.length > 100);
  assert.doesNotMatch(clip, /Was this answer helpful|Accept Answer|User's image/);
  assert.doesNotMatch(clip, /^\s*(Welcome to Microsoft Q&A|Thank you for posting)/im, 'no forum boilerplate lines');
  assert.match(await page.locator('#m-answer .why-full').textContent(), /Chosen because: .{8,}/);
  await shot(page, 'moderators');
  // Each other thread with the code has its own copy button, copying its own answer.
  const related = page.locator('#m-more .m-related li');
  assert.ok(await related.count() > 0, 'other threads with this code');
  const other = page.locator('#m-more .m-related li:has(button.copy)').first();
  const otherId = await other.getAttribute('data-id');
  await other.locator('button.copy').click();
  await other.locator('text=Copied').waitFor();
  const otherThread = (await getJson(`/api/threads/${otherId}`)).body;
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), otherThread.answers.find((a) => a.canonical).copy);
  assert.deepEqual(page.errors, []);
});

test('removed personal data shows as a neutral marker; the page copies the server\'s copy text and nothing else', async () => {
  const page = await newPage();
  const answer = 'Reset the app, then sign in again.\n\nIf it still fails, call [phone] or write to [email] ([email]), '
    + 'quoting case [case number].\nThanks, [name]';
  // The copy text is the server's: whatever it says is what lands on the clipboard, byte for byte.
  const copy = 'Reset the app, then sign in again.\n\n    Rename .docx to .zip; call acquire_token() — " * : < > ? / \\ |';
  await page.route('**/api/search?*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const hit of body.hits) if (hit.answer) Object.assign(hit.answer, { text: answer, copy });
    await route.fulfill({ response, json: body });
  });
  await page.goto(base + '/?view=moderate');
  await page.fill('#mq', '500121 authenticator');
  await page.click('#moderate-form button[type=submit]');
  await page.waitForSelector('#copy');
  // Shown: each placeholder is one marker; the words around it stay.
  assert.equal(await page.locator('#m-text .redacted').count(), 5);
  const shown = await page.locator('#m-text').textContent();
  assert.doesNotMatch(shown, /\[(phone|email|name|case number)\]/);
  assert.match(shown, /call removed or write to removed/);
  await page.click('#copy');
  await page.waitForSelector('text=Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), copy);
  await shot(page, 'moderators-redacted');
  assert.deepEqual(page.errors, []);
});

test('the page marks the placeholders the server lists in /api/config, and no others', async () => {
  const page = await newPage();
  // A list of the server's own: the page holds none of its own.
  await page.route('**/api/config', (route) => route.fulfill({ json: { ask_url: null, placeholders: ['[zz removed]'] } }));
  await page.route('**/api/search?*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const hit of body.hits) if (hit.answer) Object.assign(hit.answer, { text: 'Call [zz removed], not [email].', copy: 'Call us.' });
    await route.fulfill({ response, json: body });
  });
  await page.goto(base + '/?view=moderate&q=' + encodeURIComponent('500121 authenticator'));
  await page.waitForSelector('#copy');
  assert.equal(await page.locator('#m-text .redacted').count(), 1);
  assert.match(await page.locator('#m-text').textContent(), /Call removed, not \[email\]\./);
  assert.deepEqual(page.errors, []);
});

test('the thread dialog copies its best answer: a button and C, the server\'s copy text without placeholders', async () => {
  const page = await newPage();
  // corpus/ holds no canonical answer with removed data any more (the scrubber keeps labels), so
  // the server's thread is given one here: the dialog must copy the server's `copy`, not the text.
  const best = (await getJson('/api/threads/excel-05')).body.answers.find((a) => a.canonical);
  assert.equal(best.copy, best.text, 'a canonical answer with nothing removed copies as stored');
  const text = 'Paste as text only: Keep Text Only.\n\nIf it is still slow, call [phone] or write to [email].';
  const copy = 'Paste as text only: Keep Text Only.';
  await page.route('**/api/threads/excel-05', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const a of body.answers) if (a.canonical) Object.assign(a, { text, copy });
    await route.fulfill({ response, json: body });
  });
  best.copy = copy;
  await page.goto(base + '/?thread=excel-05');
  const button = page.locator('#thread .post.is-canonical button#thread-copy');
  await button.waitFor();
  assert.equal(await button.getAttribute('aria-keyshortcuts'), 'C');
  await button.click();
  await page.locator('#thread .post.is-canonical .copied', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), best.copy);
  await shot(page, 'thread-copy');
  // C copies too, with focus anywhere in the dialog but a text field.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator('#thread-close').focus();
  await page.keyboard.press('c');
  await page.waitForFunction(async (want) => (await navigator.clipboard.readText()) === want, best.copy);
  assert.equal(await page.locator('#thread').evaluate((d) => d.open), true, 'the dialog stays open');
  // An answer without removed data copies byte for byte as stored.
  const plain = (await getJson('/api/threads/excel-07')).body.answers.find((a) => a.canonical);
  assert.equal(plain.copy, plain.text);
  assert.deepEqual(page.errors, []);
});

test('moderators: C or Ctrl+Enter copies the top answer without reaching for the button', async () => {
  const page = await newPage();
  const q = '500121 authenticator';
  await page.goto(base + '/?view=moderate');
  await page.fill('#mq', q);
  // Ctrl+Enter from the search box: searches, then copies what it found.
  await page.press('#mq', 'Control+Enter');
  await page.waitForSelector('#copy');
  await page.locator('#m-answer .copied', { hasText: 'Copied' }).waitFor();
  const id = await page.locator('#m-answer .canonical').getAttribute('data-id');
  const copy = (await getJson(`/api/threads/${id}`)).body.answers.find((a) => a.canonical).copy;
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), copy);
  assert.equal(await page.locator('#mq').evaluate((n) => n === document.activeElement), true, 'focus stays in the box');
  // The hint is shown and tied to the button.
  assert.equal(await page.locator('#copy').getAttribute('aria-describedby'), 'copy-keys');
  assert.match(await page.locator('#copy-keys').textContent(), /C.*Ctrl.*Enter/);
  // C, once focus has left the text field; typing a c in the box types it.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator('#m-answer h2 a').focus();
  await page.keyboard.press('c');
  await page.waitForFunction(async (want) => (await navigator.clipboard.readText()) === want, copy);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.focus('#mq');
  await page.keyboard.press('End');
  await page.keyboard.type(' c');
  assert.equal(await page.inputValue('#mq'), `${q} c`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '');
  assert.deepEqual(page.errors, []);
});

test('the code card says what holds under the filters, and offers the code without them', async () => {
  const page = await newPage();
  const q = 'code:0x80070005 product:outlook "send receive"';
  const api = (await getJson('/api/search?q=' + encodeURIComponent(q))).body;
  assert.equal(api.total, 0, 'the premise: the filters empty the list');
  const card = api.code_card;
  assert.ok(card && card.thread === null && card.matching === 0 && card.threads > 0, JSON.stringify(card));
  assert.equal(card.answered, card.threads, 'every thread with the code is answered');
  await page.goto(base + '/?q=' + encodeURIComponent(q));
  await page.waitForSelector('#code-card .status-line');
  const said = await page.locator('#code-card .status-line').textContent();
  assert.doesNotMatch(said, /has an answer yet/);
  assert.match(said, new RegExp(`No thread with this code matches .*product:outlook.* ${card.threads} threads with this code, all answered`));
  await shot(page, 'code-card-filtered');
  await page.locator('#code-card a.code-alone').click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '0x80070005');
  await page.waitForSelector('#code-card button.copy');
  assert.ok(await page.locator('#results .hit').count() > 0);
  // With an answered match under the filters, the card counts nothing more.
  const none = (await getJson('/api/search?q=' + encodeURIComponent('0x80070005'))).body.code_card;
  assert.equal(none.answered, null, 'counted only when the card has no thread');
  assert.deepEqual(page.errors, []);
});

test('moderators: the best answers across threads, below the lists, each Copy puts exactly its API copy on the clipboard', async () => {
  const page = await newPage();
  // A query whose best answers include one that is not its thread's canonical answer.
  const q = 'slmgr /ato fails with 80070005 access denied';
  const api = (await getJson('/api/answers?' + new URLSearchParams({ q, limit: '5' }))).body;  // independently of the page
  assert.ok(api.answers.length >= 3 && api.threads >= 2, `the premise: answers from several threads: ${JSON.stringify(api).slice(0, 300)}`);
  await page.goto(base + '/?view=moderate&q=' + encodeURIComponent(q));
  await page.waitForSelector('#m-best li');
  assert.equal(await page.locator('#m-best h3').textContent(), 'Best answers across threads');
  // The API's answers, in its order, each under its thread's title.
  const items = page.locator('#m-best li');
  const listed = await items.evaluateAll((n) => n.map((x) => `${x.dataset.id}/${x.dataset.index}`));
  assert.deepEqual(listed, api.answers.map((a) => `${a.thread.id}/${a.answer.index}`));
  for (const [i, a] of api.answers.entries()) {
    const item = items.nth(i);
    assert.equal(await item.locator('.compact-main > a').textContent(), a.thread.title);
    assert.ok(await item.locator('.badge', { hasText: a.answer.ai ? 'AI-generated' : a.answer.role_name }).count() === 1, `role badge of ${listed[i]}`);
    assert.equal(await item.locator('.badge', { hasText: 'Canonical' }).count(), a.canonical ? 1 : 0, `canonical badge of ${listed[i]}`);
    assert.equal((await item.locator('.answer .text').textContent()).trim(), a.answer.text.trim());
  }
  // Below the view's own lists.
  const [more, best] = [await page.locator('#m-more').boundingBox(), await page.locator('#m-best').boundingBox()];
  assert.ok(more.height > 0 && best.y >= more.y + more.height, 'the section comes after the other threads');
  // A non-canonical answer's Copy: its own copy text, not its thread's canonical one.
  const other = api.answers.findIndex((a) => !a.canonical);
  assert.ok(other >= 0, 'the premise: a listed answer that is not its thread\'s canonical one');
  for (const i of [0, other]) {
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await items.nth(i).locator('button.copy').click();
    await items.nth(i).locator('.copied', { hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), api.answers[i].answer.copy, `copy of ${listed[i]}`);
  }
  await shot(page, 'moderators-best-answers');
  // The title opens its thread.
  await items.nth(other).locator('.compact-main > a').click();
  await page.waitForFunction((id) => new URLSearchParams(location.search).get('thread') === id, api.answers[other].thread.id);
  assert.equal(await page.locator('#thread-title').textContent(), api.answers[other].thread.title);
  assert.deepEqual(page.errors, []);

  // The page copies the server's `copy` byte for byte and shows `text` with its markers: no clean-up of its own.
  const routed = await newPage();
  const text = 'Turn off hardware acceleration.\n\nStill failing? Mail [email] or call [phone].';
  const copy = 'Turn off hardware acceleration.\n\n    Run msedge.exe --disable-gpu; then "edge://settings" — * : < > ? / \\ |';
  await routed.route('**/api/answers?*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    Object.assign(body.answers[0].answer, { text, copy });
    await route.fulfill({ response, json: body });
  });
  await routed.goto(base + '/?view=moderate&q=' + encodeURIComponent(q));
  const first = routed.locator('#m-best li').first();
  await first.waitFor();
  assert.equal(await first.locator('.redacted').count(), 2);
  await first.locator('button.copy').click();
  await first.locator('.copied', { hasText: 'Copied' }).waitFor();
  assert.equal(await routed.evaluate(() => navigator.clipboard.readText()), copy);
  assert.deepEqual(routed.errors, []);

  // When the answers cannot be had, the section says so and the canonical answer is there to copy.
  const failing = await newPage();
  await failing.route('**/api/answers?*', (route) => route.fulfill({ status: 503,
    json: { error: { code: 'overloaded', message: 'every worker is busy', link: '/api/errors#overloaded' } } }));
  await failing.goto(base + '/?view=moderate&q=' + encodeURIComponent(q));
  await failing.locator('#m-best', { hasText: 'Best answers across threads could not be loaded: Every worker is busy.' }).waitFor();
  assert.ok(await failing.locator('#copy').isVisible());
  assert.equal(await failing.locator('#m-best li').count(), 0);
  assert.deepEqual(failing.errors, []);
});

test('moderators: a best match without an answer is skipped, lists do not repeat threads', async () => {
  const page = await newPage();
  await page.goto(base + '/?view=moderate&q=c004f074');
  await page.waitForSelector('#m-answer .canonical');
  const top = (await getJson('/api/search?q=c004f074&collapse=0')).body.hits;
  assert.equal(top[0].answer, null, 'the premise: the best match has no answer');
  const id = await page.locator('#m-answer .canonical').getAttribute('data-id');
  assert.equal(id, top.find((h) => h.answer).id);
  assert.ok(await page.locator('#copy').isVisible());
  const related = await page.$$eval('#m-more .m-related li', (n) => n.map((x) => x.dataset.id));
  const next = await page.$$eval('#m-more .m-next li', (n) => n.map((x) => x.dataset.id));
  assert.ok(related.includes(top[0].id), `related: ${related}`);
  const listed = [id, ...related, ...next];
  assert.equal(new Set(listed).size, listed.length, `no thread twice: ${listed}`);
  assert.equal(await page.locator('#m-more .m-related li:not(:has(button.copy))', { hasText: 'No answer yet' }).count(), 1);
});

test('the writers view finds the duplicate of a pasted draft and says when nothing is similar', async () => {
  const page = await newPage();
  await page.goto(base + '/?view=write');
  await page.fill('#w-title', 'OneDrive has said Processing changes for days and my new files never upload');
  await page.fill('#w-body', [
    'Hello, I hope someone can help me with OneDrive on my Windows laptop. For about four days now the OneDrive icon in the',
    'taskbar keeps showing the little spinning arrows and the panel says it is processing changes. Nothing seems to finish.',
    'When I save new documents into my Documents or Desktop folder they do not appear on the OneDrive website, and my other',
    'computer does not get them either. I have a lot of files, maybe fifty thousand photos plus old work folders from',
    'university, and there is still plenty of free space in my plan, so I do not think storage is the issue.\n\n',
    'What I have already tried: I paused syncing for two hours and resumed it, I restarted the laptop several times, and I',
    'signed out and back in to the OneDrive app. None of this changed anything, the status still says processing changes and',
    'the number of pending items barely moves. I also checked that I am connected to the internet and other apps work fine.\n\n',
    'Should I simply wait longer because of the number of files, or is something stuck? Are there certain files that can',
    'block the sync, for example files with long names, strange characters or files that are open in another program? Is',
    'there a safe way to reset OneDrive without losing my files, and how long would it take to rebuild everything',
    'afterwards? I would prefer not to delete anything. Thanks in advance for any advice.',
  ].join(' '));
  assert.ok(Number((await page.locator('#w-count').textContent()).split(' ')[0]) > 200, 'a draft of a few hundred words');
  await page.click('#write-form button[type=submit]');
  await page.waitForSelector('#w-results .likely .hit');
  const ids = await page.$$eval('#w-results .hit', (n) => n.map((x) => x.dataset.id));
  assert.ok(['onedrive-02', 'onedrive-05'].includes(ids[0]), `first: ${ids}`);
  assert.match(await page.locator('#w-results .reasons').first().textContent(), /Why: .*shared words/);
  assert.match(await page.locator('#w-results .score').first().textContent(), /^\d+%$/);
  const percents = await page.$$eval('#w-results .hit', (n) => n.map((x) => Number(x.dataset.percent)));
  assert.ok(percents.every((p) => p >= 25), `weak matches hidden: ${percents}`);
  await page.locator('#w-title').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.querySelector('#write-form .row').getBoundingClientRect().top + window.scrollY - 80));
  await shot(page, 'writers');
  // Under likely duplicates, and in the empty state below, the way on is the community's own page.
  assert.equal(await page.locator('#w-results .w-post a').getAttribute('href'), ASK_URL);
  // Nothing similar: a clear empty state instead of weak matches.
  await page.fill('#w-title', 'my cat likes tuna');
  await page.fill('#w-body', 'what food brand is best for a cat that is old');
  await page.click('#write-form button[type=submit]');
  await page.waitForSelector('#w-results .w-empty');
  assert.match(await page.locator('#w-results .w-empty h2').textContent(), /No similar threads found/);
  assert.equal(await page.locator('#w-results .likely').count(), 0);
  const ask = page.locator('#w-results .w-empty a.ask');
  assert.equal(await ask.getAttribute('href'), ASK_URL);
  assert.equal(await ask.getAttribute('rel'), 'noopener');
  assert.deepEqual(page.errors, []);
});

test('the writers view never lets an old answer overwrite a newer draft', async () => {
  const page = await newPage();
  await page.goto(base + '/?view=write');
  // Hold the first draft's answer back until the second draft's answer has been shown.
  let release;
  const held = new Promise((ok) => { release = ok; });
  let first = true;
  await page.route('**/api/similar', async (route) => {
    if (first) { first = false; const response = await route.fetch(); await held; await route.fulfill({ response }).catch(() => {}); }
    else await route.continue();
  });
  await page.fill('#w-title', 'Excel freezes when I copy and paste cells');
  await page.click('#write-form button[type=submit]');
  await page.fill('#w-title', 'Edge crashes with STATUS_ACCESS_VIOLATION');
  await page.click('#write-form button[type=submit]');
  await page.waitForSelector('#w-results .hit');
  release();
  await page.waitForTimeout(300);
  const ids = await page.$$eval('#w-results .hit', (n) => n.map((x) => x.dataset.id));
  assert.ok(ids[0].startsWith('edge-'), `shown: ${ids}`);
});

test('a bad query shows a helpful message, not a broken page, and a lone quote does not flash one', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.fill('#q', 'x'.repeat(3000));
  await page.press('#q', 'Enter');
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.locator('#error').textContent(), /limit is 2048.*Try a shorter search/);
  await page.fill('#q', '((');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => /no words/i.test(document.querySelector('#error').textContent));
  assert.match(await page.locator('#error').textContent(), /Try some words or an error code/);
  assert.equal(await page.locator('#facets-box').isHidden(), true, 'no empty Product heading');
  // Mid-typing an opening quote: no error flashes.
  await page.fill('#q', '');
  await page.locator('#q').pressSequentially('"', { delay: 20 });
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#error').isHidden(), true, 'no error while typing a quote');
  await page.locator('#q').pressSequentially('sign in', { delay: 20 });
  await resultsFor(page, '"sign in');
  assert.equal(await page.locator('#error').isHidden(), true);
  // Half a code after code: is not an error while it is typed; the results stay; Enter says why.
  await page.fill('#q', '');
  await page.locator('#q').pressSequentially('outlook', { delay: 20 });
  await resultsFor(page, 'outlook');
  await page.locator('#q').pressSequentially(' code:0x80', { delay: 20 });
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#error').isHidden(), true, 'no error while typing a code');
  assert.ok(await page.locator('#results .hit').count() > 0, 'the results stay while typing');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => /not an error code/i.test(document.querySelector('#error').textContent));
  // The empty state.
  await page.fill('#q', 'xylophone quartet');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#empty:not([hidden]) h2');
  assert.match(await page.locator('#empty h2').textContent(), /No answers for “xylophone quartet”/);
  assert.equal(await page.locator('#facets-box').isHidden(), true, 'no empty Product heading');
  assert.equal(await page.locator('#count').isHidden(), true);
  await shot(page, 'empty');
  await page.fill('#q', 'excel');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#results .hit');
  assert.equal(await page.locator('#error').isHidden(), true);
  assert.deepEqual(page.errors, []);
});

test('markup in a title or snippet other than <mark> is shown as text, never run', async () => {
  const page = await newPage();
  // The real answer for the query, with hostile markup put into the fields the page renders.
  let plainTitle = '';
  await page.route('**/api/search?*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    plainTitle = body.hits[0].title;
    body.hits[0].title_html = 'Click <img src=x onerror="window.owned=1"> here';
    body.hits[0].snippet = '<script>window.owned=2</script><mark>outlook</mark>';
    await route.fulfill({ response, json: body });
  });
  await page.goto(base + '/?q=outlook');
  await page.waitForSelector('#results .hit');
  assert.equal(await page.locator('#results img, #results script').count(), 0);
  assert.equal(await page.evaluate(() => window.owned), undefined);
  // The title falls back to its plain text; the snippet shows its markup as text.
  assert.equal(await page.locator('#results .hit h3').first().textContent(), plainTitle);
  assert.match(await page.locator('#results .hit .snippet').first().textContent(), /<script>/);
});

test('Back restores the previous search', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.fill('#q', 'onedrive');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#results .hit');
  await page.fill('#q', 'excel');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => location.search.includes('q=excel'));
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#q').value === 'onedrive');
  await page.waitForFunction(() => [...document.querySelectorAll('#results .hit')].some((n) => n.dataset.id.startsWith('onedrive-')));
  // A thread opened and closed leaves no history behind: one Back goes to the search before.
  const depth = await page.evaluate(() => history.length);
  await page.locator('#results .hit h3 a').nth(1).click();
  await page.waitForSelector('#thread[open]');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#thread').open && !location.search.includes('thread='));
  await page.goBack();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.querySelector('#thread').open), false, 'Back does not reopen the thread');
  assert.ok(await page.evaluate(() => history.length) >= depth);
  // A search made in the moderators' view shows in the search box when the Search tab is back.
  await page.goto(base + '/?q=onedrive');
  await page.waitForSelector('#results .hit');
  await page.click('#tab-moderate');
  await page.fill('#mq', 'excel freezes');
  await page.press('#mq', 'Enter');
  await page.waitForFunction(() => location.search.includes('excel'));
  await page.click('#tab-search');
  await resultsFor(page, 'excel freezes');
  assert.equal(await page.inputValue('#q'), 'excel freezes');
  assert.deepEqual(page.errors, []);
});

// Cards wholly on screen at the top of the results, and whether each shows its answer preview.
const cardsOnScreen = (page) => page.evaluate(() => {
  window.scrollTo(0, 0);
  return [...document.querySelectorAll('#results .hit')].filter((n) => n.getBoundingClientRect().bottom <= innerHeight)
    .map((n) => {
      const text = n.querySelector('.answer .text');
      return { id: n.dataset.id, preview: text ? text.getBoundingClientRect().height >= parseFloat(getComputedStyle(text).lineHeight) * 2 - 1 : !!n.querySelector('.no-answer') };
    });
});
test('dense results: four whole cards on a 1280x900 screen and two on a phone, each with its answer preview', async () => {
  for (const [viewport, least, name] of [[{ width: 1280, height: 900 }, 4, 'search-dense'], [{ width: 390, height: 844 }, 2, 'phone-dense']]) {
    const page = await newPage({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
    await page.goto(base + '/?q=' + encodeURIComponent('outlook cannot connect to server'));
    await resultsFor(page, 'outlook cannot connect to server');
    await page.locator('#q').blur();
    const cards = await cardsOnScreen(page);
    await shot(page, name);
    assert.ok(cards.length >= least, `${viewport.width}px: ${cards.length} whole cards on screen`);
    assert.ok(cards.every((c) => c.preview), `${viewport.width}px: every card keeps a two-line answer preview: ${JSON.stringify(cards)}`);
    assert.deepEqual(page.errors, []);
  }
});

test('readable on a phone: compact header, facet strip with a scroll hint, no sideways scroll', async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(base + '/?q=' + encodeURIComponent('activation 0xC004F074'));
  await page.waitForSelector('#results .hit');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 390);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  const header = await page.locator('header.top').boundingBox();
  assert.ok(header.height <= 60, `header is ${header.height}px tall`);
  const strip = await page.locator('#facets').evaluate((n) => ({ scrolls: n.scrollWidth > n.clientWidth, cls: n.className }));
  // Several products match this query, more than a phone's width holds.
  assert.ok(strip.scrolls, 'the facet strip overflows on a phone');
  assert.match(strip.cls, /scrollable/, 'an overflowing strip shows a fade');
  // The first answer, the code's card here, starts in the upper half, and the first result on screen.
  const answer = await page.locator('#code-card').boundingBox();
  assert.ok(answer && answer.y < 844 / 2, `the code card starts at ${answer && answer.y}px`);
  const box = await page.locator('#results .hit').first().boundingBox();
  assert.ok(box.y < 844 - 100, `first result starts at ${box.y}px`);
  await shot(page, 'phone');
  assert.deepEqual(page.errors, []);
});

// The API's own description (GET /api/openapi.json) against what the server answers: every
// request below gets a status the operation lists, and a body its schema accepts.
test('the API answers as its OpenAPI description says, statuses and bodies alike', async () => {
  const { status, body: doc } = await getJson('/api/openapi.json');
  assert.equal(status, 200);
  assert.equal(doc.openapi, '3.1.0');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'api');
  const operation = (template, method) => {
    const op = doc.paths[template] && doc.paths[template][method];
    assert.ok(op, `${method.toUpperCase()} ${template} is described`);
    return op;
  };
  const checked = new Set();
  async function check(template, path, init = {}) {
    const method = (init.method || 'GET').toLowerCase();
    const res = await fetch(base + path, init);
    const text = await res.text();
    // A method the path does not take is answered 405, which its own operation lists.
    const wrongMethod = res.status === 405 && !(doc.paths[template] || {})[method];
    const op = wrongMethod ? Object.values(doc.paths[template])[0] : operation(template, method);
    let response = op.responses[String(res.status)];
    assert.ok(response, `${method} ${path.slice(0, 80)}: status ${res.status} is one the description lists (${Object.keys(op.responses)})`);
    if (response.$ref) response = doc.components.responses[response.$ref.split('/').pop()];
    const schema = response.content['application/json'].schema;
    const validate = schema.$ref ? ajv.getSchema(`api${schema.$ref}`) : ajv.compile(schema);
    const body = JSON.parse(text);
    assert.ok(validate(body), `${method} ${path.slice(0, 80)} (${res.status}): ${ajv.errorsText(validate.errors)}`);
    if (!wrongMethod) checked.add(`${method} ${template}`);
    return { status: res.status, body };
  }
  const search = (query) => check('/api/search', `/api/search?${query}`);
  const found = await search('q=' + encodeURIComponent('outlook password'));
  assert.ok(found.status === 200 && found.body.hits.length > 0);
  assert.ok(found.body.hits.some((h) => h.answer) && found.body.hits.some((h) => h.similar > 0), 'answers and folded groups checked');
  for (const q of ['q=outl&partial=1', 'q=error&collapse=0&limit=100', 'q=error&sort=newest&accepted=1', 'q=activation&product=Windows',
    'q=' + encodeURIComponent('zzqqxxyy'), 'q=' + encodeURIComponent('"send receive" -password code:0x800CCC0E'),
    'q=' + encodeURIComponent('code:0x80070005 product:outlook "send receive"'), 'q=a'.padEnd(2050, 'a')])
    await search(q);
  // What the parameters allow, the server takes, and nothing else.
  const params = Object.fromEntries(operation('/api/search', 'get').parameters.map((p) => [p.name, p.schema]));
  assert.equal((await search('q=' + 'a'.repeat(params.q.maxLength))).status, 200);
  assert.equal((await search('q=' + 'a'.repeat(params.q.maxLength + 1))).status, 400);
  for (const [name, schema] of Object.entries(params)) {
    if (schema.enum) {
      for (const value of schema.enum) assert.equal((await search(`q=error&${name}=${value}`)).status, 200, `${name}=${value}`);
      assert.equal((await search(`q=error&${name}=${schema.type === 'string' ? 'other' : 7}`)).status, 400, `${name} outside its enum`);
    }
    if (schema.maximum !== undefined) {
      assert.equal((await search(`q=error&${name}=${schema.maximum}`)).status, 200, `${name} at its maximum`);
      assert.equal((await search(`q=error&${name}=${schema.maximum + 1}`)).status, 400, `${name} past its maximum`);
    }
  }
  assert.equal((await search('q=error&colour=red')).status, 400, 'an undescribed parameter is refused');
  for (const bad of ['', 'q=', 'q=%FF']) assert.equal((await search(bad)).status, 400);
  assert.equal((await check('/api/search', '/api/search?q=x', { method: 'POST' })).status, 405);

  const answers = (query) => check('/api/answers', `/api/answers?${query}`);
  const best = await answers('q=' + encodeURIComponent('outlook password'));
  assert.ok(best.status === 200 && best.body.answers.some((a) => a.canonical) && best.body.answers.some((a) => !a.canonical),
    'canonical and other answers checked');
  for (const q of ['q=' + encodeURIComponent('zzqqxxyy'), 'q=activation&product=Windows&accepted=1', 'q=error&limit=100&threads=30',
    'q=' + encodeURIComponent('code:0x80070005 product:outlook "send receive"')])
    await answers(q);
  const answerParams = Object.fromEntries(operation('/api/answers', 'get').parameters.map((p) => [p.name, p.schema]));
  for (const [name, schema] of Object.entries(answerParams)) {
    if (schema.enum) {
      for (const value of schema.enum) assert.equal((await answers(`q=error&${name}=${value}`)).status, 200, `answers ${name}=${value}`);
      assert.equal((await answers(`q=error&${name}=7`)).status, 400, `answers ${name} outside its enum`);
    }
    if (schema.minimum !== undefined) {
      assert.equal((await answers(`q=error&${name}=${schema.minimum}`)).status, 200, `answers ${name} at its minimum`);
      assert.equal((await answers(`q=error&${name}=${schema.minimum - 1}`)).status, 400, `answers ${name} under its minimum`);
    }
    if (schema.maximum !== undefined) {
      assert.equal((await answers(`q=error&${name}=${schema.maximum}`)).status, 200, `answers ${name} at its maximum`);
      assert.equal((await answers(`q=error&${name}=${schema.maximum + 1}`)).status, 400, `answers ${name} past its maximum`);
    }
  }
  assert.equal((await answers('q=' + 'a'.repeat(answerParams.q.maxLength + 1))).status, 400);
  for (const bad of ['', 'q=', 'q=%FF', 'q=error&offset=10', 'q=error&sort=newest']) assert.equal((await answers(bad)).status, 400, `answers ${bad}`);
  assert.equal((await check('/api/answers', '/api/answers?q=x', { method: 'POST' })).status, 405);

  await check('/api/suggest', '/api/suggest?q=auth');
  await check('/api/suggest', '/api/suggest?q=0x8007&limit=3');
  assert.equal((await check('/api/suggest', '/api/suggest?limit=3')).status, 400);

  const id = found.body.hits.find((h) => h.similar > 0).id;
  const thread = await check('/api/threads/{id}', `/api/threads/${encodeURIComponent(id)}`);
  assert.ok(thread.status === 200 && thread.body.duplicates.length > 0 && thread.body.answers.length > 0);
  assert.equal((await check('/api/threads/{id}', '/api/threads/no-such-thread')).status, 404);
  assert.equal((await check('/api/threads/{id}', `/api/threads/${'x'.repeat(201)}`)).status, 400);

  const post = (body, headers = { 'Content-Type': 'application/json' }) => check('/api/similar', '/api/similar', { method: 'POST', headers, body });
  const similar = await post(JSON.stringify({ title: 'Outlook keeps asking for my password', text: 'Since the update Outlook prompts for my password every few minutes.', limit: 3 }));
  assert.ok(similar.status === 200 && similar.body.hits.length > 0 && similar.body.hits[0].why, 'similar hits say why');
  for (const bad of ['not json', '{"text": 5}', '{"txt": "a"}', '{"text": "a", "limit": 0}', '[]'])
    assert.equal((await post(bad)).status, 400, bad);
  assert.equal((await post(JSON.stringify({ text: 'word '.repeat(20000) }))).status, 400, 'a draft over its limit');
  assert.equal((await post('x'.repeat(2 * 1024 * 1024))).status, 413, 'a body over the server limit');
  assert.equal((await check('/api/similar', '/api/similar')).status, 405);

  for (const path of ['/api/health', '/api/errors', '/api/config']) {
    assert.equal((await check(path, path)).status, 200);
    assert.equal((await check(path, `${path}?x=1`)).status, 400);
  }
  const errors = await check('/api/errors', '/api/errors');
  assert.ok(errors.body.errors.some((e) => e.code === 'invalid_parameter'));
  await check('/api/openapi.json', '/api/openapi.json');
  // Every operation the description lists was called.
  const described = Object.entries(doc.paths).flatMap(([template, ops]) => Object.keys(ops).map((m) => `${m} ${template}`));
  assert.deepEqual(described.filter((o) => !checked.has(o)), []);
});
