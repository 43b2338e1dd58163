/**
 * Base of every error this library throws, so one exception filter can recognise them with a single
 * `instanceof` and map `code` to a response. Messages never contain key material, plaintext or tokens.
 */
export abstract class CryptoError<TCode extends string = string> extends Error {
  protected constructor(
    readonly code: TCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
