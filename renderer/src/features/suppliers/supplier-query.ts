import { OrderSupplierResponse } from '../../../../protocol';
import type { ApiClient } from '../../data';

/**
 * The supplier's answer about one order, as a query both the lookup panel and the macro
 * preview read: one cache entry per order, so a preview right after `o` reuses the answer.
 */
export function supplierQuery(api: Pick<ApiClient, 'get'>, orderId: string) {
  return {
    queryKey: ['supplier-lookup', orderId] as const,
    queryFn: () => api.get(`/api/orders/${encodeURIComponent(orderId)}/supplier`, OrderSupplierResponse),
    retry: false,
  };
}
