export * from './types';
export * from './defaults';
export * from './validate';
export * from './merge';
export * from './syndrome';
export * from './window';
export * from './evaluate';
