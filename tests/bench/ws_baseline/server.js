// The baseline of `ops/bench live`: a plain broadcast server on Node's `ws` package, with no
// authentication, no filtering, no database and no replay. It speaks the frames of Rudi's live hub, so
// that the same load client (tests/bench/live_load.cpp) measures both.
//
//   node server.js [PORT]        (or PORT in the environment; 0 or nothing: any free port)
//
// GET /api/v1/live             upgrades to a websocket (permessage-deflate off);
//                              {"op":"subscribe","topics":[...]} is answered {"op":"subscribed","topics":[...],"as_of":0},
//                              {"op":"ping"} is answered {"op":"pong"}
// POST /publish                body {"topic":"cohort:7","data":{...}}: broadcasts
//                              {"op":"event","seq":n,"type":"bench","topics":[topic],"data":{...},"sent_at_us":t,
//                              "sent_at_mono_us":m} to every subscribed client (t: µs since the epoch when the
//                              POST was received; m: the same moment on the monotonic clock, which the client on
//                              the same machine reads too, and which no adjustment of the wall clock moves);
//                              answers {"seq":n,"clients":count}
// Prints `listening <port>` when ready.
'use strict';
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
// The wall clock as it was when the process started, advanced by the monotonic clock: it drifts from the
// system's wall clock as that is adjusted, hence the monotonic time beside it.
const nowUs = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);  // CLOCK_MONOTONIC, as the client's

const subscribed = new Set();
let seq = 0;

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 });
wss.on('connection', (socket) => {
  socket.on('message', (raw, isBinary) => {
    if (isBinary) return;
    let frame;
    try {
      frame = JSON.parse(raw.toString());
    } catch {
      socket.send(JSON.stringify({ op: 'error', code: 'bad_frame', message: 'not JSON' }));
      return;
    }
    if (frame.op === 'subscribe') {
      const topics = Array.isArray(frame.topics) ? frame.topics.map(String) : [];
      subscribed.add(socket);
      socket.send(JSON.stringify({ op: 'subscribed', topics, as_of: 0 }));
    } else if (frame.op === 'unsubscribe') {
      subscribed.delete(socket);
    } else if (frame.op === 'ping') {
      socket.send('{"op":"pong"}');
    } else {
      socket.send(JSON.stringify({ op: 'error', code: 'unknown_op', message: 'unknown op' }));
    }
  });
  socket.on('close', () => subscribed.delete(socket));
  socket.on('error', () => subscribed.delete(socket));
});

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const sentAtUs = nowUs();
    const sentAtMonotonicUs = monotonicUs();
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"not JSON"}');
      return;
    }
    seq += 1;
    const frame = JSON.stringify({
      op: 'event',
      seq,
      type: 'bench',
      topics: [String(body.topic ?? '')],
      data: body.data ?? {},
      sent_at_us: sentAtUs,
      sent_at_mono_us: sentAtMonotonicUs,
    });
    const data = Buffer.from(frame);  // encoded once for all
    for (const socket of subscribed) socket.send(data, { binary: false });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ seq, clients: subscribed.size }));
  });
});
server.keepAliveTimeout = 60_000;

server.on('upgrade', (req, socket, head) => {
  if (new URL(req.url, 'http://localhost').pathname !== '/api/v1/live') {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});

const stop = () => {
  for (const socket of wss.clients) socket.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
