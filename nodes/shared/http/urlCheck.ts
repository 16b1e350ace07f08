import { isIP } from 'node:net';

/**
 * Why an output URL a server handed over must not be fetched, or undefined when it may be: https on a public
 * host, or any address on the credential's own Base URL host (a self-hosted gateway on http or a private
 * network). Names that resolve to a private address are for n8n's SSRF settings (see the README); this
 * catches what the URL itself shows.
 */
export function urlRefusal(url: string, baseUrl?: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'it is not a valid URL';
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `it is not a web address (${parsed.protocol.replace(/:$/, '')})`;
	if (parsed.username || parsed.password) return 'it carries a user name or password';
	if (baseUrl && sameHost(parsed, baseUrl)) return undefined;
	if (isInternalHost(parsed.hostname))
		return `it points at an internal address (${parsed.hostname}), not on the credential's Base URL host`;
	if (parsed.protocol !== 'https:') return "it is not https, and not on the credential's Base URL host";
	return undefined;
}

function sameHost(url: URL, baseUrl: string): boolean {
	try {
		return new URL(baseUrl).hostname.toLowerCase() === url.hostname.toLowerCase();
	} catch {
		return false;
	}
}

/** Loopback, private, link-local and other non-public addresses, and names that only mean something locally. */
export function isInternalHost(hostname: string): boolean {
	const host = hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
	const version = isIP(host);
	if (version === 4) return isInternalIPv4(host);
	if (version === 6) return isInternalIPv6(host);
	return !host.includes('.');
}

function isInternalIPv4(address: string): boolean {
	const [a, b] = address.split('.').map(Number);
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 192 && b === 0) ||
		(a === 198 && (b === 18 || b === 19)) ||
		a >= 224
	);
}

function isInternalIPv6(address: string): boolean {
	if (address === '::' || address === '::1') return true;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
	if (mapped) return isInternalIPv4(mapped[1]);
	if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(address)) return true;
	return /^(f[cd]|fe[89ab])/.test(address);
}
