export * from './canonical';
export * from './commitment';
export * from './draw';
export * from './errors';
export * from './input';
export * from './weights';
export * from './verify';
