// Entry of the upload worker thread: the code base is TypeScript, compiled on load by tsx (as
// bin/concord.js does for the main thread; loader hooks are per thread).
import { register } from 'tsx/esm/api';

register();
await import('./uploadWorker.ts');
