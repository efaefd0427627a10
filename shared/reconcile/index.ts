/** Reconciliation: pure logic shared by the server and the browser views (docs/reconciliation.md). */
export * from './discussionSchema';
export * from './discussionDoc';
export * from './agreedRegions';
export * from './resolutionSpans';
export * from './recurrence';
export * from './citeLines';
export * from './tableOfThemes';
export * from './tableView';
export * from './tableNotes';
export * from './writeup';
export * from './record';
export * from './requests';
export { JOURNAL_ENTRIES, addJournalEntry, readJournal, type JournalEntry } from './journal';
export * from './codebookMap';
export * from './codebookDecision';
export * from './codebookSuggestions';
export { nameSimilarity } from './nameSimilarity';
