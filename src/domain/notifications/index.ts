export * from './backoff';
export * from './payloads';
export * from './recipients';
