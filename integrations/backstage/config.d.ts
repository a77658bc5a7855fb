export interface Config {
  catalog?: {
    providers?: {
      /** The tfsync entity provider: Terraform resources (and GitHub components) kept by tfsync. */
      tfsync?: {
        /** tfsync's base URL, e.g. https://tfsync.example.com */
        baseUrl: string;
        /**
         * A tfsync bearer token with the scopes catalog.read and events.read; its tenant decides what
         * the catalog receives. Omit for a tfsync without tokens on the same host.
         * @visibility secret
         */
        token?: string;
        /** Only these kinds (e.g. [Resource, Component]); all kinds by default. */
        kinds?: string[];
        /** Page size of the first full read, 1-10000 (default 500). */
        pageSize?: number;
      };
    };
  };
}
