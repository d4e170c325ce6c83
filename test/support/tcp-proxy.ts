import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a server, so a test can kill the server's side at a chosen moment (with
 * a request in flight), make it stop answering, and bring it back on the same port, without the
 * server knowing.
 */
export interface KillableProxy {
  readonly port: number;
  /** Kills the next request that arrives, as it arrives, and stops accepting; resolves then. */
  killOnNextRequest(): Promise<void>;
  /** Drops every connection and refuses new ones, as a stopped server does. */
  kill(): Promise<void>;
  /** Drops every connection and accepts new ones that never get an answer, as a server gone from the network. */
  hang(): Promise<void>;
  /** Passes traffic through again, on the same port. */
  revive(): Promise<void>;
  close(): Promise<void>;
}

export async function startProxy(target: number, host = '127.0.0.1'): Promise<KillableProxy> {
  const sockets = new Set<net.Socket>();
  let onRequest: (() => void) | undefined;
  let hanging = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (hanging) return;
    const upstream = net.connect(target, host);
    track(upstream);
    client.on('data', (chunk) => {
      if (onRequest) {
        onRequest();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listenOn = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      onRequest = undefined;
      if (!server.listening) return resolve();
      server.close(() => resolve());
      dropAll();
    });
  await listenOn(0);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    killOnNextRequest: () => new Promise<void>((resolve) => (onRequest = () => void kill().then(resolve))),
    kill,
    async hang() {
      hanging = true;
      dropAll();
      if (!server.listening) await listenOn(port);
    },
    async revive() {
      hanging = false;
      dropAll();
      if (!server.listening) await listenOn(port);
    },
    close: kill,
  };
}
