/** class-transformer's metadata registry (CommonJS build); its typings ship under `types/`. */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
