// viem's `ox` dependency reaches for Node's `worker_threads` in one path (Tempo's salt mining) that a browser
// never takes; this stands in for it so the bundle does not import a Node module, and says so if it ever runs.
export class Worker {
  constructor() {
    throw new Error("worker_threads is not available in the browser");
  }
}
