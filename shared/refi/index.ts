/** A minimal, pure REFI-QDA (QDA-XML 1.0) project reader for the agreement calculator. */
export * from './project';
export * from './xmlText';
export * from './offsets';
export * from './parseProject';
export * from './unzipQdpx';
