export * from './cells';
export * from './columns';
export * from './validate';
