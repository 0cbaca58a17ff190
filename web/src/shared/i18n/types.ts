import type { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
/** The English dictionary must have exactly the Chinese one's keys. */
export type Dictionary = Shape<typeof zhCN>;

type Paths<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}` }[keyof T & string];
/** Every translatable text, as a dotted key (`person.idNumber`). */
export type MessageKey = Paths<Dictionary>;

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;
