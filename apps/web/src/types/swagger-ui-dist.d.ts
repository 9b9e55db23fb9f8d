/** The part of swagger-ui-dist's self-contained browser bundle the API reference page uses. */
declare module "swagger-ui-dist/swagger-ui-es-bundle.js" {
  interface SwaggerUIOptions {
    domNode: HTMLElement;
    url: string;
    /** null: no badge fetched from the online validator (these machines are offline). */
    validatorUrl: string | null;
    deepLinking?: boolean;
    tryItOutEnabled?: boolean;
  }
  const SwaggerUI: (options: SwaggerUIOptions) => unknown;
  export default SwaggerUI;
}
