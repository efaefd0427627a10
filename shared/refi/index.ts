/** REFI-QDA (QDA-XML 1.0) interchange: a project and codebook reader and writer, pure and isomorphic. */
export * from './project';
export * from './xmlText';
export * from './offsets';
export * from './parseProject';
export * from './parseCodebook';
export * from './unzipQdpx';
export * from './guid';
export * from './codePointIndex';
export * from './exportModel';
export * from './writeProject';
export * from './writeCodebook';
export * from './zipQdpx';
