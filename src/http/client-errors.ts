import type { Socket } from 'node:net';
import { ERRORS, toProblem, type ErrorCode } from '../errors.js';

/**
 * Node rejects some requests before Fastify sees them: a malformed request
 * line, raw non-ASCII bytes in the URL (`curl "…?q=볼륨"` sends them
 * unencoded), oversized headers. Fastify's default answer is its own JSON
 * shape; this answers with the service's problem+json like every other 4xx.
 */
function describe(error: NodeJS.ErrnoException): { code: ErrorCode; detail: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'FAQ_ERR_HEADERS_TOO_LARGE', detail: 'The request line and headers exceed 8 KiB.' };
    case 'HPE_INVALID_URL':
      return {
        code: 'FAQ_ERR_BAD_REQUEST',
        detail:
          'The request target is not a valid URL; percent-encode non-ASCII text (curl -G URL --data-urlencode "q=볼륨").',
      };
    default:
      return { code: 'FAQ_ERR_BAD_REQUEST', detail: 'The request could not be parsed as HTTP.' };
  }
}

/** Fastify `clientErrorHandler`: a problem+json answer, then the socket is closed. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // A client that went away or stalled past the timeout has nobody to read an answer.
  if (error.code === 'ECONNRESET' || error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || socket.destroyed) {
    socket.destroy();
    return;
  }
  const { code, detail } = describe(error);
  const { status, title } = ERRORS[code];
  const body = JSON.stringify(toProblem(code, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
