import { HttpError } from '../http/errors';

export const conflict = (code: string, message: string) => new HttpError(409, code, message);
/** The request is well-formed but the case does not allow it (amount above what is left, unknown key). */
export const unprocessable = (code: string, message: string) => new HttpError(422, code, message);

export const requestIdReused = () =>
  conflict('request_id_reused', '该请求编号已用于另一项操作，请换一个新的编号 (request id already used for a different command)');
export const customerFrozen = () =>
  conflict('customer_frozen', '该客户账户已冻结，不能办理退款、补偿或补发 (the customer account is frozen)');
