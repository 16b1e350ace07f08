/** Advice the node's errors and the credential's test share, so a 401 reads the same in both. */

export const UNAUTHORIZED_ADVICE =
	'Check the key and the Authentication Header: Azure OpenAI wants "Api-Key", OpenAI and most gateways "Authorization: Bearer YOUR_KEY". A gateway that also wants a header of its own (Cloudflare AI Gateway, Helicone, Portkey) takes it in Custom Headers.';

export const FORBIDDEN_ADVICE =
	'Check the account\'s organization verification, project permissions and model access, and the Organization ID and Project ID.';

export const NOT_FOUND_ADVICE =
	'Base URL is everything before /videos, including /v1, e.g. https://my-litellm.example.com/v1; Azure may need api-version=preview in Extra Query Parameters.';
