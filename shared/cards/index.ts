export * from './model';
export { DEFAULT_CARDS } from './defaults';
export { deriveCards, cardInstance } from './derive';
export * from './progress';
export { holdsCard, mayTickCard, overseesCards } from './policy';
