export * from './model';
export { DEFAULT_CARDS } from './defaults';
export { deriveCards, cardInstance } from './derive';
export * from './progress';
export { holdsCard, mayTickCard, overseesCards } from './policy';
export * from './library';
export { checkCard, sameCard, describePath, type CardIssue } from './validate';
export { planImport, type ImportIssue } from './importPlan';
export { mayEditCards, EDIT_CARDS_REFUSAL } from './policy';
