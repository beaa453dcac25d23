// Runs axe-core on every page of the built sites, in light and dark mode, at a desktop width
// and at 390 px, in Debian's chromium through puppeteer-core. Prints each violation (rule,
// node, page, mode, width) and exits 1 if there is any. An argument that is an .html file
// is that page alone. On a page with a timeline chart (`svg.tl`), two texts of the chart
// that overlap, or one that runs out of the drawing, is a violation too
// (`timeline-text-overlap`): the chart places its labels by estimated widths.
//   node run-axe.js CHROMIUM SCREENSHOT_DIR|- SITE_DIR|PAGE...
// With a SCREENSHOT_DIR, also saves a full-page PNG of each page in each mode and width.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MODES = ['light', 'dark'];
const WIDTHS = [1280, 390];

// The chart's texts that overlap another or leave the drawing, in the page's fonts.
function chartProblems() {
  const out = [];
  for (const svg of document.querySelectorAll('svg.tl')) {
    const width = svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: t.getBBox() }));
    for (const t of texts) {
      if (t.box.x < -0.5 || t.box.x + t.box.width > width + 0.5) out.push(`"${t.text}" runs out of the drawing`);
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].box, b = texts[j].box;
        const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (dx > 0.5 && dy > 2) out.push(`"${texts[i].text}" overlaps "${texts[j].text}" by ${dx.toFixed(1)}`);
      }
    }
  }
  return out;
}

function pages(dir) {
  if (fs.statSync(dir).isFile()) return [dir];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pages(p));
    else if (entry.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

(async () => {
  const [chromium, shots, ...sites] = process.argv.slice(2);
  if (!chromium || !shots || sites.length === 0) {
    console.error('usage: node run-axe.js CHROMIUM SCREENSHOT_DIR|- SITE_DIR...');
    process.exit(2);
  }
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
  let violations = 0;
  let checked = 0;
  try {
    const page = await browser.newPage();
    for (const site of sites) {
      const single = fs.statSync(site).isFile();
      for (const file of pages(site)) {
        const rel = single ? file : path.join(path.basename(site), path.relative(site, file));
        for (const mode of MODES) {
          for (const width of WIDTHS) {
            await page.setViewport({ width, height: 900 });
            await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: mode }]);
            await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
            await page.evaluate(axeSource);
            const result = await page.evaluate(
              (tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
              TAGS,
            );
            checked += 1;
            if (width === WIDTHS[0] && mode === MODES[0]) {
              for (const problem of await page.evaluate(chartProblems)) {
                violations += 1;
                console.log(`VIOLATION timeline-text-overlap page=${rel}: ${problem}`);
              }
            }
            for (const v of result.violations) {
              for (const node of v.nodes) {
                violations += 1;
                console.log(`VIOLATION ${v.id} (${v.impact}) page=${rel} mode=${mode} width=${width}`);
                console.log(`  node: ${node.target.join(' ')}  ${node.html.slice(0, 160)}`);
                console.log(`  ${(node.failureSummary || v.help).split('\n').join('\n  ')}`);
              }
            }
            if (shots !== '-') {
              const name = `${rel.replace(/[\/]/g, '_').replace(/\.html$/, '')}-${mode}-${width}.png`;
              fs.mkdirSync(shots, { recursive: true });
              await page.screenshot({ path: path.join(shots, name), fullPage: true });
            }
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`axe-core ${require('axe-core/package.json').version}: ${checked} page loads (${TAGS.join(', ')}), ${violations} violations`);
  process.exit(violations === 0 ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
