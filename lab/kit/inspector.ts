/**
 * A full garbage collection in another Node process, through its inspector (started with `--inspect`): what the
 * soak does before it reads the heap its leak check compares. The DevTools protocol is a few JSON messages over a
 * WebSocket, which Node has built in; `node:inspector` reaches only the process it runs in.
 */
export async function collectGarbage(inspectorUrl: string, timeoutMs = 30_000): Promise<void> {
  const socket = new WebSocket(inspectorUrl);
  const replies = new Map<number, () => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number };
    if (message.id !== undefined) replies.get(message.id)?.();
  });
  let nextId = 0;
  const call = (method: string) =>
    new Promise<void>((resolve) => {
      const id = ++nextId;
      replies.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`the inspector at ${inspectorUrl} did not collect garbage within ${timeoutMs} ms`)), timeoutMs).unref(),
  );
  try {
    await Promise.race([
      new Promise((resolve, reject) => {
        socket.addEventListener('open', resolve, { once: true });
        socket.addEventListener('error', () => reject(new Error(`could not connect to the inspector at ${inspectorUrl}`)), { once: true });
      }),
      timeout,
    ]);
    await Promise.race([call('HeapProfiler.collectGarbage'), timeout]);
  } finally {
    socket.close();
  }
}
