// A Node.js HTTP service with no dependencies.
/* global process, console */
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
http
  .createServer((request, response) => {
    if (request.url === '/healthz') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(`${JSON.stringify({ runtime: `node ${process.version}`, path: request.url })}\n`);
  })
  .listen(port, () => console.log(`listening on ${port}`));
