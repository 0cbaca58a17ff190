export * from './bounds';
export * from './errors';
export * from './pack';
export * from './schedule';
export * from './synthetic';
export * from './timetable';
export * from './types';
export { formatClock, parseClock } from './validate';
