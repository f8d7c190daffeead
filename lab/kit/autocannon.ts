import autocannon from 'autocannon';

export type LoadRun = autocannon.Options & {
  /** Ends the run early: Ctrl-C, or the moment the caller has what it needs. */
  signal?: AbortSignal;
  /** Called on each request that failed without an answer (connection error, timeout). */
  onRequestError?: () => void;
};

/** `connections` clients, each sending its next request as soon as the last one is answered, for `duration` s. */
export function runAutocannon({ signal, onRequestError, ...options }: LoadRun): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      // autocannon checks for the end of the run once a sample: every 100 ms, so it stops close to when it should.
      { sampleInt: 100, ...options },
      (error, result) => {
        signal?.removeEventListener('abort', stop);
        if (error) reject(error);
        else resolve(result);
      },
    );
    const stop = () => instance.stop();
    if (onRequestError) instance.on('reqError', onRequestError);
    signal?.addEventListener('abort', stop);
  });
}
