import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client that completes the upgrade and then never reads again: the kernel buffers
 * fill, then the server's send queue for it grows (the backpressure case).
 */
export async function slowReader(port: number, path: string, headers: Record<string, string>): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  const lines = [`GET ${path} HTTP/1.1`, `Host: localhost:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
      socket.pause();
      resolve();
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  // Shrink what the kernel will hold for us, so the server's own queue is what fills up.
  socket.setNoDelay(true);
  return socket;
}
