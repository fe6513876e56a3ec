'use strict';
// A plain Node `ws` broadcast server: the peer a team would write by hand.
// It follows the tiny JSON convention the Herald load generator speaks to it:
//   client -> {"type":"subscribe","channel":"c"}   server -> {"type":"subscribed","channel":"c","offset":N}
//   POST /publish {"channel","event","data"}        -> {"channel","offset"} and every subscriber gets
//   {"type":"event","channel":"c","offset":N,"event":"e","data":{...}}
//   POST /publish/batch {"messages":[...]}          -> {"results":[...]}
// Offsets are per channel so the harness counts lost and duplicated events the same way for every server.
const http = require('node:http');
const { WebSocketServer } = require('ws');

const port = Number(process.env.PORT || 5103);
const host = process.env.HOST || '127.0.0.1';
// Same policy as Herald's bounded send queue: a consumer that falls this far behind is closed with 4008.
const maxBuffered = Number(process.env.MAX_BUFFERED_BYTES || 4 * 1024 * 1024);
const pingIntervalMs = Number(process.env.PING_INTERVAL_MS || 25000);

/** @type {Map<string, {offset: number, subscribers: Set<import('ws').WebSocket>}>} */
const channels = new Map();

function channel(name) {
  let c = channels.get(name);
  if (!c) {
    c = { offset: 0, subscribers: new Set() };
    channels.set(name, c);
  }
  return c;
}

function publish(msg) {
  if (!msg || typeof msg.channel !== 'string' || typeof msg.event !== 'string') {
    throw new Error('channel and event are required');
  }
  const c = channel(msg.channel);
  c.offset += 1;
  // Encode once, send the same bytes to every subscriber (what the ws README's broadcast does).
  const frame = Buffer.from(JSON.stringify({
    type: 'event', channel: msg.channel, offset: c.offset, event: msg.event, data: msg.data,
  }));
  for (const ws of c.subscribers) {
    if (ws.bufferedAmount > maxBuffered) {
      ws.close(4008, 'slow consumer');
      continue;
    }
    ws.send(frame, { binary: false });
  }
  return { channel: msg.channel, offset: c.offset };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req, res) {
  if (req.method === 'GET' && req.url === '/health') return reply(res, 200, { status: 'ok' });
  if (req.method === 'GET' && req.url.startsWith('/stats')) {
    // ?gc=1 collects first so the heap figure counts live objects only (node runs with --expose-gc).
    if (req.url.includes('gc=1') && typeof global.gc === 'function') global.gc();
    const m = process.memoryUsage();
    return reply(res, 200, { connections: wss.clients.size, rss: m.rss, heapUsed: m.heapUsed, external: m.external });
  }
  if (req.method !== 'POST') return reply(res, 404, { error: 'not found' });
  try {
    const body = JSON.parse((await readBody(req)).toString('utf8'));
    if (req.url === '/publish') return reply(res, 200, publish(body));
    if (req.url === '/publish/batch') return reply(res, 200, { results: body.messages.map(publish) });
    return reply(res, 404, { error: 'not found' });
  } catch (e) {
    return reply(res, 400, { error: String(e.message || e) });
  }
}

const server = http.createServer((req, res) => { handle(req, res); });
server.keepAliveTimeout = 60000;
const wss = new WebSocketServer({ server, perMessageDeflate: false, clientTracking: true });

wss.on('connection', (ws) => {
  const subscribed = [];
  ws.isAlive = true;
  ws.on('pong', () => { ws.isAlive = true; });
  ws.on('message', (raw) => {
    let msg;
    try { msg = JSON.parse(raw.toString('utf8')); } catch { return; }
    if (msg.type === 'subscribe' && typeof msg.channel === 'string') {
      const c = channel(msg.channel);
      c.subscribers.add(ws);
      subscribed.push(c);
      ws.send(JSON.stringify({ type: 'subscribed', channel: msg.channel, offset: c.offset }));
    } else if (msg.type === 'ping') {
      ws.send('{"type":"pong"}');
    }
  });
  ws.on('close', () => { for (const c of subscribed) c.subscribers.delete(ws); });
  ws.on('error', () => {});
});

// Heartbeat with WebSocket ping frames, the usual ws idiom; dead peers are dropped.
const heartbeat = setInterval(() => {
  for (const ws of wss.clients) {
    if (!ws.isAlive) { ws.terminate(); continue; }
    ws.isAlive = false;
    ws.ping();
  }
}, pingIntervalMs);

server.listen({ port, host, backlog: 4096 }, () => {
  process.stdout.write(`ws-peer listening on http://${host}:${port}\n`);
});

function shutdown() {
  clearInterval(heartbeat);
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
