export * from './ids';
export * from './model';
export * from './errors';
export * from './endpoints';
