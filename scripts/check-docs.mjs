#!/usr/bin/env node
// Link check of the generated API reference (docs/api, from `npm run docs`): every relative link
// of every page must reach an existing file, and its #fragment an element id of that file.
// Prints one line per broken link and exits 1 when there is any.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'docs/api');
if (!existsSync(join(root, 'index.html'))) {
  console.error(`check-docs: ${root}/index.html is missing (run npm run docs)`);
  process.exit(1);
}
const pages = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? pages(p) : p.endsWith('.html') ? [p] : [];
  });
const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return ids.get(file);
};
let links = 0;
const broken = [];
for (const page of pages(root)) {
  for (const [, href] of readFileSync(page, 'utf8').matchAll(/\shref="([^"]*)"/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // http:, https:, mailto:
    links++;
    const [path, fragment] = href.split('#');
    const target = path ? resolve(dirname(page), decodeURI(path.split('?')[0])) : page;
    if (!existsSync(target)) broken.push(`${relative(root, page)}: ${href} (no file)`);
    else if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment)))
      broken.push(`${relative(root, page)}: ${href} (no #${fragment})`);
  }
}
for (const b of broken) console.error(`check-docs: broken link ${b}`);
console.log(`check-docs: ${links} links in ${pages(root).length} pages, ${broken.length} broken`);
process.exit(broken.length ? 1 : 0);
