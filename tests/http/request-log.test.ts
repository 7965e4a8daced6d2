import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { lazyChildLoggerFactory } from '../../src/http/request-log.js';

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
});
