export * from './decide';
export * from './profiles';
export * from './types';
export * from './validate';
