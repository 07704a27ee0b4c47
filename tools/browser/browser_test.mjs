// Browser test: JupyterLab from the project's venv, driven in Debian's Chromium by Playwright.
//
// Usage: node tools/browser/browser_test.mjs --venv DIR --root NOTEBOOK_DIR [--out DIR] [--expect DIR]
//                                            [--timeout S] [NOTEBOOK.ipynb ...]   (default: every *.ipynb in root)
//
// For each notebook: open it in JupyterLab, Run > Run All Cells, wait until every code cell has run and the
// kernel is idle, then check
//   - no error output: no kernel `error` message on the notebook's websocket, and no rendered error output;
//   - every image output rendered (<img> loaded) and every HTML table rendered: at least as many as in the
//     headless run's executed copy (--expect, default build/executed) when that copy is newer than the
//     source, else at least one image;
//   - the source notebook on disk is unchanged (autosave is off: the browser run never writes outputs).
// Saves a full-notebook screenshot per notebook in --out, and closes with 'browser: N passed, N failed'.
// Never downloads a browser: it launches /usr/bin/chromium (override: LAB_CHROMIUM).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.LAB_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MAX_SCREENSHOT_HEIGHT = 16000;

function parseArgs(argv) {
  const a = { venv: null, root: null, out: 'build/screenshots', expect: 'build/executed', timeout: 900, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--venv') a.venv = argv[++i];
    else if (k === '--root') a.root = argv[++i];
    else if (k === '--out') a.out = argv[++i];
    else if (k === '--expect') a.expect = argv[++i];
    else if (k === '--timeout') a.timeout = Number(argv[++i]);
    else a.files.push(k);
  }
  if (!a.venv || !a.root) throw new Error('usage: browser_test.mjs --venv DIR --root NOTEBOOK_DIR [files...]');
  a.root = path.resolve(a.root);
  a.files = a.files.length ? a.files.map((f) => path.resolve(f))
    : fs.readdirSync(a.root).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(a.root, f));
  return a;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sha = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function writeSettings(dir) {
  const put = (rel, obj) => {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, JSON.stringify(obj));
  };
  put('@jupyterlab/docmanager-extension/plugin.jupyterlab-settings', { autosave: false });
  put('@jupyterlab/notebook-extension/tracker.jupyterlab-settings', { windowingMode: 'none' });
  put('@jupyterlab/apputils-extension/notification.jupyterlab-settings', { fetchNews: 'false', checkForUpdates: false });
}

async function startJupyter(venv, root, tmp, logFile) {
  const port = await freePort();
  const token = crypto.randomBytes(24).toString('hex');
  const settings = path.join(tmp, 'settings');
  writeSettings(settings);
  const env = { ...process.env, PATH: `${path.join(venv, 'bin')}:${process.env.PATH}`,
    JUPYTER_RUNTIME_DIR: path.join(tmp, 'runtime') };
  const log = fs.openSync(logFile, 'w');
  const proc = spawn(path.join(venv, 'bin', 'jupyter'), ['lab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
    '--ServerApp.port_retries=0', '--ServerApp.allow_root=True', `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${root}`,
    `--LabApp.user_settings_dir=${settings}`, `--LabApp.workspaces_dir=${path.join(tmp, 'workspaces')}`],
  { env, stdio: ['ignore', log, log], detached: true });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`jupyter lab exited with ${proc.exitCode}; see ${logFile}`);
    try {
      const r = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`jupyter lab did not answer within 120 s; see ${logFile}`);
    await sleep(500);
  }
  return { proc, base, token };
}

async function shutdownKernels(server) {
  const h = { Authorization: `token ${server.token}` };
  const sessions = await (await fetch(`${server.base}/api/sessions`, { headers: h })).json();
  for (const s of sessions) await fetch(`${server.base}/api/sessions/${s.id}`, { method: 'DELETE', headers: h });
}

// What the headless run (nbclient) rendered: images and HTML tables, from the executed copy if it is fresh.
function expected(expectDir, file) {
  const copy = path.join(expectDir, path.basename(file));
  if (!fs.existsSync(copy) || fs.statSync(copy).mtimeMs < fs.statSync(file).mtimeMs) return null;
  const nb = JSON.parse(fs.readFileSync(copy, 'utf8'));
  let images = 0, tables = 0;
  for (const cell of nb.cells) {
    for (const o of cell.outputs || []) {
      const data = o.data || {};
      if (Object.keys(data).some((k) => k.startsWith('image/'))) images++;
      else if (data['text/html']) {
        const html = [].concat(data['text/html']).join('');
        tables += (html.match(/<table/g) || []).length;
      }
    }
  }
  return { images, tables };
}

