import { parseCustomHeaders } from './customHeaders';

/**
 * Removes secrets from text that is about to reach the user (an error message, an API's error body echoed
 * back, an output item). Gateways sometimes echo the request, key included; this makes sure it goes no further.
 */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 6) result = result.split(secret).join('[redacted]');
	}
	return result.replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/g, '$1[redacted]');
}

/** Every string in a parsed server answer redacted (keys too); other values as they are. */
export function redactDeep<T>(value: T, secrets: Array<string | undefined>): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry: unknown) => redactDeep(entry, secrets)) as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value) && Object.getPrototypeOf(value) === Object.prototype) {
		const result: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) result[redact(key, secrets)] = redactDeep(entry, secrets);
		return result as T;
	}
	return value;
}

/**
 * The secrets of a credential, for `redact`: the API key and every Custom Headers value (raw and trimmed; a
 * value like "Bearer abc..." also without its scheme), each also as it reads inside base64 text (a server
 * echoing a Basic header or a base64-encoded request). Custom Headers that do not parse give none here: the
 * credential then fails before any request is sent.
 */
export function credentialSecrets(credentials: Record<string, unknown>): string[] {
	const key = String(credentials.apiKey ?? '');
	const plain = [key, key.trim()];
	let headers: Record<string, string> = {};
	try {
		headers = parseCustomHeaders(credentials.customHeaders);
	} catch {
		// not sent, so not leaked
	}
	for (const value of Object.values(headers)) {
		plain.push(value, value.trim(), value.replace(/^\s*\S+\s+/, ''));
	}
	const secrets = plain.filter((secret) => secret.length >= 6);
	for (const secret of [...secrets]) secrets.push(...base64Forms(secret));
	return [...new Set(secrets.filter((secret) => secret.length > 0))];
}

/**
 * The part of base64 text that stands for `secret` wherever it starts in the encoded bytes (three alignments,
 * standard and URL alphabets): the characters that depend on the secret's bytes alone.
 */
export function base64Forms(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const forms: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
		if (core.length >= 8) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return forms;
}
