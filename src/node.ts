/**
 * scl-wear/node: the Node-only parts of the SDK (file readers, training, evaluation).
 * Browser code imports `scl-wear` instead.
 *
 * @packageDocumentation
 */
export {};
