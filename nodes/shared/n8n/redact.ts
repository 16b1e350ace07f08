import { parseCustomHeaders } from './customHeaders';

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

/**
 * The secrets of a credential, for `redact`: the API key and every Custom Headers value (raw and trimmed; a
 * value like "Bearer abc..." also without its scheme). Custom Headers that do not parse give none here: the
 * credential then fails before any request is sent.
 */
export function credentialSecrets(credentials: Record<string, unknown>): string[] {
	const key = String(credentials.apiKey ?? '');
	const secrets = [key, key.trim()];
	let headers: Record<string, string> = {};
	try {
		headers = parseCustomHeaders(credentials.customHeaders);
	} catch {
		// not sent, so not leaked
	}
	for (const value of Object.values(headers)) {
		secrets.push(value, value.trim(), value.replace(/^\s*\S+\s+/, ''));
	}
	return [...new Set(secrets.filter((secret) => secret.length > 0))];
}
