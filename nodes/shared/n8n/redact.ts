/**
 * Removes secrets from text that is about to reach the user (an error message, an API's error body echoed
 * back). Gateways sometimes echo the request, key included; this makes sure it goes no further.
 */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 6) result = result.split(secret).join('[redacted]');
	}
	return result.replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/g, '$1[redacted]');
}
