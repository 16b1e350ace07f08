import { pathSegment, PathSegmentError } from '../../../nodes/shared/http/pathSegment';
import { redirectTarget, sameOrigin } from '../../../nodes/shared/http/redirect';
import { isInternalHost, urlRefusal } from '../../../nodes/shared/http/urlCheck';

describe('urlRefusal: which output URLs a node fetches', () => {
	test.each([
		'https://storage.example.com/v.mp4?sig=1',
		'https://cdn.runwayml.com/a/b.mp4',
		'https://8.8.8.8/v.mp4',
		'https://[2001:4860::8888]/v.mp4',
	])('https on a public host: %s', (url) => expect(urlRefusal(url)).toBeUndefined());

	test.each([
		['http://127.0.0.1:5701/x.mp4', 'http://127.0.0.1:5702/v1'],
		['http://gateway.lan/content/x.mp4', 'https://gateway.lan/openai/v1'],
		['http://10.1.2.3/x.mp4', 'http://10.1.2.3:4000/v1'],
	])('any URL on the Base URL host: %s', (url, baseUrl) => expect(urlRefusal(url, baseUrl)).toBeUndefined());

	test.each([
		['http://cdn.example.com/v.mp4', /not https/],
		['https://127.0.0.1/v.mp4', /internal address \(127\.0\.0\.1\)/],
		['https://2130706433/v.mp4', /internal address \(127\.0\.0\.1\)/],
		['https://0x7f.1/v.mp4', /internal address/],
		['https://10.0.0.5/v.mp4', /internal address/],
		['https://172.20.1.1/v.mp4', /internal address/],
		['https://192.168.0.10/v.mp4', /internal address/],
		['https://169.254.169.254/latest/meta-data', /internal address/],
		['https://100.64.0.1/v.mp4', /internal address/],
		['https://[::1]/v.mp4', /internal address/],
		['https://[fd00::1]/v.mp4', /internal address/],
		['https://[fe80::1]/v.mp4', /internal address/],
		['https://[::ffff:127.0.0.1]/v.mp4', /internal address/],
		['https://localhost/v.mp4', /internal address/],
		['https://metadata.google.internal/v.mp4', /internal address/],
		['https://printer.local/v.mp4', /internal address/],
		['https://intranet/v.mp4', /internal address/],
		['file:///etc/passwd', /not a web address \(file\)/],
		['https://user:pw@cdn.example.com/v.mp4', /user name or password/],
		['not a url', /not a valid URL/],
	])('refused: %s', (url, reason) => expect(urlRefusal(url, 'https://api.example.com/v1')).toMatch(reason));

	test("a host name is not an address: public names are not judged internal (DNS is for n8n's SSRF settings)", () => {
		expect(isInternalHost('storage.googleapis.com')).toBe(false);
		expect(isInternalHost('127.0.0.1.nip.io')).toBe(false);
	});
});

describe('redirects', () => {
	test('a Location, relative or absolute, becomes the absolute target; other answers are no redirect', () => {
		const from = 'https://api.example.com/v1/videos/v1/content?variant=video';
		expect(redirectTarget(from, { statusCode: 302, headers: { location: '/blob/x' } })).toBe('https://api.example.com/blob/x');
		expect(redirectTarget(from, { statusCode: 307, headers: { location: 'https://s3.example.com/x?sig=1' } })).toBe(
			'https://s3.example.com/x?sig=1',
		);
		expect(redirectTarget(from, { statusCode: 302, headers: {} })).toBeUndefined();
		expect(redirectTarget(from, { statusCode: 304, headers: { location: '/x' } })).toBeUndefined();
		expect(redirectTarget(from, { statusCode: 200, headers: { location: '/x' } })).toBeUndefined();
	});

	test('an origin is scheme, host and port', () => {
		expect(sameOrigin('http://127.0.0.1:5701/a', 'http://127.0.0.1:5701/b?c')).toBe(true);
		expect(sameOrigin('http://127.0.0.1:5701/a', 'http://127.0.0.1:5702/a')).toBe(false);
		expect(sameOrigin('https://api.example.com/a', 'http://api.example.com/a')).toBe(false);
	});
});

describe('pathSegment: ids are opaque', () => {
	test.each(['video_68d7', 'a/b', 'x y', '?q#f', '..a', '%2e%2e', 'ünï'])('%s is sent percent-encoded as one segment', (id) => {
		const segment = pathSegment(id);
		expect(segment).toBe(encodeURIComponent(id));
		expect(new URL(`https://api.example.com/v1/tasks/${segment}`).pathname).toBe(`/v1/tasks/${segment}`);
	});

	test.each(['', '.', '..'])('"%s" is refused: it would address another endpoint', (id) => {
		expect(() => pathSegment(id)).toThrow(PathSegmentError);
	});
});
