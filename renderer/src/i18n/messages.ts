import type { zhCN } from './zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Every language has exactly the keys of the default one. */
export type Messages = Shape<typeof zhCN>;
