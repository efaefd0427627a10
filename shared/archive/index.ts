export * from './ArchiveError';
export * from './archiveLimits';
export * from './readZip';
export * from './docxParts';
