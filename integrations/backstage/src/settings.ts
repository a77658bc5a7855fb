/** The provider's settings, read from `catalog.providers.tfsync` and checked with clear errors. */
export interface TfsyncSettings {
  baseUrl: string;
  token?: string;
  kinds?: string[];
  pageSize: number;
}

/** The part of Backstage's config reader the settings need. */
export interface ConfigReader {
  getOptionalConfig(key: string): ConfigReader | undefined;
  getString(key: string): string;
  getOptionalString(key: string): string | undefined;
  getOptionalStringArray(key: string): string[] | undefined;
  getOptionalNumber(key: string): number | undefined;
}

export const CONFIG_KEY = 'catalog.providers.tfsync';

/** The settings, or undefined when `catalog.providers.tfsync` is not configured (the provider is then off). */
export function readSettings(root: ConfigReader): TfsyncSettings | undefined {
  const config = root.getOptionalConfig(CONFIG_KEY);
  if (!config) {
    return undefined;
  }
  const baseUrl = config.getString('baseUrl').replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new Error(`${CONFIG_KEY}.baseUrl must be an absolute http(s) URL, got '${baseUrl}'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`${CONFIG_KEY}.baseUrl must be an http(s) URL, got '${baseUrl}'`);
  }
  const pageSize = config.getOptionalNumber('pageSize') ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10000) {
    throw new Error(`${CONFIG_KEY}.pageSize must be a whole number from 1 to 10000, got ${pageSize}`);
  }
  const kinds = config.getOptionalStringArray('kinds');
  if (kinds) {
    for (const kind of kinds) {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) {
        throw new Error(`${CONFIG_KEY}.kinds: '${kind}' is not an entity kind`);
      }
    }
  }
  const token = config.getOptionalString('token');
  return { baseUrl, token: token || undefined, kinds: kinds?.length ? kinds : undefined, pageSize };
}
