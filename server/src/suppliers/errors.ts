import { conflict } from '../casework/errors';
import { HttpError } from '../http/errors';
import type { SupplierCallError } from './client';

export const supplierNotConfigured = (name: string) =>
  conflict('supplier_not_configured', `供应商「${name}」尚未接入，请联系管理员配置 (this supplier is not connected; ask an admin)`);

/** A failed supplier command as the workstation gets it: what went wrong upstream, by code. */
export function supplierHttpError(err: SupplierCallError): HttpError {
  const status =
    err.code === 'not_found'
      ? 422
      : err.code === 'not_configured'
        ? 409
        : err.code === 'supplier_error' || err.code === 'bad_response'
          ? 502
          : 503;
  return new HttpError(status, `supplier_${err.code}`, err.message);
}
