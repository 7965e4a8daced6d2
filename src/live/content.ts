/**
 * The app that answers, swappable while the server runs. Each database is
 * served by an app of its own (buildApp over that handle): its caches of
 * question JSON, compressed bodies and ETags belong to that content, so a
 * swap can never serve stale bytes. The HTTP server hands every request to
 * the current app (Fastify's `routing`); a request keeps the app it started
 * on, and a replaced app is closed, with its database, once its last
 * request has finished.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';

/** One database and the app that serves it. */
export interface Generation {
  app: FastifyInstance;
  db: Database;
}

interface Live extends Generation {
  inFlight: number;
  retired: boolean;
}

export class ContentSwitch {
  private current: Live;
  private readonly closing = new Set<Promise<void>>();

  constructor(first: Generation) {
    this.current = { ...first, inFlight: 0, retired: false };
  }

  /** The app new requests go to. */
  get app(): FastifyInstance {
    return this.current.app;
  }

  /** The HTTP server's request listener. */
  readonly dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    const generation = this.current;
    generation.inFlight += 1;
    let done = false;
    const finished = (): void => {
      if (done) return;
      done = true;
      generation.inFlight -= 1;
      if (generation.retired && generation.inFlight === 0) this.release(generation);
    };
    res.once('finish', finished);
    res.once('close', finished);
    generation.app.routing(req, res);
  };

  /** Serve `next` from now on; the previous app finishes what it has in hand, then closes. */
  swap(next: Generation): void {
    const previous = this.current;
    this.current = { ...next, inFlight: 0, retired: false };
    previous.retired = true;
    if (previous.inFlight === 0) this.release(previous);
  }

  private release(generation: Live): void {
    const closing = generation.app
      .close()
      .catch(() => undefined)
      .then(() => {
        if (generation.db.open) generation.db.close();
      });
    this.closing.add(closing);
    void closing.finally(() => this.closing.delete(closing));
  }

  /** Close the current app and wait for replaced ones (shutdown, after the server stopped). */
  async close(): Promise<void> {
    this.current.retired = true;
    if (this.current.inFlight === 0) this.release(this.current);
    await Promise.all(this.closing);
  }
}
