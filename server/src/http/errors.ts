/** An error that becomes a 4xx/5xx with the protocol's ApiError body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new HttpError(400, 'bad_request', message, details);
export const unauthorized = (message = '未登录或会话已过期，请重新登录 (not signed in or session expired)') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message = '当前角色无权执行此操作 (your role may not do this)') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (message = '找不到该资源 (not found)') => new HttpError(404, 'not_found', message);
