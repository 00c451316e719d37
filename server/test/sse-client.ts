// A text/event-stream reader over a real socket, for tests: events as they arrive, waits that
// resolve on arrival (never on a timer; the test's own timeout bounds them), and the stream's end.

export interface SseEvent<D = unknown> {
  id: number | null;
  event: string;
  data: D;
}

export class SseRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`stream refused with ${status}: ${body}`);
  }
}

export class SseClient<D = unknown> {
  readonly events: SseEvent<D>[] = [];
  /** Resolves when the server ends the stream (or the client closes it). */
  readonly ended: Promise<void>;
  private buffer = '';
  private finished = false;
  private readonly controller = new AbortController();
  private readonly changed = new EventTarget();
  private markEnded: () => void = () => undefined;

  private constructor() {
    this.ended = new Promise((resolve) => {
      this.markEnded = resolve;
    });
  }

  /** Opens a stream; throws SseRefusedError with the status and body when the answer is not a stream. */
  static async open<D = unknown>(url: string, headers: Record<string, string> = {}): Promise<SseClient<D>> {
    const client = new SseClient<D>();
    const res = await fetch(url, { headers, signal: client.controller.signal });
    if (res.status !== 200 || !res.headers.get('content-type')?.includes('text/event-stream')) {
      throw new SseRefusedError(res.status, await res.text());
    }
    const body = res.body;
    if (!body) throw new Error('no body');
    const reader = body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          client.push(decoder.decode(value, { stream: true }));
        }
      } catch {
        // aborted by close()
      } finally {
        client.finished = true;
        client.markEnded();
        client.changed.dispatchEvent(new Event('change'));
      }
    })();
    return client;
  }

  private push(text: string): void {
    this.buffer += text;
    let at: number;
    while ((at = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      const fields = new Map<string, string>();
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const i = line.indexOf(': ');
        if (i > 0) fields.set(line.slice(0, i), line.slice(i + 2));
      }
      const data = fields.get('data');
      if (data === undefined) continue;
      const id = fields.get('id');
      this.events.push({
        id: id === undefined ? null : Number(id),
        event: fields.get('event') ?? 'message',
        data: JSON.parse(data) as D,
      });
    }
    this.changed.dispatchEvent(new Event('change'));
  }

  /** Resolves once the events received satisfy `pred`, checked as each arrives; rejects if the stream ends first. */
  waitFor(pred: (events: SseEvent<D>[]) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (pred(this.events)) resolve();
        else if (this.finished)
          reject(new Error(`stream ended; got ${JSON.stringify(this.events.map((e) => e.event))}`));
        else return;
        this.changed.removeEventListener('change', check);
      };
      this.changed.addEventListener('change', check);
      check();
    });
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.ended;
  }
}
