import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { LazyRequestLogger, lazyChildLoggerFactory, makeChildrenLazy } from '../../src/http/request-log.js';
import { buildTestApp } from '../helpers/app.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { parent: pino({ level }, stream), lines };
}

describe('request loggers', () => {
  it('make no pino child for a request that logs nothing at the enabled level', () => {
    const { parent, lines } = capture('warn');
    const child = vi.spyOn(parent, 'child');
    const log = lazyChildLoggerFactory(parent, { reqId: 'r-1' }, {});
    log.info('not written');
    log.debug({ a: 1 }, 'not written either');
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('write lines with the request id once something is logged, making the child once', () => {
    const { parent, lines } = capture('info');
    const child = vi.spyOn(parent, 'child');
    const log = lazyChildLoggerFactory(parent, { reqId: 'r-2' }, {});
    log.warn({ ms: 1200 }, 'slow request');
    log.error(new Error('boom'));
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, reqId: 'r-2', ms: 1200, msg: 'slow request' }),
      expect.objectContaining({ level: 50, reqId: 'r-2', msg: 'boom' }),
    ]);
  });

  it('report the parent level, and take a level of their own', () => {
    const { parent, lines } = capture('warn');
    const log = lazyChildLoggerFactory(parent, { reqId: 'r-3' }, {});
    expect(log.level).toBe('warn');
    log.level = 'debug';
    log.debug('now written');
    expect(parent.level).toBe('warn');
    expect(lines).toEqual([expect.objectContaining({ level: 20, reqId: 'r-3', msg: 'now written' })]);
  });

  it('make grandchildren that keep the request id', () => {
    const { parent, lines } = capture('info');
    lazyChildLoggerFactory(parent, { reqId: 'r-4' }, {}).child({ plugin: 'x' }).info('hello');
    expect(lines).toEqual([expect.objectContaining({ reqId: 'r-4', plugin: 'x', msg: 'hello' })]);
  });

  it('are lazy children of a logger made lazy, which still makes real ones on demand and when a level is set', () => {
    const { parent, lines } = capture('info');
    makeChildrenLazy(parent);
    const log = parent.child({ reqId: 'r-5' }, {});
    expect(log).toBeInstanceOf(LazyRequestLogger);
    log.debug('not written');
    log.warn('written');
    const leveled = parent.child({ reqId: 'r-6' }, { level: 'debug' });
    expect(leveled).not.toBeInstanceOf(LazyRequestLogger);
    leveled.debug('debug written');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, reqId: 'r-5', msg: 'written' }),
      expect.objectContaining({ level: 20, reqId: 'r-6', msg: 'debug written' }),
    ]);
  });

  it('are what the app gives each request, with the request id on error lines', async () => {
    const t = await buildTestApp({ captureLogs: 'info' });
    try {
      expect(t.app.log.child({ reqId: 'x' }, {})).toBeInstanceOf(LazyRequestLogger);
      await t.http.get('/v1/questions?limit=1').set('x-request-id', 'req-log-1');
      // Nothing at info for a fast, successful request.
      expect(t.logs.filter((line) => line.reqId === 'req-log-1')).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
