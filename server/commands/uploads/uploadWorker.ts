// The upload worker's body (commands/uploads/UploadParser.ts starts it through
// uploadWorkerBoot.js): parses one task at a time and answers with the result or the refusal.
import { parentPort } from 'node:worker_threads';
import { type UploadTask, runUploadTask, toFailure } from './uploadTasks';

const port = parentPort!;
port.on('message', (m: { id: number; task: UploadTask }) => {
  runUploadTask(m.task).then(
    (result) => port.postMessage({ id: m.id, ok: true, result }),
    (e: unknown) => port.postMessage({ id: m.id, ok: false, failure: toFailure(e) }),
  );
});
port.postMessage({ ready: true });
