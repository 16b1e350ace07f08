import type { HttpResponse } from './response';

/** At most this many redirects are followed for one request. */
export const MAX_REDIRECTS = 5;

/** Where a 3xx answer sends the request (absolute), or undefined when it is no redirect. */
export function redirectTarget(fromUrl: string, response: Pick<HttpResponse, 'statusCode' | 'headers'>): string | undefined {
	if (response.statusCode < 300 || response.statusCode >= 400 || response.statusCode === 304) return undefined;
	const location = response.headers.location;
	if (!location) return undefined;
	try {
		return new URL(location, fromUrl).toString();
	} catch {
		return undefined;
	}
}

export function sameOrigin(a: string, b: string): boolean {
	return new URL(a).origin === new URL(b).origin;
}
