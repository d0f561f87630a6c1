import type * as LibxmlModule from 'libxml2-wasm' with { 'resolution-mode': 'import' };

/** libxml2 compiled to WebAssembly: parsing and XSD validation without a native build. */
export type Libxml = typeof LibxmlModule;
export type LibxmlNode = LibxmlModule.XmlNode;
export type LibxmlElement = LibxmlModule.XmlElement;
export type LibxmlDocument = LibxmlModule.XmlDocument;

let loading: Promise<Libxml> | undefined;

/** The package is ESM-only; this CommonJS project loads it once, asynchronously, at start. */
export const loadLibxml = (): Promise<Libxml> => (loading ??= import('libxml2-wasm'));
