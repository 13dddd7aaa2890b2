export * from './ids';
export * from './model';
export * from './errors';
export * from './endpoints';
export * from './operations';
export * from './stream-events';
export * from './training';
