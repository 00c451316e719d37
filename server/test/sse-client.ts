// A text/event-stream reader over a real socket, for tests: events as they arrive, waits that
// resolve on arrival (never on a timer; the test's own timeout bounds them), and the stream's end.

export interface SseEvent {
  id: number | null;
  event: string;
  data: unknown;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  /** Resolves when the server ends the stream (or the client closes it). */
  readonly ended: Promise<void>;
  private buffer = '';
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  private markEnded: () => void = () => undefined;

  private constructor() {
    this.ended = new Promise((resolve) => {
      this.markEnded = resolve;
    });
  }

  /** Opens a stream; the answer's status and body are returned as they are when it is not a stream. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
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
        client.markEnded();
        client.wake();
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
        data: JSON.parse(data) as unknown,
      });
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once the events received satisfy `pred`; rejects if the stream ends first. */
  async waitFor(pred: (events: SseEvent[]) => boolean): Promise<void> {
    let ended = false;
    void this.ended.then(() => {
      ended = true;
    });
    while (!pred(this.events)) {
      if (ended) throw new Error(`stream ended first; got ${JSON.stringify(this.events.map((e) => e.event))}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      await Promise.resolve();
    }
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.ended;
  }
}

export class SseRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`stream refused with ${status}: ${body}`);
  }
}