// Kernel messages seen by the page (JSON or the binary v1 websocket protocol: the header is JSON text either way).
function watchKernel(page, sink) {
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
      if (/"msg_type"\s*:\s*"kernel_info_reply"/.test(text)) sink.kernelInfo();
      if (/"msg_type"\s*:\s*"error"/.test(text)) {
        const ename = (text.match(/"ename"\s*:\s*"([^"]*)"/) || [])[1] || '?';
        const evalue = (text.match(/"evalue"\s*:\s*"((?:[^"\\]|\\.)*)"/) || [])[1] || '';
        sink.push(`kernel error message: ${ename}: ${evalue.slice(0, 300)}`);
      }
    });
  });
}

async function runNotebook(page, server, file, opts) {
  const problems = [];
  const rel = path.relative(opts.root, file).split(path.sep).map(encodeURIComponent).join('/');
  const before = sha(file);
  const wsErrors = [];
  opts.errorSink.current = wsErrors;
  opts.errorSink.kernelInfo = false;
  const t0 = Date.now();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.base}/lab/tree/${rel}?reset&token=${server.token}`);
  const panel = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
  await panel.locator('.jp-Notebook').waitFor({ timeout: 120_000 });
  // ready = the page got the kernel's kernel_info_reply (the status bar says 'Unknown' until the first
  // execution), or a dialog opened (e.g. 'Select Kernel')
  const ready = async () => opts.errorSink.kernelInfo || (await page.locator('.jp-Dialog').count()) > 0;
  for (const until = Date.now() + 180_000; !(await ready());) {
    if (Date.now() > until) throw new Error('the kernel did not become idle within 180 s of opening the notebook');
    await sleep(500);
  }
  if (await page.locator('.jp-Dialog').count()) {
    const text = (await page.locator('.jp-Dialog').innerText()).replace(/\s+/g, ' ').slice(0, 300);
    return { problems: [`a dialog blocked the notebook: ${text}`], seconds: (Date.now() - t0) / 1000 };
  }
  const tOpen = Date.now();
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
  // done = no cell queued or running ('[*]') and the kernel idle, twice 1 s apart (a cell after an error stays '[ ]')
  const state = () => page.evaluate(() => {
    const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const prompts = [...nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map((p) => p.textContent.trim());
    const bar = document.querySelector('#jp-main-statusbar');
    return { running: prompts.filter((p) => p.includes('*')).length,
      notRun: prompts.filter((p) => !/^\[\d+\]:$/.test(p)).length,
      idle: !!bar && /\|\s*Idle\b/.test(bar.innerText) };
  });
  const deadline = Date.now() + opts.timeout * 1000;
  let st = null;
  for (let stable = 0; stable < 2;) {
    if (Date.now() > deadline) { problems.push(`not finished after ${opts.timeout} s`); break; }
    await sleep(1000);
    st = await state();
    stable = (st.running === 0 && st.idle) ? stable + 1 : 0;
  }
  if (st && st.notRun) problems.push(`${st.notRun} code cell(s) did not run`);
  const runSeconds = (Date.now() - tOpen) / 1000;
  const seen = await page.evaluate(() => {
    const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const imgs = [...nb.querySelectorAll('.jp-OutputArea-output img')];
    const stderr = [...nb.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')];
    return {
      images: imgs.length,
      brokenImages: imgs.filter((i) => !i.complete || i.naturalWidth === 0).length,
      tables: nb.querySelectorAll('.jp-OutputArea-output table').length,
      // JupyterLab renders an error output with the stderr renderer, like a stream on stderr (JJava's logging,
      // not an error by itself); only an error's traceback is ANSI-coloured red by the kernel.
      errorTexts: stderr.filter((e) => e.querySelector('[class*="ansi-red"]')).map((e) => e.textContent.slice(0, 300)),
      // LaTeX that MathJax could not typeset (shown as raw TeX on yellow)
      texErrors: [...nb.querySelectorAll('mjx-merror')].map((e) => (e.getAttribute('data-mjx-error') || '')
        + ' in ' + (e.closest('mjx-container')?.getAttribute('aria-label') || e.textContent).slice(0, 120)),
      cells: nb.querySelectorAll('.jp-CodeCell').length,
      // page height that shows the whole notebook: top of the scroller + its content down to the last cell
      height: (() => {
        const outer = nb.querySelector('.jp-WindowedPanel-outer') || nb.querySelector('.jp-Notebook');
        const cells = nb.querySelectorAll('.jp-Cell');
        const top = outer.getBoundingClientRect().top;
        const last = cells.length ? cells[cells.length - 1].getBoundingClientRect().bottom - top + outer.scrollTop
          : outer.scrollHeight;
        return Math.ceil(top + last);
      })(),
    };
  });
  problems.push(...wsErrors);
  for (const t of seen.errorTexts) problems.push(`error output rendered: ${t.replace(/\s+/g, ' ')}`);
  for (const t of seen.texErrors) problems.push(`LaTeX error in markdown: ${t}`);
  if (seen.brokenImages) problems.push(`${seen.brokenImages} image(s) did not load`);
  const want = expected(opts.expect, file);
  if (want) {
    if (seen.images < want.images) problems.push(`${seen.images} images rendered, the headless run made ${want.images}`);
    if (seen.tables < want.tables) problems.push(`${seen.tables} tables rendered, the headless run made ${want.tables}`);
  } else if (seen.images === 0) {
    problems.push('no chart (image) rendered');
  }
  // one screenshot of the whole notebook: close the file browser, make the window as tall as the notebook
  const leftTab = page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current');
  if (await leftTab.count()) await leftTab.first().click();
  const height = Math.min(MAX_SCREENSHOT_HEIGHT, Math.max(900, seen.height + 60));
  await page.setViewportSize({ width: 1280, height });
  await page.evaluate(() => {
    const o = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
    if (o) o.scrollTop = 0;
  });
  await sleep(1500);
  const shot = path.join(opts.out, path.basename(file, '.ipynb') + '.png');
  await page.screenshot({ path: shot });
  await shutdownKernels(server);
  if (sha(file) !== before) problems.push(`the browser run modified ${file}`);
  return { problems, seconds: (Date.now() - t0) / 1000, runSeconds, seen, want, shot };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (./lab browser does it as root)`);
  fs.mkdirSync(opts.out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-browser-'));
  let server = null, context = null, passed = 0, failed = 0;
  const report = [];
  try {
    server = await startJupyter(opts.venv, opts.root, tmp, path.join(opts.out, 'jupyter-server.log'));
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
    });
    const page = context.pages()[0] || await context.newPage();
    opts.errorSink = { current: [] };
    watchKernel(page, { push: (m) => opts.errorSink.current.push(m), kernelInfo: () => { opts.errorSink.kernelInfo = true; } });
    for (const file of opts.files) {
      const name = path.relative(process.cwd(), file);
      console.log(`== ${name} (browser) ...`);
      let r;
      try {
        r = await runNotebook(page, server, file, opts);
      } catch (e) {
        r = { problems: [`browser run failed: ${String(e.message || e).split('\n')[0]}`], seconds: 0 };
        try { await page.screenshot({ path: path.join(opts.out, path.basename(file, '.ipynb') + '.png') }); } catch { /* ignore */ }
        try { await shutdownKernels(server); } catch { /* ignore */ }
      }
      const ok = r.problems.length === 0;
      const s = r.seen ? `, ${r.seen.cells} code cells, ${r.seen.images} images, ${r.seen.tables} tables` : '';
      console.log(`   ${ok ? 'ok' : 'FAILED'}: ${r.seconds.toFixed(1)} s (run all ${(r.runSeconds || 0).toFixed(1)} s)${s}`
        + (r.shot ? `, screenshot ${path.relative(process.cwd(), r.shot)}` : ''));
      for (const p of r.problems) console.log(`   ${p}`);
      report.push({ notebook: name, ok, seconds: Math.round(r.seconds * 10) / 10,
        run_all_seconds: Math.round((r.runSeconds || 0) * 10) / 10, rendered: r.seen || null,
        expected: r.want || null, problems: r.problems });
      if (ok) passed++; else failed++;
    }
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) { try { process.kill(-server.proc.pid, 'SIGTERM'); } catch { /* gone */ } }
    await sleep(1000);
    if (server && server.proc.exitCode === null) { try { process.kill(-server.proc.pid, 'SIGKILL'); } catch { /* gone */ } }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(opts.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`browser: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => { console.error(`browser test: ${e.stack || e}`); process.exit(2); });
