// Browser tests of web/: builds a fresh index of corpus/, starts the real kbsearch server on a free
// loopback port, and drives Debian's chromium through playwright-core. Screenshots of every view go
// to KBSEARCH_OUT. Usage: node run.mjs (env: KBSEARCH_BIN, KBSEARCH_CORPUS, KBSEARCH_OUT)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.KBSEARCH_BIN || join(repo, 'build/kbsearch');
const corpus = process.env.KBSEARCH_CORPUS || join(repo, 'corpus');
const out = process.env.KBSEARCH_OUT || join(repo, 'build/screenshots');
mkdirSync(out, { recursive: true });

let server, browser, base, scratch;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'kbsearch-browser-'));
  execFileSync(bin, ['index', '--quiet', '--db', join(scratch, 'db'), corpus], { stdio: 'ignore' });
  server = spawn(bin, ['serve', '--quiet', '--db', join(scratch, 'db'), '--port', '0', '--web', join(repo, 'web')],
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

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.errors = errors;
  return page;
}

const hitIds = (page) => page.$$eval('#results .hit', (nodes) => nodes.map((n) => n.dataset.id));

test('typing a query shows results with canonical answers', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.locator('#q').pressSequentially('outlook cannot connect to server', { delay: 10 });
  await page.waitForSelector('#results .hit');
  const ids = await hitIds(page);
  assert.ok(ids.length >= 3, `hits: ${ids}`);
  assert.ok(ids.slice(0, 3).some((id) => id.startsWith('outlook-')), `top: ${ids.slice(0, 3)}`);
  assert.match(await page.locator('#status').textContent(), /\d+ results? for outlook cannot connect to server/);
  assert.ok(await page.locator('#results .hit mark').count() > 0, 'snippets highlight matches');
  assert.ok(await page.locator('#results .answer').count() > 0, 'canonical answers shown');
  assert.match(page.url(), /q=outlook\+cannot\+connect\+to\+server/);
  await page.screenshot({ path: join(out, 'search.png'), fullPage: true });
  assert.deepEqual(page.errors, []);
});

test('the product filter narrows the results', async () => {
  const page = await newPage();
  await page.goto(base + '/?q=' + encodeURIComponent('error sign in'));
  await page.waitForSelector('#results .hit');
  const before = await page.locator('#facets button').first().textContent();
  const facet = page.locator('#facets button', { hasText: 'Teams' }).first();
  const facetProduct = await facet.getAttribute('data-product');
  const expected = Number(await facet.locator('.count').textContent());
  await facet.click();
  await page.waitForFunction(() => document.querySelector('#facets button[aria-pressed="true"]'));
  await page.waitForFunction((n) => document.querySelectorAll('#results .hit').length === Math.min(n, 10), expected);
  const products = await page.$$eval('#results .hit .chip:not(.code)', (n) => n.map((x) => x.textContent));
  assert.ok(products.length > 0 && products.every((p) => p.includes('Teams')), products.join(','));
  assert.match(page.url(), /product=/);
  assert.ok(facetProduct.includes('Teams'), before);
});

test('copy puts the canonical answer on the clipboard', async () => {
  const page = await newPage();
  await page.goto(base + '/?view=moderate');
  await page.fill('#mq', '500121 authenticator');
  await page.click('#moderate-form button[type=submit]');
  await page.waitForSelector('#copy');
  const answer = await page.locator('#m-text').textContent();
  await page.click('#copy');
  await page.waitForSelector('text=Copied');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, answer);
  assert.ok(clip.length > 100);
  assert.doesNotMatch(clip, /Was this answer helpful|Accept Answer|User's image/);
  assert.ok(await page.locator('#m-more li').count() > 0, 'other threads listed');
  await page.screenshot({ path: join(out, 'moderators.png'), fullPage: true });
});

test('the writers view finds the duplicate of a pasted draft', async () => {
  const page = await newPage();
  await page.goto(base + '/?view=write');
  await page.fill('#w-title', 'Cannot receive email in Outlook, server connection fails');
  await page.fill('#w-body', 'Since yesterday Outlook on my Windows PC shows error 800CCC0E whenever it checks for new mail. ' +
    'It says it cannot connect to the incoming server. The same IMAP mailbox works fine on my phone. ' +
    'I did not change any settings. What port and encryption should the account use?');
  await page.click('#write-form button[type=submit]');
  await page.waitForSelector('#w-results .hit');
  const ids = await page.$$eval('#w-results .hit', (n) => n.map((x) => x.dataset.id));
  assert.ok(ids.slice(0, 3).includes('outlook-04'), `top: ${ids}`);
  assert.match(await page.locator('#w-results .reasons').first().textContent(), /Why:/);
  assert.match(await page.locator('#w-results .score').first().textContent(), /\d+%/);
  await page.screenshot({ path: join(out, 'writers.png'), fullPage: true });
});

test('a bad query shows a message, not a broken page', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.fill('#q', 'x'.repeat(3000));
  await page.press('#q', 'Enter');
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.locator('#error').textContent(), /limit|long|bytes/);
  await page.fill('#q', '((');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => /words/.test(document.querySelector('#error').textContent));
  await page.fill('#q', 'excel');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#results .hit');
  assert.equal(await page.locator('#error').isHidden(), true);
  assert.deepEqual(page.errors, []);
});

test('keyboard: / focuses, arrows and Enter open a thread, Escape closes', async () => {
  const page = await newPage();
  await page.goto(base + '/?q=teams');
  await page.waitForSelector('#results .hit');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#thread[open] .post, #thread[open] .question');
  assert.match(page.url(), /thread=/);
  await page.waitForFunction(() => document.querySelector('#thread-title').textContent !== 'Loading…');
  await page.screenshot({ path: join(out, 'thread.png') });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#thread').open);
  assert.doesNotMatch(page.url(), /thread=/);
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
});

test('readable on a phone', async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(base + '/?q=' + encodeURIComponent('activation 0xC004F074'));
  await page.waitForSelector('#results .hit');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 390);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: join(out, 'phone.png'), fullPage: true });
});
