import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Debian's nginx, if installed (.ci/run installs it); the nginx suite is skipped without it. */
export const NGINX_BIN = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? null;

/** A free TCP port on loopback (bound, read, released). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/**
 * The round-robin configuration of docs/deploy.md, minus TLS (the test speaks plain HTTP to
 * nginx): WebSocket upgrade headers, the client's Host passed through (the nodes check Origin
 * against it), long read timeouts for idle collaboration sockets.
 */
export function nginxConfig(prefix: string, listenPort: number, upstreamPorts: readonly number[]): string {
  return `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream concord {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://concord;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
    }
  }
}
`;
}

export interface RunningNginx {
  port: number;
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts nginx in the foreground (`daemon off`) with its own prefix, as a child process. */
export async function startNginx(prefix: string, listenPort: number, upstreamPorts: readonly number[]): Promise<RunningNginx> {
  if (!NGINX_BIN) throw new Error('nginx is not installed');
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  writeFileSync(join(prefix, 'nginx.conf'), nginxConfig(prefix, listenPort, upstreamPorts));
  const child = spawn(NGINX_BIN, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready when it answers on its port (a 502 from an upstream still proves nginx listens).
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${listenPort}/api/auth/me`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('nginx did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    port: listenPort,
    url: `http://localhost:${listenPort}`,
    child,
    stop: async () => {
      child.kill('SIGQUIT');
      await exited;
    },
  };
}
