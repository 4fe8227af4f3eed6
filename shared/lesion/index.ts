export * from './categories';
export * from './measurement';
export * from './lesion';
