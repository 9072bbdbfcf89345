import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../infra/errors';
import { ErrorCode } from '../workflows/error-codes';
import { errorBody, HTTP_STATUS } from './errors';

/**
 * Requests Node's HTTP parser refuses before Express sees them (request line or headers over the
 * limit, a broken request) get an answer in the one error format too, instead of a bare status.
 */
export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const refusal = err.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError(ErrorCode.REQUEST_HEADERS_TOO_LARGE, 'The request line or headers are too long.')
      : new AppError(ErrorCode.VALIDATION_FAILED, 'The request is not valid HTTP.');
    const requestId = randomUUID();
    const body = JSON.stringify(errorBody(requestId, refusal));
    const status = HTTP_STATUS[refusal.code];
    socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n`
      + `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
      + `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`);
  });
}
