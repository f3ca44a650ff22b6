import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * A local S3-protocol server for tests: @20minutes/s3rver on 127.0.0.1, a random port and a fresh temp
 * directory. Unlike plain `s3rver` it verifies SigV4 signatures (headers and presigned URLs), so a
 * tampered URL really is refused. Drive it with the real AWS SDK and `forcePathStyle: true`; the storage
 * driver's bucket path fix (services/storage/s3-bucket-path-fix.ts) signs bucket-level calls the way
 * this server expects.
 *
 * It runs in a child Node process started with `--openssl-legacy-provider`: s3rver encrypts
 * ListObjectsV2 continuation tokens with DES, which OpenSSL 3 refuses by default, so any truncated
 * listing would answer 500 in-process. The child also keeps s3rver's global account registry and
 * logger out of the test process. It exits when the parent goes away (IPC disconnect).
 */
export interface TestS3Server {
  /** e.g. `http://127.0.0.1:40123` */
  endpoint: string;
  /** A bucket that already exists. */
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every request the server has received so far (method and raw URL), oldest first. */
  requests(): Promise<Array<{ method: string; url: string }>>;
  /** Stops the server and deletes its directory. */
  close(): Promise<void>;
}

/** s3rver's built-in account; it is the only one its signature check knows. */
const ACCESS_KEY_ID = 'S3RVER';
const SECRET_ACCESS_KEY = 'S3RVER';
const START_TIMEOUT_MS = 20_000;

// Runs in the child (CommonJS, `node -e`): argv = [modulePath, directory, bucket].
const CHILD_SCRIPT = `
const [modulePath, directory, bucket] = process.argv.slice(1);
const S3rver = require(modulePath);
const requests = [];
const server = new S3rver({
  address: '127.0.0.1', port: 0, directory, silent: true, vhostBuckets: false,
  configureBuckets: [{ name: bucket }],
});
server.run().then((address) => {
  server.httpServer.on('request', (req) => requests.push({ method: req.method, url: req.url }));
  process.send({ type: 'ready', port: address.port });
}, (err) => {
  process.send({ type: 'failed', message: String(err && err.stack || err) });
  process.exit(1);
});
process.on('message', (msg) => {
  if (msg && msg.type === 'requests') process.send({ type: 'requests', id: msg.id, requests });
});
process.on('disconnect', () => process.exit(0));
`;

type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'requests'; id: number; requests: Array<{ method: string; url: string }> };

export async function startS3Server(options: { bucket?: string } = {}): Promise<TestS3Server> {
  const bucket = options.bucket ?? 'soundfoundry-test';
  const modulePath = createRequire(import.meta.url).resolve('@20minutes/s3rver');
  const directory = await mkdtemp(path.join(os.tmpdir(), 'sf-s3rver-'));
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', '-e', CHILD_SCRIPT, modulePath, directory, bucket],
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  let port: number;
  try {
    port = await waitForReady(child, () => stderr);
  } catch (err) {
    child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
    throw err;
  }

  let nextId = 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    requests() {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const onMessage = (msg: ChildMessage) => {
          if (msg.type === 'requests' && msg.id === id) {
            child.off('message', onMessage);
            resolve(msg.requests);
          }
        };
        child.on('message', onMessage);
        child.send({ type: 'requests', id }, (err) => {
          if (err) {
            child.off('message', onMessage);
            reject(err);
          }
        });
      });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function waitForReady(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`Could not start the local S3 server (@20minutes/s3rver): ${why}\n${stderr()}`));
    };
    const onMessage = (msg: ChildMessage) => {
      if (msg.type === 'ready') {
        cleanup();
        resolve(msg.port);
      } else if (msg.type === 'failed') fail(msg.message);
    };
    const onExit = (code: number | null) => fail(`it exited early (code ${code})`);
    const onError = (err: Error) => fail(err.message);
    const timer = setTimeout(() => fail(`no answer within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.on('error', onError);
  });
}
