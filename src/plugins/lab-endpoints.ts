import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { DASHBOARD_OPERATION, EXAMPLE_OPERATIONS, PLACE_ORDER_OPERATION } from '../examples';
import type { RequestHistory } from '../timeline/history';
import { toJaegerJson } from '../timeline/jaeger';
import type { Timeline } from '../timeline/shape';

/** The page's files, served from this process (no CDN, nothing built at install): the lab works offline. */
const PAGE_DIR = path.join(__dirname, '..', 'lab-page');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The lab in the app: `GET /lab` (the waterfall page) and its assets, `/lab/requests` (recent requests, newest
 * first), `/lab/requests/<id>` (one timeline), `/lab/requests/<id>/jaeger.json` (the same for Jaeger's "Upload
 * JSON"), and `/lab/examples` (the example operations). Answered before GraphQL, like `/metrics`: no record, no log line.
 */
export function useLabEndpoints(history: RequestHistory): Plugin {
  const assets = new Map(
    fs
      .readdirSync(PAGE_DIR)
      .map((file) => [
        file,
        { body: fs.readFileSync(path.join(PAGE_DIR, file)), type: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' },
      ]),
  );
  // The README's query first: the page opens on it.
  const names = ['usersOrdersItemsProducts', ...Object.keys(EXAMPLE_OPERATIONS).filter((name) => name !== 'usersOrdersItemsProducts')];
  const examples = [
    ...names.map((name) => ({ name, query: EXAMPLE_OPERATIONS[name as keyof typeof EXAMPLE_OPERATIONS].trim() })),
    { name: 'dashboard', query: DASHBOARD_OPERATION.trim() },
    { name: 'placeOrder', query: PLACE_ORDER_OPERATION.trim() },
  ];
  const answer = (pathname: string): Response | undefined => {
    if (pathname === '/lab' || pathname === '/lab/') return asset(assets.get('index.html'));
    if (pathname.startsWith('/lab/assets/')) return asset(assets.get(pathname.slice('/lab/assets/'.length)));
    if (pathname === '/lab/examples') return json(JSON.stringify(examples));
    if (pathname === '/lab/requests') return json(JSON.stringify(history.list()));
    const match = pathname.match(/^\/lab\/requests\/([\w-]{1,32})(\/jaeger\.json)?$/);
    const timeline = match && history.json(match[1]!);
    if (!timeline)
      return pathname.startsWith('/lab/')
        ? json(JSON.stringify({ error: `Nothing at ${pathname}: recent requests are at /lab/requests` }), 404)
        : undefined;
    if (!match[2]) return json(timeline);
    const download = JSON.stringify(toJaegerJson(JSON.parse(timeline) as Timeline));
    return json(download, 200, { 'content-disposition': `attachment; filename="graphql-n1-lab-${match[1]}.jaeger.json"` });
  };
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const response = answer(url.pathname);
      if (response) endResponse(response);
    },
  };
}

function asset(file: { body: Buffer; type: string } | undefined): Response {
  if (!file) return json(JSON.stringify({ error: 'No such file in the lab page' }), 404);
  return new Response(new Uint8Array(file.body), { headers: { 'content-type': file.type, 'cache-control': 'no-cache' } });
}

function json(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}
