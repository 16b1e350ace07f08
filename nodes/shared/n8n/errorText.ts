/**
 * n8n's error popup renders an error's message and description as HTML, so a server's "Bearer <key>" would
 * lose its "<key>". Server text bound for an error goes through this: angle brackets become ‹ and ›.
 */
export function visibleInPopup(text: string): string {
	return text.replace(/</g, '‹').replace(/>/g, '›');
}
