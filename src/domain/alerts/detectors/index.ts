export * from './types';
export * from './registry';
export { poissonUpperTail } from './poisson';
